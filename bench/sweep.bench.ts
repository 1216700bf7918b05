// sweep: the case clock's sweep (sweepCaseClocks: one statement moving the warning levels of the open,
// unpaused sub-cases whose level is due) over 1,000,000 sub-cases on PostgreSQL, and what it costs the
// submits running beside it. In the same run:
//   (a) the sweep, several runs, each with `now` moved 2 hours on (a few thousand level changes each);
//       baseline: a select of the same due rows through the same partial index (no update, no insert)
//   (b) package submits alone: closed loop of --clients clients for --seconds (capacity, packages/s)
//   (c) the same submit load while the sweep runs every second (each with `now` moved on again)
// Goal: ≤ 1 s per sweep (median of (a)); submits/s in (c) ≥ 90% of (b).
//
//   npm run bench -- sweep [--subcases 1000000] [--seconds 10] [--clients 8] [--runs 7] [--processes 1]
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { openDatabase } from '../src/platform/db.ts';
import { sweepCaseClocks } from '../src/modules/cases/index.ts';
import { arg, benchDatabase, cpuMeter, cpuSecondsOf, median, postgresCpuSeconds, progress, startProcess } from './lib.ts';
import { driveSubmits, makeSubmitBody, signInHttp, THEME, type SubmitLoad } from './submit-lib.ts';

const SUBCASES = Number(arg('subcases', '1000000'));
const SECONDS = Number(arg('seconds', '10'));
const CLIENTS = Number(arg('clients', '8'));
const RUNS = Number(arg('runs', '7'));
const PROCESSES = Number(arg('processes', '1'));
const STEP_MS = 2 * 3_600_000; // each sweep's now is 2 hours after the last one's
const SPREAD_DAYS = 30; // notice instants spread over 30 days: ~N × 2 h / 30 days rows become due per sweep
const { name: dbName, url: dbUrl, admin } = benchDatabase(`yj_bench_sweep_${process.pid}`);

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
                                    promised_at, legal_due_at, notice_at, clock_started_at, running_since, paused_since, warning_level, level_due_at, released_at, created_at, updated_at)
      select md5('sub' || g || '-' || k)::uuid, md5('app' || g)::uuid, k, 'bench-' || k, 1, '基准事项', (${units}::text[])[1 + (g * 4 + k) % ${units.length}],
             case when r < 0.85 then '08' when r < 0.90 then '06' else '10' end,
             '{"value":5,"unit":"workday"}'::jsonb, '{"value":20,"unit":"workday"}'::jsonb,
             case when r < 0.85 then n + interval '2 days' end, case when r < 0.85 then n + interval '10 days' end, case when r < 0.85 then n end,
             ${t0}::timestamptz, case when r < 0.85 then ${t0}::timestamptz end, case when r >= 0.85 and r < 0.90 then ${t0}::timestamptz end,
             'none', case when r < 0.85 then n end, ${t0}::timestamptz, ${t0}::timestamptz, ${t0}::timestamptz
        from (select g, k, random() as r, ${t0}::timestamptz + random() * interval '${sql.raw(String(SPREAD_DAYS))} days' as n
                from generate_series(${from}::int, ${to}::int) g, generate_series(0, ${PER_APP - 1}) k
               where (g - 1) * ${PER_APP} + k < ${SUBCASES}) x`.execute(db);
    progress(`generated ${Math.min(SUBCASES, to * PER_APP).toLocaleString('en')} / ${SUBCASES.toLocaleString('en')} sub-cases (${((performance.now() - gen0) / 1000).toFixed(0)} s)`);
  }
  progress('vacuum analyze subcases, applications');
  await sql`vacuum analyze subcases`.execute(db);
  await sql`vacuum analyze applications`.execute(db);
  const genSeconds = (performance.now() - gen0) / 1000;
  console.log(`${SUBCASES.toLocaleString('en')} sub-cases (85% open, 5% paused, 10% finished; notice instants over ${SPREAD_DAYS} days) generated in ${genSeconds.toFixed(0)} s`);

  let step = 0;
  const nextNow = () => new Date(t0.getTime() + ++step * STEP_MS);
  const sweepOnce = async (now: Date) => {
    const s = performance.now();
    const n = await db.transaction().execute((tx) => sweepCaseClocks(tx, now));
    return { n, seconds: (performance.now() - s) / 1000 };
  };

  // ---------- (a) the sweep alone ----------
  const sweeps: Array<{ n: number; seconds: number; baseline: number; due: number }> = [];
  for (let i = 0; i < RUNS; i++) {
    const now = nextNow();
    // baseline: the same due rows read through the same partial index, nothing written
    const b0 = performance.now();
    const due = (await sql<{ n: number }>`select count(*)::int as n from (select id, warning_level from subcases
        where level_due_at <= ${now}::timestamptz and level_due_at is not null and paused_since is null) x`.execute(db)).rows[0]!.n;
    const baseline = (performance.now() - b0) / 1000;
    const r = await sweepOnce(now);
    sweeps.push({ ...r, baseline, due });
    progress(`sweep ${i + 1}/${RUNS}: ${r.n} level changes in ${(r.seconds * 1000).toFixed(0)} ms (select of the ${due} due rows: ${(baseline * 1000).toFixed(0)} ms)`);
  }

  // ---------- (b) submits alone, (c) submits while the sweep runs every second ----------
  const who = await signInHttp(ports[0]!, 'citizen');
  const body = await makeSubmitBody(ports[0]!, who, database, new Date());
  progress(`warm-up: ${CLIENTS} clients for 5 s`);
  const warm = await driveSubmits(ports, who, body, CLIENTS, 5, 'warm');
  if (warm.done === 0) throw new Error(`no submit succeeded: ${warm.firstError}`);
  const serverPids = servers.map((s) => s.proc.pid);

  progress(`(b) submits alone: ${CLIENTS} clients for ${SECONDS} s`);
  let cpu = cpuMeter({ web: () => cpuSecondsOf(serverPids), PostgreSQL: postgresCpuSeconds });
  const alone: SubmitLoad = await driveSubmits(ports, who, body, CLIENTS, SECONDS, 'alone');
  const aloneCpu = cpu(alone.done);

  progress(`(c) submits with the sweep every second: ${CLIENTS} clients for ${SECONDS} s`);
  const during: Array<{ n: number; seconds: number }> = [];
  let busy = false;
  const timer = setInterval(() => {
    if (busy) return; // a sweep longer than a second: the next one waits (as the worker's task would)
    busy = true;
    sweepOnce(nextNow()).then((r) => during.push(r), (err: unknown) => progress(`sweep failed: ${String(err)}`)).finally(() => (busy = false));
  }, 1000);
  cpu = cpuMeter({ web: () => cpuSecondsOf(serverPids), PostgreSQL: postgresCpuSeconds });
  const withSweeps: SubmitLoad = await driveSubmits(ports, who, body, CLIENTS, SECONDS, 'sweeps');
  const duringCpu = cpu(withSweeps.done);
  clearInterval(timer);
  while (busy) await new Promise((r) => setTimeout(r, 20));
  const recorded = (await sql<{ n: number }>`select count(*)::int as n from subcase_deadline_changes`.execute(db)).rows[0]!.n;
  await database.close();

  const med = median(sweeps.map((s) => s.seconds));
  const ratio = withSweeps.perSecond / Math.max(1e-9, alone.perSecond);
  console.log(`\nsweep on PostgreSQL, ${SUBCASES.toLocaleString('en')} sub-cases, now moved ${STEP_MS / 3_600_000} h per sweep`);
  console.log(`(a) sweep alone, ${RUNS} runs: median ${(med * 1000).toFixed(0)} ms (goal ≤ 1000 ms), changes per sweep median ${median(sweeps.map((s) => s.n))}`);
  console.log(`    per run: ${sweeps.map((s) => `${(s.seconds * 1000).toFixed(0)} ms/${s.n}`).join(', ')}`);
  console.log(`    baseline (select of the due rows through the same index, no writes): median ${(median(sweeps.map((s) => s.baseline)) * 1000).toFixed(0)} ms for ${median(sweeps.map((s) => s.due))} rows`);
  console.log(`(b) submits alone (baseline; ${CLIENTS} clients, closed loop, ${SECONDS} s, ${PROCESSES} web process(es)): ${alone.perSecond.toFixed(1)} packages/s  p50 ${alone.p50.toFixed(1)} ms  p99 ${alone.p99.toFixed(1)} ms  errors ${alone.errors}; CPU per package: ${aloneCpu}`);
  console.log(`(c) the same with the sweep every second:  ${withSweeps.perSecond.toFixed(1)} packages/s  p50 ${withSweeps.p50.toFixed(1)} ms  p99 ${withSweeps.p99.toFixed(1)} ms  errors ${withSweeps.errors}; CPU per package: ${duringCpu}`);
  console.log(`    ${during.length} sweeps meanwhile: median ${(median(during.map((s) => s.seconds)) * 1000).toFixed(0)} ms, ${during.reduce((a, s) => a + s.n, 0)} changes; ratio ${ratio.toFixed(3)} (goal ≥ 0.90)`);
  console.log(`    subcase_deadline_changes rows: ${recorded} (every change of (a) and (c), once each)`);
  console.log(JSON.stringify({ bench: 'sweep', value: Number(med.toFixed(4)), baseline: Number(alone.perSecond.toFixed(2)), ratio: Number(ratio.toFixed(3)), unit: 's' }));
} finally {
  for (const s of servers) await s.stop();
  await admin(`drop database if exists ${dbName} with (force)`);
}
