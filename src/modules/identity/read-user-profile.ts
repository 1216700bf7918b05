// An administrator reads another person's real-name data: allowed only with a stated reason, and the
// read is audited in the same transaction, so no data leaves without its audit row.
import type { Actor } from '../../platform/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { recordAudit } from '../audit/index.ts';
import { findUserById, type UserRow } from './identity.repo.ts';

export const reasonRequired = () =>
  new AppError('bad_request', 'REASON_REQUIRED', {
    zh: '查看他人个人信息须填写查阅事由（reason 参数）',
    en: "Reading someone else's personal data requires a reason (the reason parameter)",
  });

export async function readUserProfile(ctx: AppContext, actor: Actor, userId: number, reason: string | undefined, ip: string): Promise<UserRow> {
  const why = reason?.trim();
  if (!why || why.length < 2) throw reasonRequired();
  return ctx.database.db.transaction().execute(async (tx) => {
    const user = await findUserById(tx, userId);
    if (!user) throw notFound({ zh: '用户', en: 'User' }, 'USER_NOT_FOUND');
    await recordAudit(tx, {
      actorId: actor.id,
      actorRole: actor.role,
      action: 'user.profile.read',
      targetType: 'user',
      targetId: user.id,
      reason: why,
      ip,
    });
    return user;
  });
}
