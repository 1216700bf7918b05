// Public face of the identity module: accounts, real-name profiles, sign-in. Other modules import only this.
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../platform/context.ts';
import { registerAdminUserRoutes } from './admin-users.routes.ts';
import { registerAuthRoutes } from './identity.routes.ts';
import { registerJoinRoutes } from './registration.routes.ts';
import { registerStaffRoutes } from './staff.routes.ts';

export async function registerIdentityRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  await registerAuthRoutes(app, ctx);
  await registerAdminUserRoutes(app, ctx);
  await registerJoinRoutes(app, ctx);
  await registerStaffRoutes(app, ctx);
}

export { seedDemoAccounts, DEMO_ACCOUNTS, DEMO_PASSWORD, DEMO_COMPANY } from './demo-accounts.ts';
export { accountsWithDemoPassword } from './demo-credentials.ts';
export { findUserById, findUserByUsername, findUserByIdNumber, findUserByExternalSubject, insertUserIfAbsent, type NewUser, type UserRow } from './identity.repo.ts';
export { ensureUnitSystemAccount } from './ensure-unit-system-account.ts';
export { toUserView, toProfile } from './identity.presenters.ts';
export { getProfile } from './get-profile.ts';
export { ZUserView, ZProfile, ZRole, type TUserView, type TProfile } from '../../contract/identity.ts';
export { hashPassword, verifyPassword } from './password.ts';
export type { IdentityProvider, AuthenticatedIdentity, IdentityClaims, AuthenticationResult } from './identity-provider.ts';
export { IDENTITY_CLEARED_WHEN_DONE, IDENTITY_EVENTS, type TIdentityEvent } from './identity.events.ts';
export { passwordProblems, assertPasswordAcceptable } from './password-policy.ts';
export { purgeJoinLeftovers } from './registration.repo.ts';
// staff administration (人员管理): one use case per file, each audited; `by` is an Actor or 'system'
export { createStaffAccount, type CreateStaffInput } from './create-staff-account.ts';
export { disableStaffAccount, enableStaffAccount } from './disable-staff-account.ts';
export { resetStaffPassword } from './reset-staff-password.ts';
export { assignStaffRole } from './assign-staff-role.ts';
export { revokeStaffRole } from './revoke-staff-role.ts';
export { listStaffOfUnit } from './list-unit-staff.ts';
export { readStaffFile } from './staff-file.ts';
export { checkStaffImport, importStaffRows } from './import-staff.ts';
export { holdsUnitRole, unitGrantsOf, type UnitGrant } from './staff.repo.ts';
export { DEFAULT_PASSWORD_POLICY, type PasswordPolicy } from './password-policy.ts';
export type { StaffAdmin } from './staff.policy.ts';
