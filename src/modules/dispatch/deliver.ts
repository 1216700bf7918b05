// Outbox handlers of dispatch: each dispatch event of a sub-case (released, withdrawn, supplement
// answered; outbox key = the sub-case id, so they run in order) becomes one task for the unit's
// system, by the unit's adapter kind:
//   back-office  nothing to send: the unit's worklist in Yijian shows the sub-case;
//   push         POST {endpoint}/subcases, signed, with an idempotency key; a non-2xx answer or a
//                timeout throws, so the outbox retries with backoff and gives up into a dead letter.
//                A unit whose adapter has settings.batchSize takes up to that many tasks per request
//                (POST {endpoint}/subcases/batch, an idempotency key per task) and answers per task;
//                a task it does not acknowledge is retried on its own schedule like a failed push;
//   pull         the task waits in dispatch_tasks until the unit's system polls and acknowledges it;
//   manual       the task waits in the re-entry queue (二次录入) until a clerk records the other
//                system's case number.
// The task (with its envelope and sequence) is made once per outbox row, so a retry sends the same
// body with the same idempotency key.
import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../platform/context.ts';
import { defineSubscription } from '../../platform/events.ts';
import { bindSubscriber, type Delivery, type SubscriberBinding } from '../../platform/outbox.ts';
import type { TCasesEventOf } from '../cases/index.ts';
import { adapterFor } from './adapters.ts';
import * as repo from './dispatch.repo.ts';
import { DISPATCH_EVENTS } from '../../contract/dispatch.ts';
import { buildEnvelopes } from './envelope.ts';
import { signRequest } from './signing.ts';

export const PUSH_TIMEOUT_MS = 10_000;

type DispatchEvent = TCasesEventOf<(typeof DISPATCH_EVENTS)[number]>;

/** Sub-case events to the unit's system, in order per sub-case. */
export const unitDelivery = defineSubscription<DispatchEvent>({
  name: 'dispatch.deliver', module: 'dispatch', events: DISPATCH_EVENTS, key: (e) => e.subcaseId,
});

export const DISPATCH_SUBSCRIPTIONS = [unitDelivery];

export function dispatchSubscribers(ctx: AppContext): SubscriberBinding[] {
  return [bindSubscriber(unitDelivery, { handleBatch: (deliveries) => dispatchEvents(ctx, deliveries) })];
}

/**
 * Handles the claimed dispatch events together (at most one per sub-case): a few queries
 * for the whole batch, the pushes concurrently. Returns, per event, undefined when done or its error.
 */
export async function dispatchEvents(ctx: AppContext, deliveries: ReadonlyArray<Delivery<DispatchEvent>>): Promise<unknown[]> {
  const db = ctx.database.db;
  const at = ctx.now();
  const errors: unknown[] = deliveries.map(() => undefined);
  const items = deliveries.map((d, i) => ({ i, d, type: d.event.type, subcaseId: d.event.subcaseId, unitCode: d.event.unitCode }));
  for (const it of items) if (!it.unitCode) errors[it.i] = new Error(`outbox ${it.d.id} (${it.type}): no unitCode in the payload`);
  const adapters = new Map<string, repo.AdapterRow>();
  for (const unit of new Set(items.map((it) => it.unitCode).filter(Boolean))) adapters.set(unit, (await adapterFor(db, unit)).adapter);

  // a first attempt cannot have made its task yet (a crashed one counts as an attempt); a resent dead
  // letter starts again at 1, and insertTasksOnce then finds the task it made before
  const tasks = new Map((await repo.findTasksByOutbox(db, items.filter((it) => it.d.attempt > 1).map((it) => it.d.id))).map((t) => [t.outbox_id, t]));
  const fresh = items.filter((it) => errors[it.i] === undefined && !tasks.has(it.d.id) && adapters.get(it.unitCode)?.kind !== 'back-office'); // back office: the worklist shows it
  if (fresh.length > 0) {
    const sequences = await repo.nextTaskSequences(db, fresh.map((it) => it.subcaseId));
    const inputs = fresh.map((it) => ({ taskId: randomUUID(), event: it.type, sequence: sequences.get(it.subcaseId) ?? 1, subcaseId: it.subcaseId, at }));
    const envelopes = await buildEnvelopes(ctx, inputs);
    const rows: repo.NewTask[] = [];
    fresh.forEach((it, k) => {
      const input = inputs[k]!;
      const envelope = envelopes.get(input.taskId);
      if (!envelope) errors[it.i] = new Error(`outbox ${it.d.id} (${it.type}): sub-case ${it.subcaseId} not found`);
      else rows.push({ id: input.taskId, outboxId: it.d.id, subcaseId: it.subcaseId, unitCode: it.unitCode, kind: adapters.get(it.unitCode)!.kind as repo.NewTask['kind'], event: it.type, sequence: input.sequence, envelope, at });
    });
    for (const t of await repo.insertTasksOnce(db, rows)) tasks.set(t.outbox_id, t);
  }

  // pull and manual tasks wait to be taken; push tasks go out now: one request each, or, for a unit
  // that takes batches (settings.batchSize), the unit's tasks of this claim in as few requests
  const delivered: Array<{ id: string; attempts: number; caseNo: string | null }> = [];
  const pushes = new Map<string, Array<{ it: (typeof items)[number]; task: repo.TaskRow }>>();
  for (const it of items) {
    const task = tasks.get(it.d.id);
    if (errors[it.i] !== undefined || !task || task.state === 'done' || task.kind !== 'push') continue;
    const list = pushes.get(task.unit_code);
    if (list) list.push({ it, task });
    else pushes.set(task.unit_code, [{ it, task }]);
  }
  await Promise.all([...pushes].map(async ([unitCode, list]) => {
    const batchSize = batchSizeOf(adapters.get(unitCode)!.settings);
    const chunks = batchSize > 1 ? chunk(list, batchSize) : list.map((one) => [one]);
    await Promise.all(chunks.map(async (part) => {
      if (batchSize <= 1) {
        const { it, task } = part[0]!;
        try {
          delivered.push({ id: task.id, attempts: it.d.attempt, caseNo: await pushTask(ctx, task) });
        } catch (err) {
          errors[it.i] = err;
        }
        return;
      }
      let answers: Map<string, PushAnswer>;
      try {
        answers = await pushTasks(ctx, unitCode, part.map((p) => p.task));
      } catch (err) {
        for (const { it } of part) errors[it.i] = err;
        return;
      }
      for (const { it, task } of part) {
        const answer = answers.get(task.id);
        if (answer && 'caseNo' in answer) delivered.push({ id: task.id, attempts: it.d.attempt, caseNo: answer.caseNo });
        else errors[it.i] = new Error(`push batch to ${unitCode}: task ${task.id} ${answer ? `refused: ${answer.error}` : 'not acknowledged'}`);
      }
    }));
  }));
  await repo.completePushTasks(db, delivered, ctx.now());
  return errors;
}

/** Tasks per request to a unit that takes batches; 1 (one request per task) unless its adapter says otherwise. */
export function batchSizeOf(settings: Record<string, unknown>): number {
  const n = settings.batchSize;
  return typeof n === 'number' && Number.isInteger(n) && n > 1 ? n : 1;
}

function chunk<T>(list: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

const idempotencyKeyOf = (task: repo.TaskRow) => `${task.subcase_id}:${task.sequence}`;

/** A signed POST of a JSON body to the unit's endpoint; the answer's text. Throws on anything but a 2xx answer. */
async function postSigned(ctx: AppContext, unitCode: string, path: string, body: string, headers: Record<string, string> = {}): Promise<string> {
  const { adapter, key } = await adapterFor(ctx.database.db, unitCode);
  if (!adapter.endpoint_url) throw new Error(`unit ${unitCode} has no push endpoint configured`);
  if (!key) throw new Error(`unit ${unitCode} has no signing key (rotate one in the admin API)`);
  const url = new URL(`${adapter.endpoint_url.replace(/\/+$/, '')}${path}`);
  const bytes = Buffer.from(body, 'utf8'); // encoded once: signed and sent as these bytes
  const signed = signRequest({ unitCode, keyId: key.keyId, secret: key.secret, method: 'POST', pathWithQuery: url.pathname + url.search, body: bytes, now: ctx.now() });
  const timeoutMs = typeof adapter.settings.timeoutMs === 'number' ? adapter.settings.timeoutMs : PUSH_TIMEOUT_MS;
  const res = await fetch(url, {
    method: 'POST',
    headers: { ...signed, 'content-type': 'application/json', ...headers },
    body: bytes,
    signal: AbortSignal.timeout(timeoutMs),
  });
  const text = await res.text().catch(() => '');
  if (!res.ok) throw new Error(`push to ${unitCode} ${url.origin}${url.pathname}: HTTP ${res.status} ${text.slice(0, 200)}`);
  return text;
}

const caseNoIn = (v: unknown): string | null => (typeof v === 'string' && v.length > 0 && v.length <= 100 ? v : null);

/** One delivery attempt of a push task; the unit's case number, if it gave one. Throws on anything but a 2xx answer. */
export async function pushTask(ctx: AppContext, task: repo.TaskRow): Promise<string | null> {
  const text = await postSigned(ctx, task.unit_code, '/subcases', task.envelopeJson ?? JSON.stringify(task.envelope), { 'idempotency-key': idempotencyKeyOf(task) });
  try {
    return caseNoIn((JSON.parse(text) as { caseNo?: unknown }).caseNo);
  } catch {
    return null; // a 2xx without JSON still means received
  }
}

export type PushAnswer = { caseNo: string | null } | { error: string };

/**
 * One delivery attempt of several push tasks of a unit in one request (POST {endpoint}/subcases/batch,
 * each task with its own idempotency key): the unit's answer per task id. A task the answer does not
 * list as received is not delivered (the caller retries it). Throws on anything but a 2xx answer.
 */
export async function pushTasks(ctx: AppContext, unitCode: string, batch: readonly repo.TaskRow[]): Promise<Map<string, PushAnswer>> {
  const body = `{"tasks":[${batch.map((t) => `{"idempotencyKey":${JSON.stringify(idempotencyKeyOf(t))},"task":${t.envelopeJson ?? JSON.stringify(t.envelope)}}`).join(',')}]}`;
  const text = await postSigned(ctx, unitCode, '/subcases/batch', body);
  const answers = new Map<string, PushAnswer>();
  let results: unknown;
  try {
    results = (JSON.parse(text) as { results?: unknown }).results;
  } catch {
    throw new Error(`push batch to ${unitCode}: the answer is not JSON`);
  }
  if (!Array.isArray(results)) throw new Error(`push batch to ${unitCode}: the answer has no results list`);
  for (const r of results as Array<Record<string, unknown> | null>) {
    if (typeof r?.taskId !== 'string') continue;
    if (r.received === true) answers.set(r.taskId, { caseNo: caseNoIn(r.caseNo) });
    else answers.set(r.taskId, { error: JSON.stringify(r.error ?? 'not received').slice(0, 300) });
  }
  return answers;
}
