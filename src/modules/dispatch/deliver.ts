// Outbox handlers of dispatch: each dispatch event of a sub-case (released, withdrawn, supplement
// answered; outbox key = the sub-case id, so they run in order) becomes one task for the unit's
// system, by the unit's adapter kind:
//   back-office  nothing to send: the unit's worklist in Yijian shows the sub-case;
//   push         POST {endpoint}/subcases, signed, with an idempotency key; a non-2xx answer or a
//                timeout throws, so the outbox retries with backoff and gives up into a dead letter;
//   pull         the task waits in dispatch_tasks until the unit's system polls and acknowledges it;
//   manual       the task waits in the re-entry queue (二次录入) until a clerk records the other
//                system's case number.
// The task (with its envelope and sequence) is made once per outbox row, so a retry sends the same
// body with the same idempotency key.
import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../platform/context.ts';
import type { OutboxDispatcher, OutboxEvent } from '../../platform/outbox.ts';
import { adapterFor } from './adapters.ts';
import * as repo from './dispatch.repo.ts';
import { DISPATCH_EVENTS, type TDispatchEvent } from './dispatch.schemas.ts';
import { buildEnvelopes } from './envelope.ts';
import { signRequest } from './signing.ts';

export const PUSH_TIMEOUT_MS = 10_000;

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

export function registerDispatchHandlers(dispatcher: OutboxDispatcher, ctx: AppContext): void {
  for (const topic of DISPATCH_EVENTS) dispatcher.registerBatch(topic, (events) => dispatchEvents(ctx, topic, events));
}

/**
 * Handles the claimed dispatch events of one topic together (at most one per sub-case): a few queries
 * for the whole batch, the pushes concurrently. Returns, per event, undefined when done or its error.
 */
export async function dispatchEvents(ctx: AppContext, topic: TDispatchEvent, events: readonly OutboxEvent[]): Promise<unknown[]> {
  const db = ctx.database.db;
  const at = ctx.now();
  const errors: unknown[] = events.map(() => undefined);
  const items = events.map((event, i) => ({ i, event, subcaseId: str(event.payload.subcaseId) ?? event.key, unitCode: str(event.payload.unitCode) ?? '' }));
  for (const it of items) if (!it.unitCode) errors[it.i] = new Error(`outbox ${it.event.id} (${topic}): no unitCode in the payload`);
  const kinds = new Map<string, string>();
  for (const unit of new Set(items.map((it) => it.unitCode).filter(Boolean))) kinds.set(unit, (await adapterFor(db, unit)).adapter.kind);

  // a first attempt cannot have made its task yet (a crashed one counts as an attempt); a resent dead
  // letter starts again at 1, and insertTasksOnce then finds the task it made before
  const tasks = new Map((await repo.findTasksByOutbox(db, items.filter((it) => it.event.attempt > 1).map((it) => it.event.id))).map((t) => [t.outbox_id, t]));
  const fresh = items.filter((it) => errors[it.i] === undefined && !tasks.has(it.event.id) && kinds.get(it.unitCode) !== 'back-office'); // back office: the worklist shows it
  if (fresh.length > 0) {
    const sequences = await repo.nextTaskSequences(db, fresh.map((it) => it.subcaseId));
    const inputs = fresh.map((it) => ({ taskId: randomUUID(), event: topic, sequence: sequences.get(it.subcaseId) ?? 1, subcaseId: it.subcaseId, at }));
    const envelopes = await buildEnvelopes(ctx, inputs);
    const rows: repo.NewTask[] = [];
    fresh.forEach((it, k) => {
      const input = inputs[k]!;
      const envelope = envelopes.get(input.taskId);
      if (!envelope) errors[it.i] = new Error(`outbox ${it.event.id} (${topic}): sub-case ${it.subcaseId} not found`);
      else rows.push({ id: input.taskId, outboxId: it.event.id, subcaseId: it.subcaseId, unitCode: it.unitCode, kind: kinds.get(it.unitCode) as repo.NewTask['kind'], event: topic, sequence: input.sequence, envelope, at });
    });
    for (const t of await repo.insertTasksOnce(db, rows)) tasks.set(t.outbox_id, t);
  }

  // pull and manual tasks wait to be taken; push tasks go out now
  const delivered: Array<{ id: string; attempts: number; caseNo: string | null }> = [];
  await Promise.all(items.map(async (it) => {
    const task = tasks.get(it.event.id);
    if (errors[it.i] !== undefined || !task || task.state === 'done' || task.kind !== 'push') return;
    try {
      delivered.push({ id: task.id, attempts: it.event.attempt, caseNo: await pushTask(ctx, task) });
    } catch (err) {
      errors[it.i] = err;
    }
  }));
  await repo.completePushTasks(db, delivered, ctx.now());
  return errors;
}

/** One delivery attempt of a push task; the unit's case number, if it gave one. Throws on anything but a 2xx answer. */
export async function pushTask(ctx: AppContext, task: repo.TaskRow): Promise<string | null> {
  const { adapter, key } = await adapterFor(ctx.database.db, task.unit_code);
  if (!adapter.endpoint_url) throw new Error(`unit ${task.unit_code} has no push endpoint configured`);
  if (!key) throw new Error(`unit ${task.unit_code} has no signing key (rotate one in the admin API)`);
  const url = new URL(`${adapter.endpoint_url.replace(/\/+$/, '')}/subcases`);
  const body = JSON.stringify(task.envelope);
  const signed = signRequest({ unitCode: task.unit_code, keyId: key.keyId, secret: key.secret, method: 'POST', pathWithQuery: url.pathname + url.search, body, now: ctx.now() });
  const timeoutMs = typeof adapter.settings.timeoutMs === 'number' ? adapter.settings.timeoutMs : PUSH_TIMEOUT_MS;
  const res = await fetch(url, {
    method: 'POST',
    headers: { ...signed, 'content-type': 'application/json', 'idempotency-key': `${task.subcase_id}:${task.sequence}` },
    body,
    signal: AbortSignal.timeout(timeoutMs),
  });
  const text = await res.text().catch(() => '');
  if (!res.ok) throw new Error(`push to ${task.unit_code} ${url.origin}${url.pathname}: HTTP ${res.status} ${text.slice(0, 200)}`);
  try {
    const parsed = JSON.parse(text) as { caseNo?: unknown };
    if (typeof parsed.caseNo === 'string' && parsed.caseNo.length > 0 && parsed.caseNo.length <= 100) return parsed.caseNo;
  } catch {
    // a 2xx without JSON still means received
  }
  return null;
}
