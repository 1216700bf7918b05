// dispatch: sub-cases delivered per second to a push department system (the simulator, receiving only)
// by 2 worker processes on PostgreSQL, next to a raw batched `FOR UPDATE SKIP LOCKED` dequeue of the
// same outbox rows by 2 connections in the same run. Goal: ≥ 5,000/s and ≥ 0.2× raw.
//
//   npm run bench -- dispatch [--rows 20000] [--batch 200] [--push-batch 200] [--repeat 3] [--no-single]
// --batch is the workers' OUTBOX_BATCH_SIZE (rows per claim; the server's default is 50, a worker
// that mostly dispatches does better with 200: the per-claim queries are paid once for more rows) and
// the raw dequeue's batch; --push-batch is the unit adapter's settings.batchSize.
// One real newborn application is submitted over HTTP; its released sub-case (with its data slice and
// materials) is cloned in SQL into --rows sub-cases of as many applications, each with its
// 'subcase.released' outbox row, before the workers start. The rows are dispatched twice, to a fresh
// simulator each time: first to a unit whose adapter takes batches (settings.batchSize = --push-batch,
// POST /subcases/batch), then to one taking one sub-case per request (POST /subcases). The rate is
// rows / (last done_at − first done_at).
import pg from 'pg';
import { startCity } from './dispatch-setup.ts';
import { arg, cpuSeconds, progress, report } from './lib.ts';

const ROWS = Number(arg('rows', process.env.BENCH_ROWS ?? '20000'));
const BATCH = Number(arg('batch', process.env.OUTBOX_BATCH_SIZE ?? '200'));
const PUSH_BATCH = Number(arg('push-batch', '200'));
// the batched run is repeated (its few seconds vary with whatever else the machine does): the median counts
const REPEAT = Number(arg('repeat', '3'));
// --no-single leaves out the one-push-per-request run (quicker comparisons of settings)
const SINGLE = !process.argv.includes('--no-single');
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const city = await startCity('newborn');
const pgc = new pg.Client({ connectionString: city.database.url! });
await pgc.connect();
const q = async <T extends pg.QueryResultRow>(text: string, params: unknown[] = []) => (await pgc.query<T>(text, params)).rows;

const firstId = await city.submit('bench-dispatch-0');
const released = (await q<{ id: string; unit_code: string }>(`select id, unit_code from subcases where application_id = $1 and status = '02' order by seq limit 1`, [firstId]))[0]!;
progress(`sub-case ${released.id} released to ${released.unit_code}; the unit becomes a push adapter to a receiving-only simulator`);

progress(`cloning it into ${ROWS.toLocaleString()} sub-cases with their outbox rows`);
await q('begin');
await q(`create temp table clone as select g, gen_random_uuid() as app_id, gen_random_uuid() as sub_id from generate_series(1, $1::int - 1) g`, [ROWS]);
await q(`insert into applications (id, number, theme_code, theme_version, applicant_id, channel, status, answers, delivery_way, delivery_address, delivery_counter, idempotency_key, created_at, updated_at)
         select c.app_id, a.number || '-' || c.g, a.theme_code, a.theme_version, a.applicant_id, a.channel, a.status, a.answers, a.delivery_way, a.delivery_address, a.delivery_counter,
                'bench-dispatch-' || c.g, a.created_at, a.updated_at
           from clone c, applications a where a.id = $1`, [firstId]);
await q(`insert into subcases (id, application_id, seq, matter_code, matter_version, matter_name, unit_code, status, data, elements, inputs, result, time_limit, promised_at, clock, released_at, needs, created_at, updated_at)
         select c.sub_id, c.app_id, s.seq, s.matter_code, s.matter_version, s.matter_name, s.unit_code, s.status, s.data, s.elements, s.inputs, s.result, s.time_limit, s.promised_at, s.clock, s.released_at, s.needs, s.created_at, s.updated_at
           from clone c, subcases s where s.id = $1`, [released.id]);
await q(`insert into application_materials (application_id, code, name_zh, name_en, provision, upload_ids, matters, deferred_until)
         select c.app_id, m.code, m.name_zh, m.name_en, m.provision, m.upload_ids, m.matters, m.deferred_until
           from clone c, application_materials m where m.application_id = $1`, [firstId]);
await q(`insert into outbox (topic, subscriber, key, payload, created_at, available_at)
         select 'subcase.released', 'dispatch.deliver', c.sub_id::text, o.payload || jsonb_build_object('subcaseId', c.sub_id, 'applicationId', c.app_id), now(), now()
           from clone c, outbox o where o.topic = 'subcase.released' and o.key = $1 order by c.g`, [released.id]);
await q('commit');
// what autovacuum does to a table that grew: planner statistics for the cloned rows
for (const table of ['applications', 'subcases', 'application_materials']) await q(`vacuum analyze ${table}`);

/** Outbox rows back to never tried and no tasks made, as before the first run. */
async function resetRows() {
  await q(`delete from dispatch_tasks where event = 'subcase.released'`);
  await q(`update outbox set done_at = null, attempts = 0, locked_until = null, last_error = null, available_at = now() where topic = 'subcase.released'`);
  await q('vacuum analyze outbox');
  await q('vacuum analyze dispatch_tasks');
}

async function dispatchRun(label: string, settings: Record<string, unknown>) {
  await resetRows();
  const total = Number((await q<{ n: string }>(`select count(*) as n from outbox where topic = 'subcase.released' and done_at is null`))[0]!.n);
  if (total !== ROWS) throw new Error(`expected ${ROWS} pending rows, found ${total}`);
  // the adapter is set through the admin API of the web process, which stays idle otherwise (nothing calls back)
  const sim = await city.connect(released.unit_code, { mode: 'push', hold: true }, settings);
  progress(`${label}: 2 worker processes dispatch ${ROWS.toLocaleString()} sub-cases`);
  const workerEnv = { OUTBOX_BATCH_SIZE: String(BATCH) };
  const workers = await Promise.all([city.start('worker', workerEnv), city.start('worker', workerEnv)]);
  const t0 = performance.now();
  // PostgreSQL's share: its backends serving this database (when the server runs on this machine)
  const backends = async () => (await q<{ pid: number }>(`select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()`)).map((r) => r.pid);
  const cpuNow = async () => ({
    workers: workers.reduce((sum, w) => sum + cpuSeconds(w.proc.pid), 0), sim: cpuSeconds(sim.process.pid),
    database: (await backends()).reduce((sum, pid) => sum + cpuSeconds(pid), 0),
  });
  let from: { done: number; cpu: Awaited<ReturnType<typeof cpuNow>> } | undefined; // CPU is counted from the first dispatch on, leaving out start-up
  for (;;) {
    await sleep(1000);
    const [row] = await q<{ done: string; dead: string; failing: string }>(`select count(*) filter (where done_at is not null) as done, count(*) filter (where dead_at is not null) as dead,
        count(*) filter (where last_error is not null and done_at is null) as failing from outbox where topic = 'subcase.released'`);
    const done = Number(row!.done);
    if (!from && done > 0) from = { done, cpu: await cpuNow() };
    progress(`${done.toLocaleString()} / ${ROWS.toLocaleString()} dispatched (${((performance.now() - t0) / 1000).toFixed(0)} s${Number(row!.failing) > 0 ? `, ${row!.failing} failing` : ''})`);
    if (done + Number(row!.dead) >= ROWS) break;
    if (performance.now() - t0 > 600_000) throw new Error('dispatch did not finish in 10 minutes');
  }
  const cpu = await cpuNow();
  const counted = Math.max(1, ROWS - (from?.done ?? 0));
  const workerCpuMs = ((cpu.workers - (from?.cpu.workers ?? 0)) * 1000) / counted;
  const simCpuMs = ((cpu.sim - (from?.cpu.sim ?? 0)) * 1000) / counted;
  const databaseCpuMs = ((cpu.database - (from?.cpu.database ?? 0)) * 1000) / counted;
  await Promise.all(workers.map((w) => w.stop()));
  const [span] = await q<{ s: number; dead: string }>(`select extract(epoch from max(done_at) - min(done_at))::float8 as s, count(*) filter (where dead_at is not null) as dead from outbox where topic = 'subcase.released'`);
  const stats = await sim.stats();
  await sim.stop();
  if (stats.received !== ROWS) throw new Error(`${label}: the simulator received ${stats.received} of ${ROWS} sub-cases`);
  return { rate: ROWS / span!.s, seconds: span!.s, dead: Number(span!.dead), stats, workerCpuMs, simCpuMs, databaseCpuMs };
}

const runs = [];
for (let r = 1; r <= REPEAT; r++) runs.push(await dispatchRun(`push in batches of up to ${PUSH_BATCH} (run ${r} of ${REPEAT})`, { batchSize: PUSH_BATCH }));
const batched = [...runs].sort((a, b) => a.rate - b.rate)[Math.floor(runs.length / 2)]!;
const single = SINGLE ? await dispatchRun('push one per request', {}) : undefined;

progress('raw baseline: the same rows dequeued with FOR UPDATE SKIP LOCKED in batches, 2 connections');
await resetRows();
const raw = async () => {
  const c = new pg.Client({ connectionString: city.database.url! });
  await c.connect();
  let n = 0;
  for (;;) {
    const r = await c.query(`update outbox set done_at = now(), attempts = attempts + 1 where id in (
        select id from outbox where done_at is null and dead_at is null and topic = 'subcase.released' and available_at <= now()
        order by available_at, id limit ${BATCH} for update skip locked) returning id, topic, key, payload`);
    if (r.rowCount === 0) break;
    n += r.rowCount ?? 0;
  }
  await c.end();
  return n;
};
const tr = performance.now();
const rawCounts = await Promise.all([raw(), raw()]);
const rawRate = (rawCounts[0]! + rawCounts[1]!) / ((performance.now() - tr) / 1000);

await pgc.end();
await city.web.stop();
// BENCH_KEEP_DB=1 keeps the database to look into afterwards
if (process.env.BENCH_KEEP_DB === '1') progress(`kept ${city.database.url}`);
else await city.database.drop();

const line = (label: string, r: typeof batched) =>
  `${label.padEnd(60)} ${Math.round(r.rate).toLocaleString().padStart(8)} /s  (${ROWS.toLocaleString()} sub-cases in ${r.seconds.toFixed(1)} s; ${r.stats.pushRequests.batch + r.stats.pushRequests.single} requests; received ${r.stats.received.toLocaleString()}, re-deliveries ${r.stats.duplicatesReceived}, dead ${r.dead}; CPU per dispatch: workers ${r.workerCpuMs.toFixed(2)} ms, simulator ${r.simCpuMs.toFixed(2)} ms, PostgreSQL ${r.databaseCpuMs.toFixed(2)} ms)`;
console.log(line(`dispatch, 2 workers (claims of ${BATCH}), push batches ≤ ${PUSH_BATCH}`, batched));
if (runs.length > 1) console.log(`${'  (median of the runs'.padEnd(60)} ${runs.map((r) => Math.round(r.rate).toLocaleString()).join(' / ')} /s)`);
if (single) console.log(line(`dispatch, 2 workers (claims of ${BATCH}), one push per request`, single));
console.log(`${`raw batched SKIP LOCKED dequeue (${BATCH}), 2 conn`.padEnd(60)} ${Math.round(rawRate).toLocaleString().padStart(8)} /s`);
report('dispatch', batched.rate, rawRate, 'dispatches/s', { goal: 5000, goalRatio: 0.2, rows: ROWS, batch: BATCH, pushBatch: PUSH_BATCH, runs: runs.map((r) => Math.round(r.rate)) });
if (single) report('dispatch-single-push', single.rate, rawRate, 'dispatches/s', { rows: ROWS, batch: BATCH });
