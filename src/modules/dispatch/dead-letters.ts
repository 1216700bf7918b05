// Dead letters: outbox rows (of any topic) that gave up after the maximum attempts. Admins see them
// and can send one again: it becomes a fresh row available now, still in order behind nothing (the
// dispatcher only holds back later rows of a key behind an earlier *unfinished, not dead* one).
import type { Actor } from '../../platform/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { recordAudit } from '../audit/index.ts';
import * as repo from './dispatch.repo.ts';

const iso = (d: Date | string) => new Date(d).toISOString();

export async function listDeadLetters(ctx: AppContext, limit: number) {
  const rows = await repo.listDeadLetters(ctx.database.db, limit);
  return rows.map((r) => ({
    id: r.id, topic: r.topic, key: r.key, payload: typeof r.payload === 'string' ? (JSON.parse(r.payload) as Record<string, unknown>) : r.payload,
    attempts: r.attempts, lastError: r.last_error, createdAt: iso(r.created_at), deadAt: iso(r.dead_at!),
  }));
}

export async function resendDeadLetter(ctx: AppContext, actor: Actor, id: number): Promise<{ id: number; topic: string; key: string }> {
  const at = ctx.now();
  return ctx.database.db.transaction().execute(async (tx) => {
    const row = await tx.selectFrom('outbox').select(['topic', 'key', 'attempts', 'last_error', 'dead_at', 'done_at']).where('id', '=', id).forUpdate().executeTakeFirst();
    if (!row) throw notFound({ zh: '待发事件', en: 'Outbox event' }, 'OUTBOX_EVENT_NOT_FOUND');
    if (!row.dead_at || row.done_at) throw new AppError('conflict', 'OUTBOX_EVENT_NOT_DEAD', { zh: '该事件不是死信，无需重发', en: 'This event is not a dead letter' });
    await repo.reviveDeadLetter(tx, id, at);
    await recordAudit(tx, {
      actorId: actor.id, actorRole: actor.role, action: 'dispatch.outbox.resend', targetType: 'outbox', targetId: id,
      detail: { topic: row.topic, key: row.key, attempts: row.attempts, lastError: row.last_error },
    });
    return { id, topic: row.topic, key: row.key };
  });
}
