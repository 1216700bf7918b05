// 修改密码: the person's own, with the current one. Clears the forced change an admin's create or reset
// set, and ends the person's other sessions. Audited.
import type { AppContext } from '../../platform/context.ts';
import { deleteOtherSessions } from '../../platform/sessions.ts';
import { recordAudit } from '../audit/index.ts';
import { findUserById } from './identity.repo.ts';
import { hashPassword, verifyPassword } from './password.ts';
import { checkPassword } from './password-policy.ts';
import { setPasswordHash } from './staff.repo.ts';
import { currentPasswordWrong, passwordUnchanged, staffNotFound } from './staff.errors.ts';

export async function changeOwnPassword(
  ctx: AppContext, userId: number, sessionId: string, input: { currentPassword: string; newPassword: string }, ip: string,
): Promise<void> {
  const db = ctx.database.db;
  const user = await findUserById(db, userId);
  if (!user) throw staffNotFound();
  if (!(await verifyPassword(input.currentPassword, user.password_hash))) throw currentPasswordWrong();
  if (input.newPassword === input.currentPassword) throw passwordUnchanged();
  checkPassword(input.newPassword, { minLength: ctx.config.passwordMinLength });
  const passwordHash = await hashPassword(input.newPassword);
  await db.transaction().execute(async (tx) => {
    await setPasswordHash(tx, userId, passwordHash, false);
    const ended = await deleteOtherSessions(tx, userId, sessionId);
    await recordAudit(tx, {
      actorId: userId, actorRole: user.role, action: 'auth.password.change', targetType: 'user', targetId: userId,
      detail: { wasForced: user.must_change_password, otherSessionsEnded: ended }, ip,
    });
  });
}
