// Background work of the worker role (and of 'all', the in-process PGlite mode): the outbox
// dispatcher, and periodic housekeeping tasks. Each task runs under a transaction-scoped advisory
// lock, so with several workers on one PostgreSQL only one runs it at a time; outbox rows are
// claimed with skip locked, so several workers share them.
import { sql } from 'kysely';
import type { AppContext } from './platform/context.ts';
import type { Tx } from './platform/db.ts';
import { deleteExpiredSessions } from './platform/sessions.ts';
import { OutboxDispatcher } from './platform/outbox.ts';
import { registerNotifyHandlers } from './modules/notify/index.ts';
import { sweepCaseClocks } from './modules/cases/index.ts';
import { registerDispatchHandlers, startParkedEventSweep, startReconciliationJob } from './modules/dispatch/index.ts';

interface PeriodicTask {
  name: string;
  lockKey: number;
  everyMs: number;
  run(tx: Tx, now: Date): Promise<number>;
}

const TASKS: PeriodicTask[] = [
  {
    name: 'purge-expired-sessions',
    lockKey: 72_1001,
    everyMs: 60_000,
    run: (tx, now) => deleteExpiredSessions(tx, now),
  },
  {
    // the case clock's warning levels (notice, yellow, red), each change recorded
    name: 'sweep-case-clocks',
    lockKey: 72_1002,
    everyMs: 1000,
    run: (tx, now) => sweepCaseClocks(tx, now),
  },
];

/**
 * The outbox dispatcher with the handlers this worker runs (OUTBOX_HANDLERS; default all). A worker
 * claims only the topics it has handlers for. Splitting them keeps the order per key because the
 * two families never share a key: dispatch events are keyed by sub-case, messages by application.
 */
export function createOutboxDispatcher(ctx: AppContext): OutboxDispatcher {
  const dispatcher = new OutboxDispatcher(ctx.database, { now: ctx.now, log: ctx.log, leaseMs: ctx.config.outboxLeaseMs, batchSize: ctx.config.outboxBatchSize });
  if (ctx.config.outboxHandlers.includes('notify')) registerNotifyHandlers(dispatcher, ctx);
  if (ctx.config.outboxHandlers.includes('dispatch')) registerDispatchHandlers(dispatcher, ctx);
  return dispatcher;
}

export function startWorker(ctx: AppContext): () => Promise<void> {
  // PGlite is one connection: one claim in flight; PostgreSQL: several per worker process
  const stopOutbox = createOutboxDispatcher(ctx).start(300, ctx.database.kind === 'pglite' ? 1 : ctx.config.outboxConcurrency);
  // calls units' systems over HTTP: runs under its own lease, outside any transaction
  const stopReconciliation = startReconciliationJob(ctx);
  // result events left parked by a request that died after filling their gap
  const stopSweep = startParkedEventSweep(ctx);
  const timers: NodeJS.Timeout[] = [];
  let running = Promise.resolve();
  for (const task of TASKS) {
    const tick = () => {
      running = running.then(async () => {
        try {
          const n = await ctx.database.db.transaction().execute(async (tx) => {
            const got = await sql<{ ok: boolean }>`select pg_try_advisory_xact_lock(${task.lockKey}) as ok`.execute(tx);
            return got.rows[0]?.ok ? task.run(tx, ctx.now()) : -1;
          });
          if (n > 0) ctx.log.info({ task: task.name, n }, 'task done');
        } catch (err) {
          ctx.log.error({ err, task: task.name }, 'task failed');
        }
      });
    };
    timers.push(setInterval(tick, task.everyMs));
    setTimeout(tick, 1000).unref();
  }
  return async () => {
    timers.forEach(clearInterval);
    await stopOutbox();
    await stopReconciliation();
    await stopSweep();
    await running;
  };
}
