// 重置密码: a random password (returned this once) or the admin's; the person must change it at the next
// sign-in, and every session of theirs ends. Audited (without the password).
import type { Db } from '../../platform/db.ts';
import { deleteUserSessions } from '../../platform/sessions.ts';
import type { TStaffPasswordIssued } from '../../contract/staff.ts';
import { recordAudit } from '../audit/index.ts';
import { hashPassword } from './password.ts';
import { checkPassword, DEFAULT_PASSWORD_POLICY, randomInitialPassword, type PasswordPolicy } from './password-policy.ts';
import { loadStaffTarget } from './load-staff-target.ts';
import { setPasswordHash } from './staff.repo.ts';
import { assertCanManageAccount, auditActor, type StaffAdmin } from './staff.policy.ts';
import { inTransaction } from './in-transaction.ts';

export async function resetStaffPassword(
  db: Db, userId: number, input: { password?: string | undefined }, by: StaffAdmin, at: Date, policy: PasswordPolicy = DEFAULT_PASSWORD_POLICY,
): Promise<TStaffPasswordIssued> {
  if (input.password !== undefined) checkPassword(input.password, policy);
  const password = input.password ?? randomInitialPassword(policy);
  const passwordHash = await hashPassword(password);
  return inTransaction(db, async (tx) => {
    const target = await loadStaffTarget(tx, userId);
    await assertCanManageAccount(tx, by, target);
    await setPasswordHash(tx, userId, passwordHash, true);
    await deleteUserSessions(tx, userId);
    await recordAudit(tx, {
      ...auditActor(by), action: 'staff.password.reset', targetType: 'user', targetId: userId,
      detail: { username: target.username, passwordChosenBy: input.password === undefined ? 'random' : 'admin', at: at.toISOString() },
    });
    return { id: userId, username: target.username, initialPassword: input.password === undefined ? password : null };
  });
}
