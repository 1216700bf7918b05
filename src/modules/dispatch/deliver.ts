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
import { buildEnvelope } from './envelope.ts';
import { signRequest } from './signing.ts';

export const PUSH_TIMEOUT_MS = 10_000;

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

export function registerDispatchHandlers(dispatcher: OutboxDispatcher, ctx: AppContext): void {
  for (const topic of DISPATCH_EVENTS) dispatcher.register(topic, (event) => dispatchEvent(ctx, topic, event));
}

export async function dispatchEvent(ctx: AppContext, topic: TDispatchEvent, event: OutboxEvent): Promise<void> {
  const db = ctx.database.db;
  const subcaseId = str(event.payload.subcaseId) ?? event.key;
  const unitCode = str(event.payload.unitCode);
  if (!unitCode) throw new Error(`outbox ${event.id} (${topic}): no unitCode in the payload`);
  const { adapter } = await adapterFor(db, unitCode);
  // a first attempt cannot have made its task yet (a crashed one counts as an attempt); a resent dead
  // letter starts again at 1, and insertTaskOnce then finds the task it made before
  let task = event.attempt > 1 ? await repo.findTaskByOutbox(db, event.id) : undefined;
  if (!task) {
    if (adapter.kind === 'back-office') return; // the worklist shows it
    const at = ctx.now();
    const taskId = randomUUID();
    const sequence = await repo.nextTaskSequence(db, subcaseId);
    const envelope = await buildEnvelope(ctx, { taskId, event: topic, sequence, subcaseId, at });
    if (!envelope) throw new Error(`outbox ${event.id} (${topic}): sub-case ${subcaseId} not found`);
    task = await repo.insertTaskOnce(db, { id: taskId, outboxId: event.id, subcaseId, unitCode, kind: adapter.kind, event: topic, sequence, envelope, at });
  }
  if (task.state === 'done' || task.kind !== 'push') return; // pull and manual tasks wait to be taken
  await pushTask(ctx, task, event.attempt);
}

/** One delivery attempt of a push task; throws on anything but a 2xx answer. */
export async function pushTask(ctx: AppContext, task: repo.TaskRow, attempt: number): Promise<void> {
  const db = ctx.database.db;
  const { adapter, key } = await adapterFor(db, task.unit_code);
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
  let caseNo: string | null = null;
  try {
    const parsed = JSON.parse(text) as { caseNo?: unknown };
    if (typeof parsed.caseNo === 'string' && parsed.caseNo.length > 0 && parsed.caseNo.length <= 100) caseNo = parsed.caseNo;
  } catch {
    // a 2xx without JSON still means received
  }
  await repo.completeTask(db, task.id, ctx.now(), caseNo, null, attempt);
}
