// The outbox dispatcher on both databases: order per key, retries with backoff, dead letters,
// leases, and (PostgreSQL) two claimers that never get the same row.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestDatabase, DB_KINDS, postgresAvailable, type TestDatabase } from '../../tests/helpers/databases.ts';
import { backoffMs, OutboxDispatcher, type Delivery } from './outbox.ts';
import { z } from 'zod';
import { installEventRegistry, type DomainEvent, type Subscription } from './events.ts';

const T0 = new Date('2026-01-05T02:00:00Z');

describe('backoffMs', () => {
  it('doubles per attempt, caps, and jitters between half and the full delay', () => {
    expect(backoffMs(1, 1000, 60_000, () => 0)).toBe(500);
    expect(backoffMs(1, 1000, 60_000, () => 1)).toBe(1000);
    expect(backoffMs(4, 1000, 60_000, () => 1)).toBe(8000);
    expect(backoffMs(20, 1000, 60_000, () => 1)).toBe(60_000);
    expect(backoffMs(20, 1000, 60_000, () => 0)).toBe(30_000);
  });
});

const PG = await postgresAvailable();

for (const kind of DB_KINDS) describe.skipIf(kind === 'postgres' && !PG)(`outbox dispatcher on ${kind}`, () => {
  let database: TestDatabase;
  let now = T0;
  const clock = () => now;
  const at = (ms: number) => new Date(T0.getTime() + ms);

  beforeAll(async () => {
    database = await createTestDatabase(kind);
  });
  afterAll(async () => {
    await database?.drop();
  });
  afterEach(async () => {
    now = T0;
    if (database) await sql`delete from outbox`.execute(database.db);
  });

  // rows as emit() writes them: one per (event, subscriber); here the subscriber is named after the test
  async function enqueue(subscriber: string, key: string, payload: Record<string, unknown> = {}, availableAt = T0): Promise<number> {
    const row = await database.db.insertInto('outbox').values({ topic: 'test.happened', subscriber, key, payload: JSON.stringify(payload), created_at: T0, available_at: availableAt }).returning('id').executeTakeFirstOrThrow();
    return row.id;
  }
  const subscription = (name: string): Subscription => ({ name, module: 'test', events: ['test.happened'], key: () => 'k' });
  type TestDelivery = Delivery<{ type: string; n?: string }>;
  const row = (id: number) => database.db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const dispatcher = (opts: ConstructorParameters<typeof OutboxDispatcher>[1] = {}) => {
    const d = new OutboxDispatcher(database, { now: clock, baseBackoffMs: 1000, maxBackoffMs: 60_000, random: () => 1, ...opts });
    return {
      d,
      register(name: string, handle: (e: TestDelivery) => Promise<void>) {
        return d.subscribe({ subscription: subscription(name), handler: { handle: handle as (e: Delivery) => Promise<void> } });
      },
    };
  };

  it('handles events of one key in order, holding later ones back while an earlier one is retried', async () => {
    const seen: string[] = [];
    let failOnce = true;
    const d = dispatcher().register('t.a', async (e: TestDelivery) => {
      if (e.event.n === 'k1-first' && failOnce) {
        failOnce = false;
        throw new Error('provider down');
      }
      seen.push(String(e.event.n));
    });
    const first = await enqueue('t.a', 'k1', { n: 'k1-first' });
    await enqueue('t.a', 'k1', { n: 'k1-second' });
    await enqueue('t.a', 'k2', { n: 'k2-only' });

    expect(await d.runOnce()).toBe(2); // k1-first (fails) and k2-only; k1-second waits
    expect(seen).toEqual(['k2-only']);
    const failed = await row(first);
    expect(failed).toMatchObject({ attempts: 1, last_error: 'provider down', done_at: null, dead_at: null, locked_until: null });
    expect(new Date(failed.available_at).getTime()).toBe(at(1000).getTime());

    expect(await d.runOnce()).toBe(0); // k1-first in backoff still holds k1-second back
    now = at(1000);
    expect(await d.runOnce()).toBe(1);
    expect(await d.runOnce()).toBe(1);
    expect(seen).toEqual(['k2-only', 'k1-first', 'k1-second']);
    expect(await row(first)).toMatchObject({ attempts: 2, last_error: null });
    expect((await row(first)).done_at).not.toBeNull();
  });

  it('backs off exponentially and gives up after the last attempt (dead letter), which then holds nothing back', async () => {
    const handled: number[] = [];
    const d = dispatcher({ maxAttempts: 3 }).register('t.b', async (e: TestDelivery) => {
      if (e.event.n === 'bad') throw new Error(`attempt ${e.attempt} failed`);
      handled.push(e.id);
    });
    const bad = await enqueue('t.b', 'k', { n: 'bad' });
    const next = await enqueue('t.b', 'k', { n: 'good' });
    const delays: number[] = [];
    for (let i = 0; i < 3; i++) {
      expect(await d.runOnce()).toBe(1);
      const r = await row(bad);
      delays.push(new Date(r.available_at).getTime() - now.getTime());
      now = new Date(r.available_at);
    }
    const dead = await row(bad);
    expect(dead.attempts).toBe(3);
    expect(dead.dead_at).not.toBeNull();
    expect(dead.last_error).toBe('attempt 3 failed');
    expect(delays).toEqual([1000, 2000, 0]);
    // the dead row is not claimed again; the later row of its key goes on
    expect(await d.runOnce()).toBe(1);
    expect(handled).toEqual([next]);
    now = at(3_600_000);
    expect(await d.runOnce()).toBe(0);
  });

  it('leaves subscribers this worker does not run alone, and a row scheduled for later does not hold back its key', async () => {
    const seen: string[] = [];
    const d = dispatcher().register('t.c', async (e: TestDelivery) => {
      seen.push(String(e.event.n));
    });
    const unknown = await enqueue('t.unknown', 'k', { n: 'unknown' });
    const reminder = await enqueue('t.c', 'k', { n: 'reminder' }, at(86_400_000));
    await enqueue('t.c', 'k', { n: 'now' });
    expect(await d.drain()).toBe(1);
    expect(seen).toEqual(['now']);
    expect(await row(unknown)).toMatchObject({ attempts: 0, done_at: null });
    expect(await row(reminder)).toMatchObject({ attempts: 0, done_at: null });
    now = at(86_400_000);
    expect(await d.drain()).toBe(1);
    expect(seen).toEqual(['now', 'reminder']);
  });

  it('keeps an order per subscriber: one subscriber failing on a key never holds back another on the same key', async () => {
    const seen: string[] = [];
    const d = dispatcher();
    d.register('t.sms', async () => {
      throw new Error('SMS provider down');
    });
    d.register('t.dispatch', async (e: TestDelivery) => {
      seen.push(String(e.event.n));
    });
    const sms = await enqueue('t.sms', 'app-1', { n: 'sms-1' });
    await enqueue('t.dispatch', 'app-1', { n: 'dispatch-1' });
    await enqueue('t.sms', 'app-1', { n: 'sms-2' });
    await enqueue('t.dispatch', 'app-1', { n: 'dispatch-2' });
    expect(await d.d.drain()).toBe(3); // sms-1 (fails), dispatch-1, dispatch-2; sms-2 waits behind sms-1
    expect(seen).toEqual(['dispatch-1', 'dispatch-2']);
    expect(await row(sms)).toMatchObject({ attempts: 1, last_error: 'SMS provider down', done_at: null });
  });

  it('takes a row back when its lease runs out (a worker died while handling it)', async () => {
    const d = dispatcher({ leaseMs: 30_000 }).register('t.d', async () => undefined);
    const id = await enqueue('t.d', 'k');
    const claimed = await d.claimBatch();
    expect(claimed.map((e) => e.id)).toEqual([id]);
    expect(await d.claimBatch()).toEqual([]);
    now = at(30_000);
    const again = await d.claimBatch();
    expect(again.map((e) => [e.id, e.attempt])).toEqual([[id, 2]]);
    await d.complete(id);
    expect((await row(id)).done_at).not.toBeNull();
  });

  it('runs as a poll loop and stops cleanly', async () => {
    const seen: number[] = [];
    const d = dispatcher({ now: () => new Date(), batchSize: 5 }).register('t.e', async (e: TestDelivery) => {
      seen.push(e.id);
    });
    const ids: number[] = [];
    for (let i = 0; i < 12; i++) ids.push(await enqueue('t.e', `k${i % 3}`));
    const stop = d.start(20);
    // until all 12 are seen (the test's timeout bounds a hang), not for a fixed time
    while (seen.length < 12) await new Promise((r) => setTimeout(r, 10));
    await stop();
    expect([...seen].sort((a, b) => a - b)).toEqual(ids);
    // per key in id order
    for (const k of [0, 1, 2]) {
      const mine = ids.filter((_, i) => i % 3 === k);
      expect(seen.filter((id) => mine.includes(id))).toEqual(mine);
    }
  });

  // several claimers need several connections: PostgreSQL only (PGlite is one connection)
  if (kind === 'postgres') it('never gives one row to two concurrent claimers', async () => {
    const n = 300;
    await database.db.insertInto('outbox').values(Array.from({ length: n }, (_, i) => ({ topic: 'test.happened', subscriber: 't.f', key: `k${i}`, payload: '{}', created_at: T0, available_at: T0 }))).execute();
    const claims = new Map<number, number>();
    const worker = async () => {
      const d = dispatcher({ batchSize: 7 }).register('t.f', async (e: TestDelivery) => {
        claims.set(e.id, (claims.get(e.id) ?? 0) + 1);
        await new Promise((r) => setTimeout(r, Math.random() * 3));
      });
      while ((await d.runOnce()) > 0);
    };
    await Promise.all(Array.from({ length: 6 }, worker));
    expect(claims.size).toBe(n);
    expect([...claims.values()].every((c) => c === 1)).toBe(true);
    const left = await sql<{ n: number }>`select count(*)::int as n from outbox where done_at is null`.execute(database.db);
    expect(left.rows[0]!.n).toBe(0);
  });

  it('removes the fields an event type clears when done (the phone and text of an SMS) once the row is done, and only then', async () => {
    installEventRegistry({
      schema: z.object({ type: z.literal('test.happened') }).passthrough() as unknown as z.ZodType<DomainEvent>,
      types: ['test.happened'], subscriptions: [subscription('t.g')], keptForLater: [], clearedWhenDone: { 'test.happened': ['phone', 'text'] },
    });
    let fail = true;
    const d = dispatcher().register('t.g', async () => {
      if (fail) throw new Error('provider down');
    });
    const id = await enqueue('t.g', 'k', { phone: '13907310003', text: '确认码 123456', intakeId: 'i-1' });
    await d.runOnce();
    const retried = await row(id);
    const payloadOf = (r: typeof retried) => (typeof r.payload === 'string' ? JSON.parse(r.payload) : r.payload) as Record<string, unknown>;
    expect(payloadOf(retried)).toMatchObject({ phone: '13907310003' }); // still needed for the retry
    fail = false;
    now = at(60_000);
    await d.runOnce();
    const done = await row(id);
    expect(done.done_at).not.toBeNull();
    expect(payloadOf(done)).toEqual({ intakeId: 'i-1' });
  });
});

