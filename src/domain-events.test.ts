// The event registry: every declared event reaches a subscriber unless it is explicitly kept for
// later consumers, every subscription names declared events, and emit refuses an invalid event.
import { describe, expect, it } from 'vitest';
import { EVENT_TYPES, installDomainEvents, KEPT_FOR_LATER, SUBSCRIPTIONS, ZDomainEvent } from './domain-events.ts';
import { emitQuery, installEventRegistry } from './platform/events.ts';
import { z } from 'zod';

describe('domain events', () => {
  it('gives every event type a subscriber, or marks it as kept for later consumers', () => {
    const registry = installDomainEvents();
    const orphans = EVENT_TYPES.filter((type) => registry.subscribersOf(type).length === 0 && !KEPT_FOR_LATER.includes(type));
    expect(orphans).toEqual([]);
    // a kept event must really have no subscriber yet (else it is not "for later")
    expect(KEPT_FOR_LATER.filter((type) => registry.subscribersOf(type).length > 0)).toEqual([]);
  });

  it('reaches every subscriber of an event once, with the subscriber\'s own key', () => {
    const registry = installDomainEvents();
    expect(registry.subscribersOf('application.withdrawn').map((s) => s.name)).toEqual(['notify.applicant', 'payments.refund-refused']);
    expect(registry.subscribersOf('subcase.withdrawn').map((s) => s.name)).toEqual(['dispatch.deliver']);
    expect(new Set(SUBSCRIPTIONS.map((s) => s.name)).size).toBe(SUBSCRIPTIONS.length);
  });

  it('fails to install a subscription to an event no module declares', () => {
    expect(() => installEventRegistry({
      schema: ZDomainEvent, types: EVENT_TYPES, keptForLater: [],
      subscriptions: [{ name: 'x.y', module: 'x', events: ['nobody.declared-this'], key: () => 'k' }],
    })).toThrow(/nobody.declared-this/);
    installDomainEvents();
  });

  it('detects an orphan: a registry with an event nobody consumes fails the check above', () => {
    const ZOrphan = z.object({ type: z.literal('test.orphan') });
    const registry = installEventRegistry({ schema: ZOrphan, types: ['test.orphan'], subscriptions: [], keptForLater: [] });
    expect(['test.orphan'].filter((t) => registry.subscribersOf(t).length === 0)).toEqual(['test.orphan']);
    installDomainEvents();
  });

  it('validates an event before writing it, and writes nothing for an event without subscribers', () => {
    installDomainEvents();
    expect(() => emitQuery([{ type: 'subcase.released', subcaseId: 's' } as never], new Date())).toThrow();
    expect(() => emitQuery([{ type: 'no.such-event' } as never], new Date())).toThrow();
    const query = emitQuery([{ type: 'application.submitted', applicationId: 'a1' }], new Date('2026-01-05T02:00:00Z'));
    expect(query).toBeDefined();
  });
});
