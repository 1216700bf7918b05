// e2e: newborn applications submitted over HTTP (one web process, 2 worker processes, PostgreSQL),
// every unit of the theme a push department system that approves at once (the simulators). Figures:
// applications completed per second (all five sub-cases dispatched, approved by their systems and the
// results applied, dependents released in between), next to the rate at which the same clients got
// applications accepted in the same run (intake: the pipeline should keep up with it); and p99 from
// submit to delivery (a released sub-case reaching its unit's system) and from submit to completion.
//
//   npm run bench -- e2e [--seconds 20] [--clients 4]
import pg from 'pg';
import { startCity } from './dispatch-setup.ts';
import { arg, progress, report } from './lib.ts';
import { percentiles } from './open-loop.ts';

const SECONDS = Number(arg('seconds', process.env.BENCH_SECONDS ?? '20'));
const CLIENTS = Number(arg('clients', '4'));
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

const city = await startCity('newborn');
const pgc = new pg.Client({ connectionString: city.database.url! });
await pgc.connect();
const q = async <T extends pg.QueryResultRow>(text: string, params: unknown[] = []) => (await pgc.query<T>(text, params)).rows;

// the theme's units, from a first application (no worker runs yet)
const first = await city.submit('bench-e2e-probe');
const units = (await q<{ unit_code: string }>(`select distinct unit_code from subcases where application_id = $1 order by 1`, [first])).map((r) => r.unit_code);
progress(`newborn reaches ${units.join(', ')}: each a push system approving at once`);
const yijianUrl = `http://127.0.0.1:${city.web.port}`;
const sims = [];
for (const u of units) sims.push(await city.connect(u, { mode: 'push', yijianUrl, delayMs: 0, approve: 1, reject: 0, supplement: 0, concurrency: 64 }));
await sleep(2_100); // adapter caches
const workers = await Promise.all([city.start('worker'), city.start('worker')]);

progress(`${CLIENTS} clients submit newborn applications (4 uploads each) for ${SECONDS} s`);
const submitted: string[] = [first];
let stop = false;
const tl = performance.now();
const clients = Array.from({ length: CLIENTS }, async (_, c) => {
  for (let n = 0; !stop; n++) submitted.push(await city.submit(`bench-e2e-${c}-${n}`));
});
const ticker = setInterval(() => progress(`${submitted.length} submitted`), 5000);
await sleep(SECONDS * 1000);
stop = true;
await Promise.all(clients);
clearInterval(ticker);
const intakeRate = (submitted.length - 1) / ((performance.now() - tl) / 1000);

progress('waiting for every application to complete');
const t0 = performance.now();
for (;;) {
  const [row] = await q<{ open: string }>(`select count(*) filter (where status <> '10') as open from applications where id = any($1::uuid[])`, [submitted]);
  if (Number(row!.open) === 0) break;
  if (performance.now() - t0 > 300_000) throw new Error(`${row!.open} applications did not complete in 5 minutes`);
  progress(`${row!.open} of ${submitted.length} still open`);
  await sleep(1000);
}
await Promise.all(workers.map((w) => w.stop()));

const apps = await q<{ id: string; created: number; completed: number }>(`select a.id, extract(epoch from a.created_at)::float8 * 1000 as created,
    extract(epoch from (select max(h.at) from case_history h where h.application_id = a.id and h.case_kind = 'application' and h.to_status = '10'))::float8 * 1000 as completed
  from applications a where a.id = any($1::uuid[])`, [submitted.slice(1)]);
const createdAt = new Map(apps.map((a) => [a.id, a.created]));
const deliveries: number[] = [];
for (const sim of sims) {
  for (const r of await sim.subcases()) {
    const created = createdAt.get(r.applicationId);
    if (created !== undefined) deliveries.push(Date.parse(r.firstReceivedAt) - created);
  }
}
const completedTimes = apps.map((a) => a.completed).filter((x) => Number.isFinite(x));
const completion = apps.map((a) => a.completed - a.created).filter((x) => Number.isFinite(x));
const span = (Math.max(...completedTimes) - Math.min(...apps.map((a) => a.created))) / 1000;
const completedRate = apps.length / span;
const d = percentiles(deliveries);
const firstDelivery = percentiles(await (async () => {
  // the first sub-case of each application: released at submission, so submit → delivery is dispatch alone
  const firsts = new Map<string, number>();
  for (const sim of sims) for (const r of await sim.subcases()) {
    const created = createdAt.get(r.applicationId);
    if (created === undefined) continue;
    const ms = Date.parse(r.firstReceivedAt) - created;
    if (!firsts.has(r.applicationId) || ms < firsts.get(r.applicationId)!) firsts.set(r.applicationId, ms);
  }
  return [...firsts.values()];
})());
const c = percentiles(completion);

await pgc.end();
await Promise.all(sims.map((s) => s.stop()));
await city.web.stop();
await city.database.drop();

console.log(`applications completed       ${completedRate.toFixed(1).padStart(8)} /s  (${apps.length} applications, ${apps.length * units.length} sub-cases over ${units.length} push units, in ${span.toFixed(1)} s)`);
console.log(`applications accepted (intake) ${intakeRate.toFixed(1).padStart(6)} /s  (${CLIENTS} clients, ${SECONDS} s)`);
console.log(`submit → first delivery       p50 ${firstDelivery.p50.toFixed(0)} ms  p99 ${firstDelivery.p99.toFixed(0)} ms`);
console.log(`submit → any delivery         p50 ${d.p50.toFixed(0)} ms  p99 ${d.p99.toFixed(0)} ms  (dependents wait for their prerequisites' results)`);
console.log(`submit → completed           p50 ${c.p50.toFixed(0)} ms  p99 ${c.p99.toFixed(0)} ms`);
report('e2e', completedRate, intakeRate, 'applications/s', { p99SubmitToFirstDeliveryMs: Math.round(firstDelivery.p99), p99SubmitToDeliveryMs: Math.round(d.p99), p99SubmitToCompletedMs: Math.round(c.p99) });
