// 新建人员账号: username, name, phone and the first roles; the password is the admin's or a random one
// returned this once. Either way the person must change it at the first sign-in. Audited.
import type { Db } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { ZCreateStaffBody, type TCreateStaffBody, type TRoleGrant, type TStaffPasswordIssued } from '../../contract/staff.ts';
import { recordAudit } from '../audit/index.ts';
import { findUnit } from '../org/index.ts';
import { hashPassword } from './password.ts';
import { checkPassword, DEFAULT_PASSWORD_POLICY, randomInitialPassword, type PasswordPolicy } from './password-policy.ts';
import { addExtraGrant, insertStaffUser, isUnitRole, type UnitGrant } from './staff.repo.ts';
import { assertCanGrantPlatformRole, assertCanManageUnit, auditActor, type StaffAdmin } from './staff.policy.ts';
import { roleNeedsUnit, roleNotPerUnit, unitUnknown, usernameTaken } from './staff.errors.ts';
import { inTransaction } from './in-transaction.ts';

export type CreateStaffInput = TCreateStaffBody;

const invalidInput = (issues: Array<{ path: PropertyKey[]; message: string }>) =>
  new AppError(
    'bad_request',
    'STAFF_INPUT_INVALID',
    { zh: '人员信息不符合要求', en: 'The staff details are not valid' },
    issues.map((i) => ({ path: i.path.map(String).join('.'), code: 'INVALID_FIELD', zh: `字段 ${i.path.map(String).join('.')} 不符合要求（${i.message}）`, en: `${i.path.map(String).join('.')}: ${i.message}` })),
  );

/** Checks the roles of a new account: unit roles name an existing unit the admin manages; a platform role stands alone. */
export async function checkGrants(db: Db, roles: TRoleGrant[], by: StaffAdmin): Promise<{ own: TRoleGrant; extra: UnitGrant[] }> {
  const seen = new Set<string>();
  const unique = roles.filter((g) => {
    const key = `${g.role}@${g.unitCode ?? ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  for (const g of unique) {
    if (isUnitRole(g.role)) {
      if (!g.unitCode) throw roleNeedsUnit();
      if (!(await findUnit(db, g.unitCode))) {
        await assertCanManageUnit(db, by, g.unitCode); // a unit admin learns nothing about units not theirs
        throw unitUnknown(g.unitCode);
      }
      await assertCanManageUnit(db, by, g.unitCode);
    } else {
      if (g.unitCode !== null || unique.length > 1) throw roleNotPerUnit();
      assertCanGrantPlatformRole(by);
    }
  }
  const [own, ...rest] = unique;
  return { own: own!, extra: rest.map((g) => ({ role: g.role as UnitGrant['role'], unitCode: g.unitCode! })) };
}

export async function createStaffAccount(db: Db, input: CreateStaffInput, by: StaffAdmin, at: Date, policy: PasswordPolicy = DEFAULT_PASSWORD_POLICY): Promise<TStaffPasswordIssued> {
  const parsed = ZCreateStaffBody.safeParse(input);
  if (!parsed.success) throw invalidInput(parsed.error.issues);
  const body = parsed.data;
  const { own, extra } = await checkGrants(db, body.roles, by);
  if (body.password !== undefined) checkPassword(body.password, policy);
  const password = body.password ?? randomInitialPassword(policy);
  const passwordHash = await hashPassword(password); // slow on purpose: before any row is locked
  return inTransaction(db, async (tx) => {
    const id = await insertStaffUser(tx, { username: body.username, name: body.name, phone: body.phone, role: own.role, unitCode: own.unitCode, passwordHash });
    if (id === undefined) throw usernameTaken(body.username);
    const byId = by === 'system' ? null : by.id;
    for (const g of extra) await addExtraGrant(tx, id, g, byId, at);
    await recordAudit(tx, {
      ...auditActor(by), action: 'staff.account.create', targetType: 'user', targetId: id,
      detail: { username: body.username, roles: [own, ...extra], passwordChosenBy: body.password === undefined ? 'random' : 'admin' },
    });
    return { id, username: body.username, initialPassword: body.password === undefined ? password : null };
  });
}
