// The outbox dispatcher: runs the side effects written as outbox rows in the same transaction as
// the change (submit, approve, …). At least once, in order per key:
//   claim   one short statement: `select … for update skip locked` of available, unfinished, not-dead
//           rows of a topic that has a handler, taking a lease (locked_until) and counting the attempt;
//   handle  outside any transaction (PGlite is one connection: a transaction held across a network
//           call would stop every request), so handlers must be idempotent; the rows of a batch
//           (at most one per key) are handled concurrently;
//   finish  done_at, or on failure last_error and a retry after an exponential backoff with jitter,
//           or after MAX attempts dead_at (dead letter, left for an operator).
// A row is not claimed while an earlier unfinished row with the same key waits (an event in backoff
// holds back the later events of its key). A row scheduled for later (available_at in the future)
// and never tried does not hold anything back: it is not "earlier" yet. Topics without a handler
// are neither claimed nor hold anything back, so later code can add handlers for them.
import { sql } from 'kysely';
import type { Database } from './db.ts';
import type { Logger } from './logger.ts';
import { insertRowsAsJson } from './one-statement.ts';

export const OUTBOX_MAX_ATTEMPTS = 8;

/** An outbox row written with the change it follows from: it exists exactly when the change commits. */
export interface OutboxEntry {
  topic: string;
  key: string;
  payload: Record<string, unknown>;
  /** when it may be handled (default: the change's time) */
  availableAt?: Date;
}

/**
 * Outbox rows as one insert, not executed: run it in the change's transaction, or make it a part of
 * the change's one statement. Ids (and so the order per key) follow the order given.
 */
export function outboxInsert(rows: OutboxEntry[], at: Date) {
  return insertRowsAsJson('outbox', rows.map((r) => ({ topic: r.topic, key: r.key, payload: r.payload, created_at: at, available_at: r.availableAt ?? at })));
}

export interface OutboxEvent {
  id: number;
  topic: string;
  key: string;
  payload: Record<string, unknown>;
  createdAt: Date;
  /** 1 on the first try */
  attempt: number;
}

export type OutboxHandler = (event: OutboxEvent) => Promise<void>;
/**
 * Handles the claimed rows of its topic together (at most one per key) and says, per row in the same
 * order, undefined for done or the error of a failed row (retried like a throwing OutboxHandler).
 */
export type OutboxBatchHandler = (events: OutboxEvent[]) => Promise<Array<unknown>>;

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
  key: string;
  payload: Record<string, unknown> | string;
  created_at: Date | string;
  attempts: number;
}

export class OutboxDispatcher {
  readonly #handlers = new Map<string, OutboxHandler>();
  readonly #batchHandlers = new Map<string, OutboxBatchHandler>();
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

  /** One handler per topic; registering a topic twice is a programming error. */
  register(topic: string, handler: OutboxHandler): this {
    if (this.#handlers.has(topic) || this.#batchHandlers.has(topic)) throw new Error(`outbox topic ${topic} already has a handler`);
    this.#handlers.set(topic, handler);
    return this;
  }

  /** A handler that takes the claimed rows of its topic at once (fewer queries per row). */
  registerBatch(topic: string, handler: OutboxBatchHandler): this {
    if (this.#handlers.has(topic) || this.#batchHandlers.has(topic)) throw new Error(`outbox topic ${topic} already has a handler`);
    this.#batchHandlers.set(topic, handler);
    return this;
  }

  get topics(): string[] {
    return [...this.#handlers.keys(), ...this.#batchHandlers.keys()];
  }

  /** Claims up to `limit` rows (at most one per key), leasing them to this caller. */
  async claimBatch(limit = this.#opts.batchSize): Promise<OutboxEvent[]> {
    const topics = this.topics;
    if (topics.length === 0) return [];
    const now = this.#now();
    const until = new Date(now.getTime() + this.#opts.leaseMs);
    const { rows } = await sql<ClaimedRow>`
      update outbox set locked_until = ${until}, attempts = attempts + 1
      where id in (
        select o.id from outbox o
        where o.done_at is null and o.dead_at is null and o.available_at <= ${now}
          and (o.locked_until is null or o.locked_until <= ${now})
          and o.topic = any(${topics}::text[])
          and not exists (
            select 1 from outbox e
            where e.key = o.key and e.id < o.id and e.done_at is null and e.dead_at is null
              and e.topic = any(${topics}::text[])
              and (e.attempts > 0 or e.available_at <= ${now}))
        order by o.available_at, o.id
        limit ${limit}
        for update of o skip locked)
      returning id, topic, key, payload, created_at, attempts`.execute(this.database.db);
    return rows
      .sort((a, b) => a.id - b.id)
      .map((r) => ({
        id: r.id, topic: r.topic, key: r.key, attempt: r.attempts,
        payload: typeof r.payload === 'string' ? (JSON.parse(r.payload) as Record<string, unknown>) : r.payload,
        createdAt: new Date(r.created_at),
      }));
  }

  async complete(id: number): Promise<void> {
    await sql`update outbox set done_at = ${this.#now()}, locked_until = null, last_error = null where id = ${id} and done_at is null`.execute(this.database.db);
  }

  /** A failed try: retry later, or give up (dead letter) after maxAttempts. Returns whether it is dead. */
  async fail(event: Pick<OutboxEvent, 'id' | 'attempt'>, error: unknown): Promise<boolean> {
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
    await sql`update outbox set done_at = ${this.#now()}, locked_until = null, last_error = null where id = any(${[...ids]}::bigint[]) and done_at is null`.execute(this.database.db);
  }

  /**
   * Claims one batch and handles its rows concurrently (a batch holds at most one row per key, so the
   * order per key is kept; a push to a slow unit does not hold up the others); returns how many rows
   * were claimed.
   */
  async runOnce(): Promise<number> {
    const batch = await this.claimBatch();
    const handled: number[] = [];
    const failed = async (event: OutboxEvent, err: unknown) => {
      const dead = await this.fail(event, err);
      this.#log?.[dead ? 'error' : 'warn']({ err, outboxId: event.id, topic: event.topic, attempt: event.attempt }, dead ? 'outbox event gave up (dead letter)' : 'outbox event failed, will retry');
    };
    const byBatchTopic = new Map<string, OutboxEvent[]>();
    const single: OutboxEvent[] = [];
    for (const event of batch) {
      if (this.#batchHandlers.has(event.topic)) byBatchTopic.set(event.topic, [...(byBatchTopic.get(event.topic) ?? []), event]);
      else single.push(event);
    }
    await Promise.all([
      ...single.map(async (event) => {
        try {
          await this.#handlers.get(event.topic)!(event);
          handled.push(event.id);
        } catch (err) {
          await failed(event, err);
        }
      }),
      ...[...byBatchTopic].map(async ([topic, events]) => {
        let errors: unknown[];
        try {
          errors = await this.#batchHandlers.get(topic)!(events);
        } catch (err) {
          errors = events.map(() => err);
        }
        await Promise.all(events.map(async (event, i) => {
          if (errors[i] === undefined) handled.push(event.id);
          else await failed(event, errors[i]);
        }));
      }),
    ]);
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
