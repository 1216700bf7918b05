// submit: package submissions (a newborn package: every matter guidance can switch on, generated
// valid values, uploaded materials) over HTTP on PostgreSQL at 8 and 32 concurrent clients — packages/s,
// p50, p99 — next to the same SQL run by pgbench at the same concurrency in the same run. The pgbench
// script is generated from the statements one real submit sends (recorded at the pg driver), with fresh
// idempotency keys and numbers per transaction. Goal: ≥ 0.5× raw, p99 ≤ 150 ms.
//
//   npm run bench -- submit [--seconds 10] [--processes N]   (N server processes, default one per core)
import { mkdtempSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { openDatabase } from '../src/platform/db.ts';
import { arg, benchDatabase, cpuMeter, cpuSeconds, cpuSecondsOf, postgresCpuSeconds, progress, report, startProcess } from './lib.ts';
import { driveSubmits, makeSubmitBody, planReplay, pgbenchScript, recordSubmit, runPgbench, signInHttp, writeScript, THEME, type PgbenchResult, type SubmitLoad } from './submit-lib.ts';

const SECONDS = Number(arg('seconds', process.env.BENCH_SECONDS ?? '10'));
const CLIENTS = [8, 32];
const PROCESSES = Number(arg('processes', String(availableParallelism())));
const { name: dbName, url: dbUrl, admin } = benchDatabase(`yj_bench_submit_${process.pid}`);

await admin(`create database ${dbName}`);
const work = mkdtempSync(path.join(tmpdir(), 'yijian-submit-'));
let server: Awaited<ReturnType<typeof startProcess>> | undefined;
const webs: Array<Awaited<ReturnType<typeof startProcess>>> = [];
try {
  progress(`starting Yijian on PostgreSQL database ${dbName}`);
  const env = { DATABASE_URL: dbUrl, SIMULATORS: 'off', SEED_DEMO: 'true', UPLOAD_DIR: path.join(work, 'uploads') };
  // web processes only: the submit is measured, not the outbox work it queues (the dispatch and e2e benches measure that)
  server = await startProcess(['dist/server/main.js', '--role=web'], env, '/api/themes', 180_000);
  // more web processes on the same database, one per core (as a deployment would run them); clients go round them
  for (let i = 1; i < PROCESSES; i++) webs.push(await startProcess(['dist/server/main.js', '--role=web'], env, '/api/themes', 180_000));
  const ports = [server.port, ...webs.map((w) => w.port)];
  console.log(`${ports.length} server process(es), --role=web (--processes N; default one per core); no worker, so the queued outbox rows wait, as in the pgbench run`);
  const database = await openDatabase({ databaseUrl: dbUrl, poolSize: 4 });
  const who = await signInHttp(server.port, 'citizen');
  const body = await makeSubmitBody(server.port, who, database, new Date());
  console.log(`package: theme ${THEME}, ${Object.keys(body.values).length} values, ${body.materials?.length ?? 0} uploaded materials`);

  progress('warm-up: 8 clients for 3 s');
  const warm = await driveSubmits(ports, who, body, 8, 3, 'warm');
  if (warm.done === 0) throw new Error(`no submit succeeded: ${warm.firstError}`);
  const httpRuns: SubmitLoad[] = [];
  const httpCpu: string[] = [];
  const serverPids = [server.proc.pid, ...webs.map((w) => w.proc.pid)];
  for (const c of CLIENTS) {
    progress(`HTTP submits: ${c} clients for ${SECONDS} s`);
    const cpu = cpuMeter({ web: () => cpuSecondsOf(serverPids), PostgreSQL: postgresCpuSeconds, 'load generator': () => cpuSeconds('self') });
    const run = await driveSubmits(ports, who, body, c, SECONDS, `c${c}`);
    httpRuns.push(run);
    httpCpu.push(`CPU per package: ${cpu(run.done)}`);
  }
  for (const w of webs) await w.stop();
  webs.length = 0;
  await server.stop();
  server = undefined;

  progress('recording the SQL of one submit');
  const { statements, key, generated } = await recordSubmit(database, 'citizen', body, () => new Date());
  await database.close();
  const steps = planReplay(statements, key, generated);
  const script = path.join(work, 'submit.sql');
  writeScript(script, pgbenchScript(steps));
  const inTx = statements.findIndex((s) => /^begin/i.test(s.text));
  const txEnd = statements.findIndex((s) => /^commit/i.test(s.text));
  const writes = statements.filter((s) => /^\s*(with|insert|update|delete)\b/i.test(s.text)).length;
  console.log(`one submit sends ${statements.length} statements (${inTx >= 0 ? `${txEnd - inTx - 1} inside its transaction` : `${writes} writing: the transaction is one statement`}); pgbench script: ${script}`);
  const raw: PgbenchResult[] = [];
  const rawCpu: string[] = [];
  for (const c of CLIENTS) {
    progress(`pgbench: ${c} clients for ${SECONDS} s`);
    const cpu = cpuMeter({ PostgreSQL: postgresCpuSeconds, pgbench: () => cpuSeconds('self', true) - cpuSeconds('self') });
    const r = runPgbench(dbUrl, script, c, SECONDS, work);
    raw.push(r);
    rawCpu.push(`CPU per transaction: ${cpu(r.done)}`);
  }

  console.log(`\nsubmit on PostgreSQL (${SECONDS} s per run)`);
  for (const [i, c] of CLIENTS.entries()) {
    const h = httpRuns[i]!;
    const r = raw[i]!;
    console.log(`${String(c).padStart(3)} clients  HTTP ${h.perSecond.toFixed(1).padStart(7)} packages/s  p50 ${h.p50.toFixed(1).padStart(6)} ms  p99 ${h.p99.toFixed(1).padStart(6)} ms  errors ${h.errors}${h.firstError ? ` (${h.firstError.slice(0, 120)})` : ''}`);
    console.log(`             pgbench ${r.tps.toFixed(1).padStart(7)} tx/s        p50 ${r.p50.toFixed(1).padStart(6)} ms  p99 ${r.p99.toFixed(1).padStart(6)} ms  failed ${r.failed}`);
    console.log(`             ratio ${(h.perSecond / r.tps).toFixed(2)} (goal ≥ 0.5)   p99 ${h.p99 <= 150 ? 'OK' : 'ABOVE'} goal ≤ 150 ms`);
    console.log(`             HTTP ${httpCpu[i]}; pgbench ${rawCpu[i]}`);
  }
  for (const [i, c] of CLIENTS.entries())
    report(`submit-${c}`, httpRuns[i]!.perSecond, raw[i]!.tps, 'packages/s', { goalRatio: 0.5, p50Ms: +httpRuns[i]!.p50.toFixed(1), p99Ms: +httpRuns[i]!.p99.toFixed(1), rawP99Ms: +raw[i]!.p99.toFixed(1), errors: httpRuns[i]!.errors });
} finally {
  for (const w of webs) await w.stop();
  await server?.stop();
  await admin(`drop database if exists ${dbName} with (force)`);
}
