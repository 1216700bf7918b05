// The outbox dispatcher: delivers the rows that emit() (events.ts) writes in the same transaction as
// the change (submit, approve, …), one row per (event, subscriber). At least once, in order per
// subscriber and key:
//   claim   one short statement: `select … for update skip locked` of available, unfinished, not-dead
//           rows of the subscribers this worker runs, taking a lease (locked_until) and counting the
//           attempt;
//   handle  outside any transaction (PGlite is one connection: a transaction held across a network
//           call would stop every request), so handlers must be idempotent; the rows of a batch
//           (at most one per subscriber and key) are handled concurrently;
//   finish  done_at, or on failure last_error and a retry after an exponential backoff with jitter,
//           or after MAX attempts dead_at (dead letter, left for an operator).
// A row is not claimed while an earlier unfinished row of the same subscriber and key waits (an
// event in backoff holds back that subscriber's later events of its key, and nobody else's). A row
// scheduled for later (available_at in the future) and never tried does not hold anything back.
// Subscribers this worker does not run are neither claimed nor hold anything back.
import { sql } from 'kysely';
import type { Database, Tx } from './db.ts';
import { installedEventRegistry, type DomainEvent, type Subscription, type TypedSubscription } from './events.ts';
import type { Logger } from './logger.ts';

/**
 * The payload a row keeps once done: without the fields its event type clears when done (personal
 * data only a subscriber needed, e.g. the phone and text of an SMS with a code); unchanged otherwise.
 */
function clearedPayload() {
  const cleared = Object.entries(installedEventRegistry()?.clearedWhenDone ?? {}).filter(([, fields]) => fields.length > 0);
  if (cleared.length === 0) return sql`payload`;
  const whens = cleared.map(([topic, fields]) => sql`when ${topic} then payload - ${[...fields]}::text[]`);
  return sql`case topic ${sql.join(whens, sql` `)} else payload end`;
}

export const OUTBOX_MAX_ATTEMPTS = 8;

/** One event as one subscriber receives it. */
export interface Delivery<E extends DomainEvent = DomainEvent> {
  /** the outbox row: unique per (event, subscriber); handlers key their idempotency on it */
  id: number;
  subscriber: string;
  key: string;
  event: E;
  createdAt: Date;
  /** 1 on the first try */
  attempt: number;
}

/** Handles one delivery; a throw is a failed try (retried with backoff, then a dead letter). */
export type DeliveryHandler<E extends DomainEvent = DomainEvent> = (delivery: Delivery<E>) => Promise<void>;
/**
 * Handles the claimed rows of its subscriber together (at most one per key) and says, per row in the
 * same order, undefined for done or the error of a failed row (retried like a throwing handler).
 */
export type BatchDeliveryHandler<E extends DomainEvent = DomainEvent> = (deliveries: Array<Delivery<E>>) => Promise<unknown[]>;

export type SubscriberHandler<E extends DomainEvent = DomainEvent> = { handle: DeliveryHandler<E> } | { handleBatch: BatchDeliveryHandler<E> };

/** A subscription with the handler that runs it in a worker. */
export interface SubscriberBinding {
  subscription: Subscription;
  handler: SubscriberHandler;
}

/** Binds a handler typed by the subscription's events (the one place the event type is erased). */
export function bindSubscriber<E extends DomainEvent>(subscription: TypedSubscription<E>, handler: SubscriberHandler<E>): SubscriberBinding {
  return { subscription, handler: handler as unknown as SubscriberHandler };
}

export interface DispatcherOptions {
  now?: () => Date;
  log?: Logger;
  batchSize?: number;
  /** how long a claim holds a row before another worker may take it again */
  leaseMs?: number;
  maxAttempts?: number;
  /** first retry delay; doubled per attempt up to maxBackoffMs, then jittered down to half */
  baseBackoffMs?: number;
  maxBackoffMs?: number;
  random?: () => number;
}

/** Delay before the next try after `attempts` failed ones: exponential, capped, with jitter in [½, 1]. */
export function backoffMs(attempts: number, baseMs: number, maxMs: number, random: () => number = Math.random): number {
  const full = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempts - 1));
  return Math.round(full / 2 + (random() * full) / 2);
}

interface ClaimedRow {
  id: number;
  topic: string;
  subscriber: string;
  key: string;
  payload: Record<string, unknown> | string;
  created_at: Date | string;
  attempts: number;
}

export class OutboxDispatcher {
  readonly #handlers = new Map<string, SubscriberHandler>();
  readonly #now: () => Date;
  readonly #opts: Required<Omit<DispatcherOptions, 'now' | 'log'>>;
  readonly #log: Logger | undefined;

  constructor(private readonly database: Database, opts: DispatcherOptions = {}) {
    this.#now = opts.now ?? (() => new Date());
    this.#log = opts.log;
    this.#opts = {
      batchSize: opts.batchSize ?? 20,
      leaseMs: opts.leaseMs ?? 60_000,
      maxAttempts: opts.maxAttempts ?? OUTBOX_MAX_ATTEMPTS,
      baseBackoffMs: opts.baseBackoffMs ?? 2_000,
      maxBackoffMs: opts.maxBackoffMs ?? 15 * 60_000,
      random: opts.random ?? Math.random,
    };
  }

  /** Runs a subscriber's handler in this worker; a subscriber runs once per dispatcher. */
  subscribe(...bindings: SubscriberBinding[]): this {
    for (const { subscription, handler } of bindings) {
      if (this.#handlers.has(subscription.name)) throw new Error(`subscriber ${subscription.name} already has a handler`);
      this.#handlers.set(subscription.name, handler);
    }
    return this;
  }

  get subscribers(): string[] {
    return [...this.#handlers.keys()];
  }

  /** Claims up to `limit` rows (at most one per subscriber and key), leasing them to this caller. */
  async claimBatch(limit = this.#opts.batchSize): Promise<Delivery[]> {
    const subscribers = this.subscribers;
    if (subscribers.length === 0) return [];
    const now = this.#now();
    const until = new Date(now.getTime() + this.#opts.leaseMs);
    const { rows } = await sql<ClaimedRow>`
      update outbox set locked_until = ${until}, attempts = attempts + 1
      where id in (
        select o.id from outbox o
        where o.done_at is null and o.dead_at is null and o.available_at <= ${now}
          and (o.locked_until is null or o.locked_until <= ${now})
          and o.subscriber = any(${subscribers}::text[])
          and not exists (
            select 1 from outbox e
            where e.subscriber = o.subscriber and e.key = o.key and e.id < o.id and e.done_at is null and e.dead_at is null
              and (e.attempts > 0 or e.available_at <= ${now}))
        order by o.available_at, o.id
        limit ${limit}
        for update of o skip locked)
      returning id, topic, subscriber, key, payload, created_at, attempts`.execute(this.database.db);
    return rows
      .sort((a, b) => a.id - b.id)
      .map((r) => {
        const payload = typeof r.payload === 'string' ? (JSON.parse(r.payload) as Record<string, unknown>) : r.payload;
        return { id: r.id, subscriber: r.subscriber, key: r.key, attempt: r.attempts, event: { ...payload, type: r.topic }, createdAt: new Date(r.created_at) };
      });
  }

  async complete(id: number): Promise<void> {
    await sql`update outbox set done_at = ${this.#now()}, locked_until = null, last_error = null, payload = ${clearedPayload()} where id = ${id} and done_at is null`.execute(this.database.db);
  }

  /** A failed try: retry later, or give up (dead letter) after maxAttempts. Returns whether it is dead. */
  async fail(event: Pick<Delivery, 'id' | 'attempt'>, error: unknown): Promise<boolean> {
    const now = this.#now();
    const message = (error instanceof Error ? error.message : String(error)).slice(0, 2000);
    const dead = event.attempt >= this.#opts.maxAttempts;
    const retryAt = new Date(now.getTime() + backoffMs(event.attempt, this.#opts.baseBackoffMs, this.#opts.maxBackoffMs, this.#opts.random));
    await sql`
      update outbox set locked_until = null, last_error = ${message},
        available_at = ${dead ? now : retryAt}, dead_at = ${dead ? now : null}
      where id = ${event.id} and done_at is null`.execute(this.database.db);
    return dead;
  }

  /** Marks rows handled, in one statement. */
  async completeMany(ids: readonly number[]): Promise<void> {
    if (ids.length === 0) return;
    await sql`update outbox set done_at = ${this.#now()}, locked_until = null, last_error = null, payload = ${clearedPayload()} where id = any(${[...ids]}::bigint[]) and done_at is null`.execute(this.database.db);
  }

  /**
   * Claims one batch and handles its rows concurrently (a batch holds at most one row per key, so the
   * order per key is kept; a push to a slow unit does not hold up the others); returns how many rows
   * were claimed.
   */
  async runOnce(): Promise<number> {
    const batch = await this.claimBatch();
    const handled: number[] = [];
    const failed = async (d: Delivery, err: unknown) => {
      const dead = await this.fail(d, err);
      this.#log?.[dead ? 'error' : 'warn']({ err, outboxId: d.id, subscriber: d.subscriber, event: d.event.type, attempt: d.attempt }, dead ? 'outbox delivery gave up (dead letter)' : 'outbox delivery failed, will retry');
    };
    const bySubscriber = new Map<string, Delivery[]>();
    for (const d of batch) {
      const list = bySubscriber.get(d.subscriber);
      if (list) list.push(d);
      else bySubscriber.set(d.subscriber, [d]);
    }
    await Promise.all([...bySubscriber].map(async ([name, deliveries]) => {
      const handler = this.#handlers.get(name)!;
      if ('handle' in handler) {
        await Promise.all(deliveries.map(async (d) => {
          try {
            await handler.handle(d);
            handled.push(d.id);
          } catch (err) {
            await failed(d, err);
          }
        }));
        return;
      }
      let errors: unknown[];
      try {
        errors = await handler.handleBatch(deliveries);
      } catch (err) {
        errors = deliveries.map(() => err);
      }
      await Promise.all(deliveries.map(async (d, i) => {
        if (errors[i] === undefined) handled.push(d.id);
        else await failed(d, errors[i]);
      }));
    }));
    await this.completeMany(handled);
    return batch.length;
  }

  /**
   * Polls until stopped: again at once after a full batch, otherwise after idleMs. `loops` claims are
   * kept in flight (one is being handled — waiting on a unit's HTTP answer — while the next is claimed);
   * they share rows like separate workers do, and the order per key holds because a row is not claimed
   * while an earlier row of its key is unfinished.
   */
  start(idleMs = 300, loops = 1): () => Promise<void> {
    let stopped = false;
    const timers = new Set<NodeJS.Timeout>();
    const wakes = new Set<() => void>();
    const one = async () => {
      while (!stopped) {
        let n = 0;
        try {
          n = await this.runOnce();
        } catch (err) {
          this.#log?.error({ err }, 'outbox poll failed');
        }
        if (stopped) break;
        if (n < this.#opts.batchSize) {
          await new Promise<void>((resolve) => {
            const timer = setTimeout(done, idleMs);
            function done() {
              timers.delete(timer);
              wakes.delete(done);
              resolve();
            }
            timers.add(timer);
            wakes.add(done);
          });
        } else {
          await new Promise<void>((resolve) => setImmediate(resolve));
        }
      }
    };
    const all = Promise.all(Array.from({ length: Math.max(1, loops) }, () => one()));
    return async () => {
      stopped = true;
      for (const t of timers) clearTimeout(t);
      for (const w of [...wakes]) w();
      await all;
    };
  }

  /** Runs batches until nothing is claimable now (tests and scripts). */
  async drain(maxRounds = 100): Promise<number> {
    let total = 0;
    for (let i = 0; i < maxRounds; i++) {
      const n = await this.runOnce();
      if (n === 0) break;
      total += n;
    }
    return total;
  }
}

/**
 * Removes finished rows older than `before` (at most `limit` per call, oldest first); dead letters stay
 * for an operator. Runs as a scheduled task: the outbox keeps only what is in flight and recent.
 */
export async function purgeFinishedOutbox(tx: Tx, before: Date, limit = 10_000): Promise<number> {
  const r = await sql`delete from outbox where id in (
      select id from outbox where done_at is not null and done_at < ${before} order by id limit ${limit})`.execute(tx);
  return Number(r.numAffectedRows ?? 0);
}

// ---------- dead letters (rows that gave up, of any subscriber), for the admins' page ----------

export interface DeadLetter {
  id: number;
  topic: string;
  subscriber: string;
  key: string;
  payload: Record<string, unknown>;
  attempts: number;
  last_error: string | null;
  created_at: Date;
  dead_at: Date;
}

export async function listDeadLetters(db: Database['db'], limit: number): Promise<DeadLetter[]> {
  const rows = await db.selectFrom('outbox').select(['id', 'topic', 'subscriber', 'key', 'payload', 'attempts', 'last_error', 'created_at', 'dead_at'])
    .where('dead_at', 'is not', null).where('done_at', 'is', null).orderBy('dead_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
  return rows.map((r) => ({
    ...r, payload: typeof r.payload === 'string' ? (JSON.parse(r.payload) as Record<string, unknown>) : r.payload,
    created_at: new Date(r.created_at), dead_at: new Date(r.dead_at!),
  }));
}

/**
 * A dead letter becomes a fresh row to try again now (attempts from 0), in the caller's transaction;
 * undefined when there is no such row, 'not-dead' when it is not a dead letter (any more).
 */
export async function reviveDeadLetter(tx: Tx, id: number, at: Date): Promise<{ topic: string; subscriber: string; key: string; attempts: number; lastError: string | null } | 'not-dead' | undefined> {
  const row = await tx.selectFrom('outbox').select(['topic', 'subscriber', 'key', 'attempts', 'last_error', 'dead_at', 'done_at']).where('id', '=', id).forUpdate().executeTakeFirst();
  if (!row) return undefined;
  if (!row.dead_at || row.done_at) return 'not-dead';
  await tx.updateTable('outbox').set({ dead_at: null, attempts: 0, available_at: at, locked_until: null }).where('id', '=', id).execute();
  return { topic: row.topic, subscriber: row.subscriber, key: row.key, attempts: row.attempts, lastError: row.last_error };
}
