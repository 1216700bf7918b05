// Background work of the worker role (and of 'all', the in-process PGlite mode): the outbox
// dispatcher, which delivers domain events to the subscribers this worker runs, and the scheduler,
// which runs the timed work of every module. Outbox rows are claimed with skip locked and scheduled
// tasks hold their row or lease, so several workers on one PostgreSQL share both safely.
import type { AppContext } from './platform/context.ts';
import { deleteExpiredSessions } from './platform/sessions.ts';
import { OutboxDispatcher, purgeFinishedOutbox } from './platform/outbox.ts';
import { Scheduler, type ScheduledTask } from './platform/scheduler.ts';
import { subscriberBindings } from './domain-events.ts';
import type { NotifyChannels } from './modules/notify/index.ts';
import { deferredRemindersTask } from './modules/materials/index.ts';
import { parkedEventsTask, reconcileTask } from './modules/dispatch/index.ts';
import { sweepCaseClocks } from './modules/cases/index.ts';

/**
 * The outbox dispatcher with the subscribers this worker runs (OUTBOX_HANDLERS names modules; default
 * all). A worker claims only its subscribers' rows; each subscriber keeps its own order per key, so
 * splitting them across workers keeps every order.
 */
export function createOutboxDispatcher(ctx: AppContext, opts: { channels?: NotifyChannels } = {}): OutboxDispatcher {
  const dispatcher = new OutboxDispatcher(ctx.database, { now: ctx.now, log: ctx.log, leaseMs: ctx.config.outboxLeaseMs, batchSize: ctx.config.outboxBatchSize });
  const modules = new Set<string>(ctx.config.outboxHandlers);
  dispatcher.subscribe(...subscriberBindings(ctx, opts).filter((b) => modules.has(b.subscription.module)));
  return dispatcher;
}

/** Every module's timed work. */
export function scheduledTasks(ctx: AppContext): ScheduledTask[] {
  return [
    { name: 'identity.purge-expired-sessions', everyMs: 60_000, sweep: (tx, now) => deleteExpiredSessions(tx, now) },
    {
      name: 'platform.purge-finished-outbox', everyMs: 10 * 60_000,
      sweep: (tx, now) => purgeFinishedOutbox(tx, new Date(now.getTime() - ctx.config.outboxRetentionHours * 3_600_000)),
    },
    // the case clock's warning levels (notice, yellow, red), each change a domain event
    { name: 'cases.sweep-case-clocks', everyMs: 1000, sweep: (tx, now) => sweepCaseClocks(tx, now) },
    deferredRemindersTask(),
    // result events left parked by a request that died after filling their gap
    parkedEventsTask(ctx),
    // calls units' systems over HTTP: a job under a lease, outside any transaction
    reconcileTask(ctx),
  ];
}

export function createScheduler(ctx: AppContext): Scheduler {
  return new Scheduler(ctx.database, scheduledTasks(ctx), { now: ctx.now, log: ctx.log });
}

export function startWorker(ctx: AppContext): () => Promise<void> {
  // PGlite is one connection: one claim in flight; PostgreSQL: several per worker process
  const stopOutbox = createOutboxDispatcher(ctx).start(300, ctx.database.kind === 'pglite' ? 1 : ctx.config.outboxConcurrency);
  const stopScheduler = createScheduler(ctx).start(1000);
  return async () => {
    await stopOutbox();
    await stopScheduler();
  };
}
