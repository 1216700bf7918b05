// The case clock's sweep on both databases: levels progress as `now` moves, paused and finished
// sub-cases never change, each change is one 'subcase.deadline-level-changed' event in the outbox,
// running it twice or at once (two connections on PostgreSQL) changes each sub-case and emits its
// event once, and the use cases (submit, accept, pause, resume) keep the level row the sweep reads.
// The event is kept for later consumers (e-supervision), so these tests add a subscriber of their own.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestApp, signIn, type SignedIn, type TestApp } from '../../../tests/helpers/app.ts';
import { DB_KINDS, postgresAvailable } from '../../../tests/helpers/databases.ts';
import { materialsFor } from '../../../tests/helpers/materials.ts';
import { NEWBORN_ANSWERS, NEWBORN_VALUES } from '../../../tests/fixtures/newborn.ts';
import { EVENT_TYPES, installDomainEvents, KEPT_FOR_LATER, SUBSCRIPTIONS, ZDomainEvent } from '../../domain-events.ts';
import { defineSubscription, installEventRegistry } from '../../platform/events.ts';
import { createScheduler } from '../../worker.ts';
import { sweepCaseClocks, type TCasesEventOf } from './index.ts';

const UNIT = 'city-police';
const t0 = new Date('2025-06-09T09:00:00+08:00');
const at = (minutes: number, ms = 0) => new Date(t0.getTime() + minutes * 60_000 + ms);
const APP = 'a0000000-0000-4000-8000-000000000001';
const id = (n: number) => `b0000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
const LEVEL_CHANGED = 'subcase.deadline-level-changed';

/** e-supervision's stand-in: one outbox row per level change */
const probe = defineSubscription<TCasesEventOf<typeof LEVEL_CHANGED>>({ name: 'test.supervision', module: 'test', events: [LEVEL_CHANGED], key: (e) => e.subcaseId });
const installWithProbe = () => installEventRegistry({
  schema: ZDomainEvent, types: EVENT_TYPES, subscriptions: [...SUBSCRIPTIONS, probe], keptForLater: KEPT_FOR_LATER.filter((type) => type !== LEVEL_CHANGED),
});

const PG = await postgresAvailable();

for (const kind of DB_KINDS) describe.skipIf(kind === 'postgres' && !PG)(`sweepCaseClocks on ${kind}`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind);
    installWithProbe();
    const applicant = (await t.database.db.selectFrom('users').select('id').where('username', '=', 'citizen').executeTakeFirstOrThrow()).id;
    await sql`insert into applications (id, number, theme_code, theme_version, applicant_id, channel, status, delivery_way, idempotency_key)
      values (${APP}, 'YJT1', 'newborn', 1, ${applicant}, 'web', '05', 'online', 'k1')`.execute(t.database.db);
  }, 240_000);
  afterAll(async () => {
    installDomainEvents();
    await t?.close();
  });

  /** a sub-case whose notice, promised and legal due are `notice`, `promised`, `legal` minutes after t0, with its level row */
  const insert = async (n: number, status: string, minutes: { notice: number; promised: number; legal: number }, extra: { paused?: boolean; levelDueAt?: Date } = {}) => {
    await sql`insert into subcases (id, application_id, seq, matter_code, matter_version, matter_name, unit_code, status, time_limit, promised_at, legal_due_at, notice_at, paused_since)
      values (${id(n)}, ${APP}, ${n}, ${`m${n}`}, 1, '事项', ${UNIT}, ${status}, '{"value":1,"unit":"workday"}'::jsonb,
              ${at(minutes.promised)}, ${at(minutes.legal)}, ${at(minutes.notice)}, ${extra.paused ? at(-600) : null})`.execute(t.database.db);
    await sql`insert into subcase_clock_levels (subcase_id, level_due_at) values (${id(n)}, ${extra.paused ? null : (extra.levelDueAt ?? at(minutes.notice))})`.execute(t.database.db);
  };
  type Event = TCasesEventOf<typeof LEVEL_CHANGED>;
  const events = async (subcase?: string): Promise<Event[]> =>
    (await sql<{ payload: Omit<Event, 'type'> | string }>`select payload from outbox where topic = ${LEVEL_CHANGED} and subscriber = ${probe.name}
      ${subcase ? sql`and key = ${subcase}` : sql``} order by id`.execute(t.database.db)).rows
      .map((r) => ({ type: LEVEL_CHANGED, ...(typeof r.payload === 'string' ? JSON.parse(r.payload) as Omit<Event, 'type'> : r.payload) }));
  const level = async (n: number) =>
    (await sql<{ warning_level: string; level_due_at: Date | null }>`select warning_level, level_due_at from subcase_clock_levels where subcase_id = ${id(n)}`.execute(t.database.db)).rows[0]!;
  const sweep = (now: Date) => t.database.db.transaction().execute((tx) => sweepCaseClocks(tx, now));

  it('levels progress with a moved now, one event per change; paused and finished sub-cases never change; a second run emits nothing', async () => {
    await insert(1, '08', { notice: 60, promised: 120, legal: 180 });
    await insert(2, '06', { notice: -300, promised: -200, legal: -100 }, { paused: true });
    await insert(3, '10', { notice: -300, promised: -200, legal: -100 }, { levelDueAt: at(-300) }); // finished, even with a stale due
    await insert(4, '05', { notice: -300, promised: -200, legal: -100 }, { levelDueAt: at(-1) }); // missed: straight to red

    expect(await sweep(t0)).toBe(1);
    expect(await events(id(4))).toEqual([{
      type: LEVEL_CHANGED, subcaseId: id(4), applicationId: APP, matterCode: 'm4', unitCode: UNIT, from: 'none', to: 'red', dueAt: at(-100).toISOString(), at: t0.toISOString(),
    }]);
    expect(await level(4)).toMatchObject({ warning_level: 'red', level_due_at: null });
    expect(await sweep(t0)).toBe(0);

    expect(await sweep(at(59))).toBe(0);
    expect(await sweep(at(60))).toBe(1);
    expect(await level(1)).toMatchObject({ warning_level: 'notice' });
    expect(new Date((await level(1)).level_due_at!)).toEqual(at(120, 1));
    expect(await sweep(at(120))).toBe(0); // at the promised due time: not yet past it
    expect(await sweep(at(120, 1))).toBe(1);
    expect(await sweep(at(120, 1))).toBe(0);
    expect(await sweep(at(500))).toBe(1);
    expect(await sweep(at(10_000))).toBe(0);
    expect((await events(id(1))).map((e) => `${e.from}→${e.to} due ${e.dueAt} at ${e.at}`)).toEqual([
      `none→notice due ${at(120).toISOString()} at ${at(60).toISOString()}`,
      `notice→yellow due ${at(120).toISOString()} at ${at(120, 1).toISOString()}`,
      `yellow→red due ${at(180).toISOString()} at ${at(500).toISOString()}`,
    ]);
    expect(await level(1)).toMatchObject({ warning_level: 'red', level_due_at: null });

    expect(await events(id(2))).toEqual([]);
    expect(await level(2)).toMatchObject({ warning_level: 'none', level_due_at: null });
    expect(await events(id(3))).toEqual([]);
    expect(await level(3)).toMatchObject({ warning_level: 'none' });
  });

  it('two sweeps at once (two connections on PostgreSQL) change each sub-case and emit its event once', async () => {
    await sql`insert into subcases (id, application_id, seq, matter_code, matter_version, matter_name, unit_code, status, time_limit, promised_at, legal_due_at, notice_at)
      select ('c0000000-0000-4000-8000-' || lpad(to_hex(g), 12, '0'))::uuid, ${APP}::uuid, 100 + g, 'c' || g, 1, '事项', ${UNIT}, '08', '{"value":1,"unit":"workday"}'::jsonb,
             ${at(120)}::timestamptz, ${at(180)}::timestamptz, ${at(60)}::timestamptz
        from generate_series(1, 3000) g`.execute(t.database.db);
    await sql`insert into subcase_clock_levels (subcase_id, level_due_at)
      select ('c0000000-0000-4000-8000-' || lpad(to_hex(g), 12, '0'))::uuid, ${at(60)}::timestamptz from generate_series(1, 3000) g`.execute(t.database.db);
    const count = async () => (await sql<{ n: number; distinct_n: number }>`select count(*)::int as n, count(distinct key)::int as distinct_n
      from outbox where topic = ${LEVEL_CHANGED} and key like 'c0000000%'`.execute(t.database.db)).rows[0]!;
    const now = at(121); // past the promised due: none → yellow
    const [a, b] = await Promise.all([sweep(now), sweep(now)]);
    expect(a + b).toBe(3000);
    expect(await count()).toEqual({ n: 3000, distinct_n: 3000 });
    expect(await Promise.all([sweep(now), sweep(now)])).toEqual([0, 0]);
    expect(await count()).toEqual({ n: 3000, distinct_n: 3000 });
  });

  it('kept for later: with the application\'s own subscriptions a level change writes no outbox row', async () => {
    installDomainEvents();
    try {
      await sweep(at(19_999)); // the rows above settle
      await insert(5, '08', { notice: 20_000, promised: 20_100, legal: 20_200 });
      const before = (await sql<{ n: number }>`select count(*)::int as n from outbox`.execute(t.database.db)).rows[0]!.n;
      expect(await sweep(at(20_000))).toBe(1);
      expect(await level(5)).toMatchObject({ warning_level: 'notice' });
      expect((await sql<{ n: number }>`select count(*)::int as n from outbox`.execute(t.database.db)).rows[0]!.n).toBe(before);
    } finally {
      installWithProbe();
    }
  });

  it('through the API: submit, accept, pause and resume keep the level the sweep moves, and the back office shows it', async () => {
    const scheduler = createScheduler(t.ctx);
    const run = async (now: Date) => {
      t.setNow(now);
      return (await scheduler.run('cases.sweep-case-clocks', { force: true })).count;
    };
    // Monday 1 September 2025, 10:00 in Shanghai; the rows of the tests above settle first
    const T = new Date('2025-09-01T02:00:00Z');
    await run(T);
    const citizen = await signIn(t.app, 'citizen');
    /** the officer signs in at the app's time (sessions expire on its clock) */
    const officer = () => signIn(t.app, 'officer-health');
    const post = (who: SignedIn, url: string, payload: object = {}) => t.app.inject({ method: 'POST', url, headers: who.headers, payload });
    const get = (who: SignedIn, url: string) => t.app.inject({ method: 'GET', url, headers: { cookie: who.cookie } });
    const submitted = await post(citizen, '/api/applications', {
      themeCode: 'newborn', answers: NEWBORN_ANSWERS, values: NEWBORN_VALUES, delivery: { way: 'express', address: '湖南省长沙市岳麓区示例小区 1 栋 101 室' },
      idempotencyKey: 'clock-levels-0001', ...(await materialsFor(t.app, citizen, 'newborn', NEWBORN_ANSWERS)),
    });
    expect(submitted.statusCode, submitted.body).toBe(201);
    const app = (await get(citizen, `/api/applications/${submitted.json<{ id: string }>().id}`)).json<{ subcases: Array<{ id: string; matterCode: string }> }>();
    const bmc = app.subcases.find((s) => s.matterCode === 'birth-medical-certificate')!.id;
    interface Clock { warningLevel: string; promisedDueAt: string | null; legalDueAt: string | null; status: { code: string } }
    const clock = async () => (await get(await officer(), `/api/back-office/subcases/${bmc}`)).json<Clock>();
    const inWorklist = async () => (await get(await officer(), '/api/back-office/subcases?sort=deadline&limit=100')).json<{ items: Array<{ id: string; warningLevel: string }> }>()
      .items.find((i) => i.id === bmc)?.warningLevel;

    // (the counts below are of the whole application: its other sub-cases have clocks of their own)
    const levels = async () => (await events(bmc)).map((e) => `${e.from}→${e.to}`);
    // a 2-working-day matter is within the notice window (2 working days) from the start
    await run(T);
    const released = await clock();
    expect(released).toMatchObject({ warningLevel: 'notice', status: { code: '02' } });
    expect(await levels()).toEqual(['none→notice']);
    // past the provisional promised due time: yellow, in the detail and in the worklist
    const late = new Date(new Date(released.promisedDueAt!).getTime() + 60_000);
    expect(await run(late)).toBeGreaterThanOrEqual(1);
    expect(await levels()).toEqual(['none→notice', 'notice→yellow']);
    expect(await clock()).toMatchObject({ warningLevel: 'yellow' });
    expect(await inWorklist()).toBe('yellow');

    // accepting then starts the real clock: its promised due time lies ahead, so the level goes back to notice
    expect((await post(await officer(), `/api/back-office/subcases/${bmc}/accept`)).statusCode).toBe(200);
    await run(late);
    expect(await levels()).toEqual(['none→notice', 'notice→yellow', 'yellow→notice']);
    const accepted = await clock();
    expect(accepted).toMatchObject({ warningLevel: 'notice', status: { code: '05' } });
    expect(new Date(accepted.promisedDueAt!).getTime()).toBeGreaterThan(late.getTime());

    // a special procedure pauses the clock: nothing becomes due while it lasts
    expect((await post(await officer(), `/api/back-office/subcases/${bmc}/start-special`, { note: '核查医院出生记录' })).statusCode).toBe(200);
    await run(new Date(late.getTime() + 60 * 86_400_000));
    expect(await levels()).toEqual(['none→notice', 'notice→yellow', 'yellow→notice']);
    expect(await clock()).toMatchObject({ warningLevel: 'notice', promisedDueAt: null, legalDueAt: null });
    // resumed 60 days later with the time it had left: red only once past the new legal due time
    expect((await post(await officer(), `/api/back-office/subcases/${bmc}/end-special`)).statusCode).toBe(200);
    const resumed = await clock();
    expect(resumed.warningLevel).toBe('notice');
    const legal = new Date(resumed.legalDueAt!);
    await run(new Date(legal.getTime() - 60_000)); // past the promised due time: yellow
    expect(await clock()).toMatchObject({ warningLevel: 'yellow' });
    await run(new Date(legal.getTime() + 60_000));
    expect(await clock()).toMatchObject({ warningLevel: 'red' });
    expect(await levels()).toEqual(['none→notice', 'notice→yellow', 'yellow→notice', 'notice→yellow', 'yellow→red']);
    t.setNow(undefined);
  });
});
