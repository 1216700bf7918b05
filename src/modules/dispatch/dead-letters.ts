// Dead letters: outbox rows (of any subscriber) that gave up after the maximum attempts. Admins see them
// and can send one again: it becomes a fresh row available now, still in order behind nothing (the
// dispatcher only holds back later rows of a key behind an earlier *unfinished, not dead* one).
import type { Actor } from '../../platform/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import * as outbox from '../../platform/outbox.ts';
import { recordAudit } from '../audit/index.ts';

export async function listDeadLetters(ctx: AppContext, limit: number) {
  const rows = await outbox.listDeadLetters(ctx.database.db, limit);
  return rows.map((r) => ({
    id: r.id, topic: r.topic, subscriber: r.subscriber, key: r.key, payload: r.payload,
    attempts: r.attempts, lastError: r.last_error, createdAt: r.created_at.toISOString(), deadAt: r.dead_at.toISOString(),
  }));
}

export async function resendDeadLetter(ctx: AppContext, actor: Actor, id: number): Promise<{ id: number; topic: string; key: string }> {
  const at = ctx.now();
  return ctx.database.db.transaction().execute(async (tx) => {
    const row = await outbox.reviveDeadLetter(tx, id, at);
    if (!row) throw notFound({ zh: '待发事件', en: 'Outbox event' }, 'OUTBOX_EVENT_NOT_FOUND');
    if (row === 'not-dead') throw new AppError('conflict', 'OUTBOX_EVENT_NOT_DEAD', { zh: '该事件不是死信，无需重发', en: 'This event is not a dead letter' });
    await recordAudit(tx, {
      actorId: actor.id, actorRole: actor.role, action: 'dispatch.outbox.resend', targetType: 'outbox', targetId: id,
      detail: { topic: row.topic, subscriber: row.subscriber, key: row.key, attempts: row.attempts, lastError: row.lastError },
    });
    return { id, topic: row.topic, key: row.key };
  });
}
