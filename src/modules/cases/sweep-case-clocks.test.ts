// The case clock's sweep on both databases: levels progress as `now` moves, paused and finished
// sub-cases never change, and running it twice or at once (two connections on PostgreSQL) changes
// and records each sub-case once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestApp, type TestApp } from '../../../tests/helpers/app.ts';
import { DB_KINDS, postgresAvailable } from '../../../tests/helpers/databases.ts';
import { sweepCaseClocks } from './index.ts';

const UNIT = 'city-police';
const t0 = new Date('2025-06-09T09:00:00+08:00');
const at = (minutes: number, ms = 0) => new Date(t0.getTime() + minutes * 60_000 + ms);
const APP = 'a0000000-0000-4000-8000-000000000001';
const id = (n: number) => `b0000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

const PG = await postgresAvailable();

for (const kind of DB_KINDS) describe.skipIf(kind === 'postgres' && !PG)(`sweepCaseClocks on ${kind}`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind, { catalog: 'org' });
    const applicant = (await t.database.db.selectFrom('users').select('id').where('username', '=', 'citizen').executeTakeFirstOrThrow()).id;
    await sql`insert into applications (id, number, theme_code, theme_version, applicant_id, channel, status, delivery_way, idempotency_key)
      values (${APP}, 'YJT1', 'newborn', 1, ${applicant}, 'web', '05', 'online', 'k1')`.execute(t.database.db);
  }, 240_000);
  afterAll(async () => {
    await t?.close();
  });

  /** a sub-case whose notice, promised and legal due are `notice`, `promised`, `legal` minutes after t0 */
  const insert = (n: number, status: string, minutes: { notice: number; promised: number; legal: number }, extra: { paused?: boolean; levelDueAt?: Date } = {}) =>
    sql`insert into subcases (id, application_id, seq, matter_code, matter_version, matter_name, unit_code, status, time_limit, promised_at, legal_due_at, notice_at, paused_since, level_due_at)
      values (${id(n)}, ${APP}, ${n}, ${`m${n}`}, 1, '事项', ${UNIT}, ${status}, '{"value":1,"unit":"workday"}'::jsonb,
              ${at(minutes.promised)}, ${at(minutes.legal)}, ${at(minutes.notice)}, ${extra.paused ? at(-600) : null},
              ${extra.paused ? null : (extra.levelDueAt ?? at(minutes.notice))})`.execute(t.database.db);
  const changes = async (subcase?: string) =>
    (await sql<{ subcase_id: string; from_level: string; to_level: string; at: Date }>`select subcase_id, from_level, to_level, at from subcase_deadline_changes
      ${subcase ? sql`where subcase_id = ${subcase}` : sql``} order by id`.execute(t.database.db)).rows.map((r) => ({ ...r, at: new Date(r.at).toISOString() }));
  const level = async (n: number) =>
    (await sql<{ warning_level: string; level_due_at: Date | null }>`select warning_level, level_due_at from subcases where id = ${id(n)}`.execute(t.database.db)).rows[0]!;
  const sweep = (now: Date) => t.database.db.transaction().execute((tx) => sweepCaseClocks(tx, now));

  it('levels progress with a moved now; paused and finished sub-cases never change; a second run changes nothing', async () => {
    await insert(1, '08', { notice: 60, promised: 120, legal: 180 });
    await insert(2, '06', { notice: -300, promised: -200, legal: -100 }, { paused: true });
    await insert(3, '10', { notice: -300, promised: -200, legal: -100 }, { levelDueAt: at(-300) }); // finished, even with a stale due
    await insert(4, '05', { notice: -300, promised: -200, legal: -100 }, { levelDueAt: at(-1) }); // missed: straight to red

    expect(await sweep(t0)).toBe(1);
    expect(await changes(id(4))).toEqual([{ subcase_id: id(4), from_level: 'none', to_level: 'red', at: t0.toISOString() }]);
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
    expect((await changes(id(1))).map((c) => `${c.from_level}→${c.to_level}`)).toEqual(['none→notice', 'notice→yellow', 'yellow→red']);
    expect(await level(1)).toMatchObject({ warning_level: 'red', level_due_at: null });

    expect(await changes(id(2))).toEqual([]);
    expect(await level(2)).toMatchObject({ warning_level: 'none', level_due_at: null });
    expect(await changes(id(3))).toEqual([]);
    expect(await level(3)).toMatchObject({ warning_level: 'none' });
  });

  it('two sweeps at once (two connections on PostgreSQL) change and record each sub-case once', async () => {
    await sql`delete from subcase_deadline_changes`.execute(t.database.db);
    await sql`insert into subcases (id, application_id, seq, matter_code, matter_version, matter_name, unit_code, status, time_limit, promised_at, legal_due_at, notice_at, level_due_at)
      select ('c0000000-0000-4000-8000-' || lpad(to_hex(g), 12, '0'))::uuid, ${APP}::uuid, 100 + g, 'c' || g, 1, '事项', ${UNIT}, '08', '{"value":1,"unit":"workday"}'::jsonb,
             ${at(120)}::timestamptz, ${at(180)}::timestamptz, ${at(60)}::timestamptz, ${at(60)}::timestamptz
        from generate_series(1, 3000) g`.execute(t.database.db);
    const now = at(121); // past the promised due: none → yellow
    const [a, b] = await Promise.all([sweep(now), sweep(now)]);
    expect(a + b).toBe(3000);
    const rows = (await sql<{ n: number; distinct_n: number }>`select count(*)::int as n, count(distinct subcase_id)::int as distinct_n
      from subcase_deadline_changes where subcase_id::text like 'c0000000%'`.execute(t.database.db)).rows[0]!;
    expect(rows).toEqual({ n: 3000, distinct_n: 3000 });
    expect(await Promise.all([sweep(now), sweep(now)])).toEqual([0, 0]);
  });
});
