// Domain events with fan-out. A module declares its events as zod schemas in `<module>.events.ts`;
// the composition root (src/domain-events.ts) joins them into one discriminated union and installs
// it here with every module's subscriptions. `emit` validates an event and writes one outbox row per
// subscriber that applies to it, in the caller's transaction (or as a part of its one statement), so
// each subscriber has its own ordering key, attempts, lease, backoff and dead letter: a failing SMS
// never holds back a dispatch. The outbox dispatcher (outbox.ts) delivers the rows.
import type { z } from 'zod';
import type { Tx } from './db.ts';
import { insertRowsAsJson } from './one-statement.ts';

/** What every domain event has: its type ('<entity>.<past-tense verb>'); the rest is its payload. */
export interface DomainEvent {
  type: string;
}

/**
 * Who reacts to which events: a subscriber's static part, the same in every process (web processes
 * emit, workers handle). `key` is the ordering key: rows of one subscriber with the same key are
 * handled one after another, in the order they were written.
 */
export interface Subscription<E extends DomainEvent = DomainEvent> {
  /** unique, stored on every row: '<module>.<what it does>' */
  name: string;
  /** the module that reacts (OUTBOX_HANDLERS picks a worker's subscribers by module) */
  module: string;
  events: ReadonlyArray<E['type']>;
  key(event: E): string;
}

/** A subscription that remembers the events it takes, so its handler is typed (see bindSubscriber). */
export interface TypedSubscription<E extends DomainEvent> extends Subscription {
  readonly __events?: E;
}

export function defineSubscription<E extends DomainEvent>(s: Subscription<E>): TypedSubscription<E> {
  return s as unknown as TypedSubscription<E>;
}

export interface EventRegistryInput {
  /** the union of every module's events */
  schema: z.ZodType<DomainEvent>;
  /** every event type the union has */
  types: readonly string[];
  subscriptions: readonly Subscription[];
  /** event types emitted for consumers yet to come (supervision, ratings, statistics): no rows today */
  keptForLater: readonly string[];
  /**
   * Per event type, the payload fields that hold personal data or secrets only a subscriber needs
   * (a phone number, an SMS text with a code): the outbox removes them from a row once it is done.
   */
  clearedWhenDone?: Readonly<Record<string, readonly string[]>>;
}

export interface EventRegistry extends EventRegistryInput {
  subscribersOf(type: string): readonly Subscription[];
  subscription(name: string): Subscription | undefined;
}

let installed: EventRegistry | undefined;

/** Installs the application's events and subscriptions (the composition root does, once per process). */
export function installEventRegistry(input: EventRegistryInput): EventRegistry {
  const byType = new Map<string, Subscription[]>();
  const byName = new Map<string, Subscription>();
  const known = new Set(input.types);
  for (const s of input.subscriptions) {
    if (byName.has(s.name)) throw new Error(`subscription ${s.name} is declared twice`);
    byName.set(s.name, s);
    for (const type of s.events) {
      if (!known.has(type)) throw new Error(`subscription ${s.name} names an event that no module declares: ${type}`);
      byType.set(type, [...(byType.get(type) ?? []), s]);
    }
  }
  for (const type of input.keptForLater) if (!known.has(type)) throw new Error(`kept-for-later event ${type} is not declared`);
  for (const type of Object.keys(input.clearedWhenDone ?? {})) if (!known.has(type)) throw new Error(`cleared-when-done event ${type} is not declared`);
  installed = { ...input, subscribersOf: (type) => byType.get(type) ?? [], subscription: (name) => byName.get(name) };
  return installed;
}

/** The registry if one is installed (the outbox works without one in its own tests). */
export function installedEventRegistry(): EventRegistry | undefined {
  return installed;
}

export function eventRegistry(): EventRegistry {
  if (!installed) throw new Error('domain events are not installed: call installDomainEvents() (src/domain-events.ts) at start');
  return installed;
}

function rowsOf(events: readonly DomainEvent[], at: Date) {
  const registry = eventRegistry();
  const rows: Array<Record<string, unknown>> = [];
  for (const raw of events) {
    const event = registry.schema.parse(raw);
    const { type, ...payload } = event as DomainEvent & Record<string, unknown>;
    for (const s of registry.subscribersOf(type))
      rows.push({ topic: type, subscriber: s.name, key: s.key(event), payload, created_at: at, available_at: at });
  }
  return rows;
}

/**
 * The outbox rows of `events` as one insert, not executed: a part of a one-statement write (the
 * submit), or undefined when no subscriber wants any of them. Rows follow the order given.
 */
export function emitQuery<E extends DomainEvent>(events: readonly E[], at: Date) {
  const rows = rowsOf(events, at);
  return rows.length > 0 ? insertRowsAsJson('outbox', rows) : undefined;
}

/** Validates the events and writes their outbox rows in the caller's transaction. */
export async function emit<E extends DomainEvent>(tx: Tx, events: E | readonly E[], at: Date): Promise<void> {
  const query = emitQuery<E>(Array.isArray(events) ? (events as readonly E[]) : [events as E], at);
  if (query) await query.execute(tx);
}
