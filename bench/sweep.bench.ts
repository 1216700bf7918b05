// sweep: the case clock's sweep (sweepCaseClocks: one statement moving the warning levels of the open,
// unpaused sub-cases whose level is due, then one 'subcase.deadline-level-changed' event per change in
// the same transaction) over 1,000,000 sub-cases on PostgreSQL, and what it costs the submits running
// beside it. The sweep writes only the narrow subcase_clock_levels rows (migration 015), never the wide
// `subcases` rows and their eight indexes. The bench subscribes one stand-in subscriber to the event
// (e-supervision, issue 11, will), so every change also writes its outbox row. In the same run:
//   (a) the sweep, several runs, each with `now` moved 2 hours on (a few thousand level changes each);
//       baseline: a select of the same due rows through the same partial index (no update, no insert);
//       also the CPU of the PostgreSQL backend that ran each sweep (read from /proc: not inflated by
//       other work on the machine, as the wall time is)
//   (b) package submits alone: closed loop of --clients clients (capacity, packages/s)
//   (c) the same submit load while the sweep runs every second (each with `now` moved on again)
// (b) and (c) alternate in --rounds pairs of windows (b c, c b, b c, …), --seconds in all for each, so
// a change in the machine's other load falls on both alike.
// Goal: ≤ 1 s per sweep (median of (a)); submits/s in (c) ≥ 90% of (b).
//
//   npm run bench -- sweep [--subcases 1000000] [--seconds 12] [--rounds 4] [--clients 8] [--runs 7] [--processes 1]
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { openDatabase } from '../src/platform/db.ts';
import { sweepCaseClocks, type TCasesEventOf } from '../src/modules/cases/index.ts';
import { EVENT_TYPES, KEPT_FOR_LATER, SUBSCRIPTIONS, ZDomainEvent } from '../src/domain-events.ts';
import { defineSubscription, installEventRegistry } from '../src/platform/events.ts';
import { arg, benchDatabase, cpuSeconds, cpuSecondsOf, median, postgresCpuSeconds, progress, startProcess } from './lib.ts';
import { driveSubmits, makeSubmitBody, signInHttp, THEME, type SubmitLoad } from './submit-lib.ts';
import { percentiles } from './open-loop.ts';

const SUBCASES = Number(arg('subcases', '1000000'));
const SECONDS = Number(arg('seconds', '12'));
const ROUNDS = Number(arg('rounds', '4'));
const CLIENTS = Number(arg('clients', '8'));
const RUNS = Number(arg('runs', '7'));
const PROCESSES = Number(arg('processes', '1'));
const STEP_MS = 2 * 3_600_000; // each sweep's now is 2 hours after the last one's
const SPREAD_DAYS = 30; // notice instants spread over 30 days: ~N × 2 h / 30 days rows become due per sweep
const { name: dbName, url: dbUrl, admin } = benchDatabase(`yj_bench_sweep_${process.pid}`);

// the app's events, with a stand-in for e-supervision subscribed to the level changes
const LEVEL_CHANGED = 'subcase.deadline-level-changed';
const supervision = defineSubscription<TCasesEventOf<typeof LEVEL_CHANGED>>({ name: 'bench.supervision', module: 'bench', events: [LEVEL_CHANGED], key: (e) => e.subcaseId });
installEventRegistry({ schema: ZDomainEvent, types: EVENT_TYPES, subscriptions: [...SUBSCRIPTIONS, supervision], keptForLater: KEPT_FOR_LATER.filter((t) => t !== LEVEL_CHANGED) });

await admin(`create database ${dbName}`);
const work = mkdtempSync(path.join(tmpdir(), 'yijian-sweep-'));
const servers: Array<Awaited<ReturnType<typeof startProcess>>> = [];
try {
  progress(`starting Yijian on PostgreSQL database ${dbName} (migrates and seeds)`);
  const env = { DATABASE_URL: dbUrl, SIMULATORS: 'off', SEED_DEMO: 'true', UPLOAD_DIR: path.join(work, 'uploads') };
  // web processes only: no worker, so the only sweep is the bench's own
  for (let i = 0; i < PROCESSES; i++) servers.push(await startProcess(['dist/server/main.js', '--role=web'], env, '/api/themes', 180_000));
  const ports = servers.map((s) => s.port);
  const database = await openDatabase({ databaseUrl: dbUrl, poolSize: 4 });
  const db = database.db;

  // ---------- 1,000,000 sub-cases, generated in SQL ----------
  const t0 = new Date();
  const applicant = (await db.selectFrom('users').select('id').where('username', '=', 'citizen').executeTakeFirstOrThrow()).id;
  const units = (await db.selectFrom('units').select('code').orderBy('code').execute()).map((u) => u.code);
  const PER_APP = 4;
  const apps = Math.ceil(SUBCASES / PER_APP);
  const CHUNK = 25_000; // applications per statement (100,000 sub-cases)
  const gen0 = performance.now();
  for (let from = 1; from <= apps; from += CHUNK) {
    const to = Math.min(apps, from + CHUNK - 1);
    await sql`insert into applications (id, number, theme_code, theme_version, applicant_id, channel, status, delivery_way, idempotency_key, created_at, updated_at)
      select md5('app' || g)::uuid, 'YJB' || g, ${THEME}, 1, ${applicant}, 'web', '05', 'online', 'bench-sweep-' || g, ${t0}::timestamptz, ${t0}::timestamptz
        from generate_series(${from}::int, ${to}::int) g`.execute(db);
    // 85% open and running (level due at their notice instant), 5% paused (06), 10% finished (10);
    // notice instants spread over 30 days, promised 2 working days later, legal 8 days after that
    await sql`insert into subcases (id, application_id, seq, matter_code, matter_version, matter_name, unit_code, status, time_limit, legal_limit,
                                    promised_at, legal_due_at, notice_at, clock_started_at, running_since, paused_since, released_at, created_at, updated_at)
      select md5('sub' || g || '-' || k)::uuid, md5('app' || g)::uuid, k, 'bench-' || k, 1, '基准事项', (${units}::text[])[1 + (g * 4 + k) % ${units.length}],
             case when r < 0.85 then '08' when r < 0.90 then '06' else '10' end,
             '{"value":5,"unit":"workday"}'::jsonb, '{"value":20,"unit":"workday"}'::jsonb,
             case when r < 0.85 then n + interval '2 days' end, case when r < 0.85 then n + interval '10 days' end, case when r < 0.85 then n end,
             ${t0}::timestamptz, case when r < 0.85 then ${t0}::timestamptz end, case when r >= 0.85 and r < 0.90 then ${t0}::timestamptz end,
             ${t0}::timestamptz, ${t0}::timestamptz, ${t0}::timestamptz
        from (select g, k, random() as r, ${t0}::timestamptz + random() * interval '${sql.raw(String(SPREAD_DAYS))} days' as n
                from generate_series(${from}::int, ${to}::int) g, generate_series(0, ${PER_APP - 1}) k
               where (g - 1) * ${PER_APP} + k < ${SUBCASES}) x`.execute(db);
    await sql`insert into subcase_clock_levels (subcase_id, level_due_at)
      select id, notice_at from subcases where application_id in (select md5('app' || g)::uuid from generate_series(${from}::int, ${to}::int) g) and status = '08'`.execute(db);
    progress(`generated ${Math.min(SUBCASES, to * PER_APP).toLocaleString('en')} / ${SUBCASES.toLocaleString('en')} sub-cases (${((performance.now() - gen0) / 1000).toFixed(0)} s)`);
  }
  progress('vacuum analyze subcases, subcase_clock_levels, applications');
  await sql`vacuum analyze subcases`.execute(db);
  await sql`vacuum analyze subcase_clock_levels`.execute(db);
  await sql`vacuum analyze applications`.execute(db);
  const genSeconds = (performance.now() - gen0) / 1000;
  console.log(`${SUBCASES.toLocaleString('en')} sub-cases (85% open, 5% paused, 10% finished; notice instants over ${SPREAD_DAYS} days) generated in ${genSeconds.toFixed(0)} s`);

  let step = 0;
  const nextNow = () => new Date(t0.getTime() + ++step * STEP_MS);
  /** one sweep in its transaction: its wall time, and the CPU its PostgreSQL backend used (before the commit) */
  const sweepOnce = async (now: Date) => {
    const s = performance.now();
    const { n, cpu } = await db.transaction().execute(async (tx) => {
      const pid = (await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(tx)).rows[0]!.pid;
      const c0 = cpuSeconds(pid);
      const n = await sweepCaseClocks(tx, now);
      return { n, cpu: cpuSeconds(pid) - c0 };
    });
    return { n, seconds: (performance.now() - s) / 1000, cpu };
  };

  // ---------- (a) the sweep alone ----------
  const sweeps: Array<{ n: number; seconds: number; cpu: number; baseline: number; due: number }> = [];
  for (let i = 0; i < RUNS; i++) {
    const now = nextNow();
    // baseline: the same due rows read through the same partial index, nothing written
    const b0 = performance.now();
    const due = (await sql<{ n: number }>`select count(*)::int as n from (select subcase_id, warning_level from subcase_clock_levels
        where level_due_at <= ${now}::timestamptz and level_due_at is not null) x`.execute(db)).rows[0]!.n;
    const baseline = (performance.now() - b0) / 1000;
    const r = await sweepOnce(now);
    sweeps.push({ ...r, baseline, due });
    progress(`sweep ${i + 1}/${RUNS}: ${r.n} level changes in ${(r.seconds * 1000).toFixed(0)} ms, backend CPU ${(r.cpu * 1000).toFixed(0)} ms (select of the ${due} due rows: ${(baseline * 1000).toFixed(0)} ms)`);
  }

  // ---------- (b) submits alone, (c) submits while the sweep runs every second ----------
  const who = await signInHttp(ports[0]!, 'citizen');
  const body = await makeSubmitBody(ports[0]!, who, database, new Date());
  progress(`warm-up: ${CLIENTS} clients for 5 s`);
  const warm = await driveSubmits(ports, who, body, CLIENTS, 5, 'warm');
  if (warm.done === 0) throw new Error(`no submit succeeded: ${warm.firstError}`);
  const serverPids = servers.map((s) => s.proc.pid);

  // (b) and (c) in alternating windows: b c, c b, b c, …
  const window = SECONDS / ROUNDS;
  const during: Array<{ n: number; seconds: number; cpu: number }> = [];
  let busy = false;
  const runWindow = async (withSweeps: boolean, i: number): Promise<SubmitLoad> => {
    progress(`${withSweeps ? '(c) submits with the sweep every second' : '(b) submits alone'}: ${CLIENTS} clients for ${window.toFixed(1)} s`);
    const timer = withSweeps ? setInterval(() => {
      if (busy) return; // a sweep longer than a second: the next one waits (as the worker's task would)
      busy = true;
      sweepOnce(nextNow()).then((r) => during.push(r), (err: unknown) => progress(`sweep failed: ${String(err)}`)).finally(() => (busy = false));
    }, 1000) : undefined;
    const load = await driveSubmits(ports, who, body, CLIENTS, window, `${withSweeps ? 'sweeps' : 'alone'}-${i}`);
    clearInterval(timer);
    while (busy) await new Promise((r) => setTimeout(r, 20)); // a sweep still running does not spill into the next window
    return load;
  };
  const aloneWindows: SubmitLoad[] = [];
  const duringWindows: SubmitLoad[] = [];
  const cpuAlone = { web: 0, pg: 0 };
  const cpuDuring = { web: 0, pg: 0 };
  const pgCpu = () => postgresCpuSeconds() ?? 0;
  for (let i = 0; i < ROUNDS; i++) {
    for (const withSweeps of i % 2 === 0 ? [false, true] : [true, false]) {
      const w0 = cpuSecondsOf(serverPids);
      const p0 = pgCpu();
      const load = await runWindow(withSweeps, i);
      const into = withSweeps ? cpuDuring : cpuAlone;
      into.web += cpuSecondsOf(serverPids) - w0;
      into.pg += pgCpu() - p0;
      (withSweeps ? duringWindows : aloneWindows).push(load);
    }
  }
  const combine = (ws: SubmitLoad[]) => {
    const done = ws.reduce((a, w) => a + w.done, 0);
    const seconds = ws.reduce((a, w) => a + w.seconds, 0);
    const p = percentiles(ws.flatMap((w) => w.latencies));
    return { done, seconds, perSecond: done / seconds, p50: p.p50, p99: p.p99, errors: ws.reduce((a, w) => a + w.errors, 0), windows: ws.map((w) => w.perSecond.toFixed(1)).join(' ') };
  };
  const alone = combine(aloneWindows);
  const withSweeps = combine(duringWindows);
  const perPackage = (c: { web: number; pg: number }, n: number) => `web ${((c.web * 1000) / Math.max(1, n)).toFixed(2)} ms, PostgreSQL (whole server) ${((c.pg * 1000) / Math.max(1, n)).toFixed(2)} ms`;
  const aloneCpu = perPackage(cpuAlone, alone.done);
  const duringCpu = perPackage(cpuDuring, withSweeps.done);
  const recorded = (await sql<{ n: number }>`select count(*)::int as n from outbox where topic = ${LEVEL_CHANGED} and subscriber = ${supervision.name}`.execute(db)).rows[0]!.n;
  await database.close();

  const med = median(sweeps.map((s) => s.seconds));
  const ratio = withSweeps.perSecond / Math.max(1e-9, alone.perSecond);
  console.log(`\nsweep on PostgreSQL, ${SUBCASES.toLocaleString('en')} sub-cases, now moved ${STEP_MS / 3_600_000} h per sweep`);
  console.log(`(a) sweep alone, ${RUNS} runs: median ${(med * 1000).toFixed(0)} ms (goal ≤ 1000 ms), changes per sweep median ${median(sweeps.map((s) => s.n))}`);
  console.log(`    per run: ${sweeps.map((s) => `${(s.seconds * 1000).toFixed(0)} ms/${s.n}`).join(', ')}`);
  console.log(`    CPU of the PostgreSQL backend per sweep: median ${(median(sweeps.map((s) => s.cpu)) * 1000).toFixed(0)} ms`);
  console.log(`    baseline (select of the due rows through the same index, no writes): median ${(median(sweeps.map((s) => s.baseline)) * 1000).toFixed(0)} ms for ${median(sweeps.map((s) => s.due))} rows`);
  console.log(`(b) submits alone (baseline; ${CLIENTS} clients, closed loop, ${ROUNDS} windows, ${alone.seconds.toFixed(1)} s, ${PROCESSES} web process(es)): ${alone.perSecond.toFixed(1)} packages/s  p50 ${alone.p50.toFixed(1)} ms  p99 ${alone.p99.toFixed(1)} ms  errors ${alone.errors}; CPU per package: ${aloneCpu}`);
  console.log(`    per window: ${alone.windows} packages/s`);
  console.log(`(c) the same with the sweep every second (${withSweeps.seconds.toFixed(1)} s):  ${withSweeps.perSecond.toFixed(1)} packages/s  p50 ${withSweeps.p50.toFixed(1)} ms  p99 ${withSweeps.p99.toFixed(1)} ms  errors ${withSweeps.errors}; CPU per package: ${duringCpu}`);
  console.log(`    per window: ${withSweeps.windows} packages/s`);
  console.log(`    ${during.length} sweeps meanwhile: median ${(median(during.map((s) => s.seconds)) * 1000).toFixed(0)} ms (backend CPU ${(median(during.map((s) => s.cpu)) * 1000).toFixed(0)} ms), ${during.reduce((a, s) => a + s.n, 0)} changes; ratio ${ratio.toFixed(3)} (goal ≥ 0.90)`);
  console.log(`    ${LEVEL_CHANGED} outbox rows of the stand-in subscriber: ${recorded} (every change of (a) and (c), once each)`);
  console.log(JSON.stringify({ bench: 'sweep', value: Number(med.toFixed(4)), baseline: Number(alone.perSecond.toFixed(2)), ratio: Number(ratio.toFixed(3)), unit: 's' }));
} finally {
  for (const s of servers) await s.stop();
  await admin(`drop database if exists ${dbName} with (force)`);
}
