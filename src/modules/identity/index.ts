// Public face of the identity module: accounts, real-name profiles, sign-in. Other modules import only this.
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../platform/context.ts';
import { registerAdminUserRoutes } from './admin-users.routes.ts';
import { registerAuthRoutes } from './identity.routes.ts';

export async function registerIdentityRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  await registerAuthRoutes(app, ctx);
  await registerAdminUserRoutes(app, ctx);
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
