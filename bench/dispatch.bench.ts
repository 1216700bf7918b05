// dispatch: sub-cases delivered per second to a push department system (the simulator, receiving only)
// by 2 worker processes on PostgreSQL, next to a raw batched `FOR UPDATE SKIP LOCKED` dequeue of the
// same outbox rows by 2 connections in the same run. Goal: ≥ 5,000/s and ≥ 0.2× raw.
//
//   npm run bench -- dispatch [--rows 20000] [--batch N]
// One real newborn application is submitted over HTTP; its released sub-case (with its data slice and
// materials) is cloned in SQL into --rows sub-cases of as many applications, each with its
// 'subcase.released' outbox row, before the workers start. The rate is rows / (last done_at − first done_at).
import pg from 'pg';
import { startCity } from './dispatch-setup.ts';
import { progress, report } from './lib.ts';

const arg = (name: string, dflt: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1]! : dflt;
};
const ROWS = Number(arg('rows', process.env.BENCH_ROWS ?? '20000'));
// the outbox dispatcher's batch size (OUTBOX_BATCH_SIZE of the workers; unset: their default), also the raw dequeue's
const BATCH_ARG = arg('batch', process.env.OUTBOX_BATCH_SIZE ?? '');
const BATCH = Number(BATCH_ARG || 20);
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

const city = await startCity('newborn');
const pgc = new pg.Client({ connectionString: city.database.url! });
await pgc.connect();
const q = async <T extends pg.QueryResultRow>(text: string, params: unknown[] = []) => (await pgc.query<T>(text, params)).rows;

const firstId = await city.submit('bench-dispatch-0');
const released = (await q<{ id: string; unit_code: string }>(`select id, unit_code from subcases where application_id = $1 and status = '02' order by seq limit 1`, [firstId]))[0]!;
progress(`sub-case ${released.id} released to ${released.unit_code}; the unit becomes a push adapter to a receiving-only simulator`);
const sim = await city.connect(released.unit_code, { mode: 'push', hold: true });
await city.web.stop(); // nothing calls back; the workers and the database get the machine

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
await q(`insert into outbox (topic, key, payload, created_at, available_at)
         select 'subcase.released', c.sub_id::text, o.payload || jsonb_build_object('subcaseId', c.sub_id, 'applicationId', c.app_id), now(), now()
           from clone c, outbox o where o.topic = 'subcase.released' and o.key = $1 order by c.g`, [released.id]);
await q('commit');
await q('vacuum analyze outbox');
const total = Number((await q<{ n: string }>(`select count(*) as n from outbox where topic = 'subcase.released' and done_at is null`))[0]!.n);
if (total !== ROWS) throw new Error(`expected ${ROWS} pending rows, found ${total}`);

progress('2 worker processes dispatch them');
const workerEnv: Record<string, string> = BATCH_ARG ? { OUTBOX_BATCH_SIZE: BATCH_ARG } : {};
const workers = await Promise.all([city.start('worker', workerEnv), city.start('worker', workerEnv)]);
const t0 = performance.now();
for (;;) {
  await sleep(1000);
  const [row] = await q<{ done: string; dead: string; failing: string }>(`select count(*) filter (where done_at is not null) as done, count(*) filter (where dead_at is not null) as dead,
      count(*) filter (where last_error is not null and done_at is null) as failing from outbox where topic = 'subcase.released'`);
  const done = Number(row!.done);
  progress(`${done.toLocaleString()} / ${ROWS.toLocaleString()} dispatched (${((performance.now() - t0) / 1000).toFixed(0)} s${Number(row!.failing) > 0 ? `, ${row!.failing} failing` : ''})`);
  if (done + Number(row!.dead) >= ROWS) break;
  if (performance.now() - t0 > 600_000) throw new Error('dispatch did not finish in 10 minutes');
}
await Promise.all(workers.map((w) => w.stop()));
const [span] = await q<{ s: number; dead: string }>(`select extract(epoch from max(done_at) - min(done_at))::float8 as s, count(*) filter (where dead_at is not null) as dead from outbox where topic = 'subcase.released'`);
const dispatchRate = ROWS / span!.s;
const stats = await sim.stats();

progress('raw baseline: the same rows dequeued with FOR UPDATE SKIP LOCKED in batches, 2 connections');
await q(`update outbox set done_at = null, attempts = 0, locked_until = null, last_error = null where topic = 'subcase.released'`);
await q('vacuum analyze outbox');
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
await sim.stop();
await city.database.drop();

console.log(`dispatch to a push system, 2 workers   ${Math.round(dispatchRate).toLocaleString().padStart(8)} /s  (${ROWS.toLocaleString()} sub-cases in ${span!.s.toFixed(1)} s; received ${stats.received.toLocaleString()}, re-deliveries ${stats.duplicatesReceived}, dead ${span!.dead})`);
console.log(`raw batched SKIP LOCKED dequeue, 2 conn ${Math.round(rawRate).toLocaleString().padStart(8)} /s`);
if (stats.received !== ROWS) throw new Error(`the simulator received ${stats.received} of ${ROWS} sub-cases`);
report('dispatch', dispatchRate, rawRate, 'dispatches/s', { goal: 5000, goalRatio: 0.2, rows: ROWS, batch: BATCH });
