// The composition root of the domain events: every module's events as one discriminated union, and
// every module's subscriptions. Installed once per process at start (web processes emit, workers
// handle); a test (domain-events.test.ts) fails when an event has no subscriber and is not kept for
// later consumers.
import { z } from 'zod';
import { installEventRegistry, type EventRegistry } from './platform/events.ts';
import type { AppContext } from './platform/context.ts';
import type { SubscriberBinding } from './platform/outbox.ts';
import { CASES_EVENTS } from './modules/cases/index.ts';
import { COUNTER_CLEARED_WHEN_DONE, COUNTER_EVENTS } from './modules/counter/index.ts';
import { MATERIALS_EVENTS } from './modules/materials/index.ts';
import { IDENTITY_CLEARED_WHEN_DONE, IDENTITY_EVENTS } from './modules/identity/index.ts';
import { DISPATCH_SUBSCRIPTIONS, dispatchSubscribers } from './modules/dispatch/index.ts';
import { NOTIFY_SUBSCRIPTIONS, notifySubscribers, type NotifyChannels } from './modules/notify/index.ts';
import { PAYMENTS_SUBSCRIPTIONS, paymentsSubscribers } from './modules/payments/index.ts';

export const ZDomainEvent = z.discriminatedUnion('type', [...CASES_EVENTS, ...COUNTER_EVENTS, ...MATERIALS_EVENTS, ...IDENTITY_EVENTS]);
export type TDomainEvent = z.infer<typeof ZDomainEvent>;

export const EVENT_TYPES: readonly TDomainEvent['type'][] = [...CASES_EVENTS, ...COUNTER_EVENTS, ...MATERIALS_EVENTS, ...IDENTITY_EVENTS].map((s) => s.shape.type.value);

export const SUBSCRIPTIONS = [...DISPATCH_SUBSCRIPTIONS, ...NOTIFY_SUBSCRIPTIONS, ...PAYMENTS_SUBSCRIPTIONS];

/**
 * Events emitted for consumers that are yet to come (no outbox rows until one subscribes):
 * - 'subcase.deadline-level-changed': e-supervision (电子监察, issue 11) turns level changes into
 *   cards; the back office already shows each sub-case's level from the server.
 */
export const KEPT_FOR_LATER: readonly TDomainEvent['type'][] = ['subcase.deadline-level-changed'];

export function installDomainEvents(): EventRegistry {
  return installEventRegistry({
    schema: ZDomainEvent, types: EVENT_TYPES, subscriptions: SUBSCRIPTIONS, keptForLater: KEPT_FOR_LATER,
    // personal data only a subscriber needs leaves the outbox once it is done with it
    clearedWhenDone: { ...COUNTER_CLEARED_WHEN_DONE, ...IDENTITY_CLEARED_WHEN_DONE },
  });
}

/** The handlers of every subscriber, bound to the app context (a worker runs those of its modules). */
export function subscriberBindings(ctx: AppContext, opts: { channels?: NotifyChannels } = {}): SubscriberBinding[] {
  return [...dispatchSubscribers(ctx), ...notifySubscribers(ctx, opts.channels), ...paymentsSubscribers(ctx)];
}
