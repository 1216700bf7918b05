// The scheduler on both databases: a task runs when due by the context's clock, once per interval
// however many schedulers there are; a sweep changes only rows still in the expected state; a job
// holds a lease; a failure is recorded and retried at the next interval.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestDatabase, DB_KINDS, postgresAvailable, type TestDatabase } from '../../tests/helpers/databases.ts';
import { Scheduler, type ScheduledTask } from './scheduler.ts';
import type { Tx } from './db.ts';

const T0 = new Date('2026-01-05T02:00:00Z');
const at = (ms: number) => new Date(T0.getTime() + ms);

const PG = await postgresAvailable();

for (const kind of DB_KINDS) describe.skipIf(kind === 'postgres' && !PG)(`scheduler on ${kind}`, () => {
  let database: TestDatabase;
  let now = T0;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    await sql`create table timers (id int primary key, status text not null, due_at timestamptz not null, fired_at timestamptz)`.execute(database.db);
  });
  afterAll(async () => {
    await database?.drop();
  });

  // the set-based sweep of trigger.dev's rule: only rows still in the expected state, and due
  const expire = async (tx: Tx, at: Date): Promise<number> => {
    const r = await sql`update timers set status = 'expired', fired_at = ${at} where status = 'waiting' and due_at <= ${at}`.execute(tx);
    return Number(r.numAffectedRows ?? 0);
  };
  const sweepTask = (name: string): ScheduledTask => ({ name, everyMs: 60_000, sweep: expire });
  const scheduler = (tasks: ScheduledTask[]) => new Scheduler(database, tasks, { now: () => now });

  it('runs a sweep when due by the clock, expiring each row once, however often it runs', async () => {
    now = T0;
    await sql`insert into timers (id, status, due_at) values (1, 'waiting', ${at(30_000)}), (2, 'waiting', ${at(90_000)}), (3, 'done', ${at(0)})`.execute(database.db);
    const s = scheduler([sweepTask('test.expire')]);
    expect(await s.runDue()).toEqual([{ name: 'test.expire', count: 0 }]);
    now = at(30_000);
    expect(await s.runDue()).toEqual([{ name: 'test.expire' }]); // not due: ran 30 s ago, every 60 s
    expect(await s.run('test.expire', { force: true })).toEqual({ name: 'test.expire', count: 1 });
    expect(await s.run('test.expire', { force: true })).toEqual({ name: 'test.expire', count: 0 }); // twice: nothing more
    now = at(120_000);
    expect(await s.runDue()).toEqual([{ name: 'test.expire', count: 1 }]);
    const rows = await sql<{ id: number; status: string }>`select id, status from timers order by id`.execute(database.db);
    expect(rows.rows).toEqual([{ id: 1, status: 'expired' }, { id: 2, status: 'expired' }, { id: 3, status: 'done' }]);
    const record = await database.db.selectFrom('scheduled_tasks').selectAll().where('name', '=', 'test.expire').executeTakeFirstOrThrow();
    expect(record).toMatchObject({ last_count: 1, last_error: null });
    expect(new Date(record.last_ok_at!).getTime()).toBe(at(120_000).getTime());
  });

  it('records a failure and tries again at the next interval, not at every tick', async () => {
    now = T0;
    let calls = 0;
    const s = scheduler([{ name: 'test.flaky', everyMs: 60_000, sweep: async () => {
      calls += 1;
      if (calls === 1) throw new Error('registry unreachable');
      return 2;
    } }]);
    expect(await s.runDue()).toEqual([{ name: 'test.flaky', error: 'registry unreachable' }]);
    expect(await s.runDue()).toEqual([{ name: 'test.flaky' }]);
    expect((await database.db.selectFrom('scheduled_tasks').select('last_error').where('name', '=', 'test.flaky').executeTakeFirstOrThrow()).last_error).toBe('registry unreachable');
    now = at(60_000);
    expect(await s.runDue()).toEqual([{ name: 'test.flaky', count: 2 }]);
    expect(calls).toBe(2);
  });

  it('holds a job under a lease: another scheduler does not run it until the lease ends', async () => {
    now = T0;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let runs = 0;
    const job: ScheduledTask = { name: 'test.job', everyMs: 1000, leaseMs: 60_000, job: async () => {
      runs += 1;
      await gate;
      return runs;
    } };
    const a = scheduler([job]);
    const b = scheduler([job]);
    const first = a.run('test.job');
    // let a take the lease before b looks
    for (let i = 0; i < 100 && !(await database.db.selectFrom('scheduled_tasks').select('locked_until').where('name', '=', 'test.job').executeTakeFirst())?.locked_until; i++) await new Promise((r) => setImmediate(r));
    now = at(5000);
    expect(await b.run('test.job')).toEqual({ name: 'test.job' });
    release();
    expect(await first).toEqual({ name: 'test.job', count: 1 });
    expect(await b.run('test.job')).toEqual({ name: 'test.job', count: 2 });
  });

  // two schedulers on two connections: PostgreSQL only (PGlite is one connection)
  if (kind === 'postgres') it('runs a sweep once when two workers run it at the same moment', async () => {
    now = at(10_000_000);
    await sql`insert into timers (id, status, due_at) select g, 'waiting', ${at(0)} from generate_series(100, 2099) g`.execute(database.db);
    let counted = 0;
    const task: ScheduledTask = { name: 'test.race', everyMs: 60_000, sweep: async (tx, t) => {
      const n = await expire(tx, t);
      counted += n;
      await sql`select pg_sleep(0.05)`.execute(tx);
      return n;
    } };
    const runs = await Promise.all(Array.from({ length: 4 }, () => scheduler([task]).run('test.race')));
    expect(runs.filter((r) => r.count !== undefined)).toHaveLength(1);
    expect(counted).toBe(2000);
  });
});
