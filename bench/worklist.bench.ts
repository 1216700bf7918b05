// worklist: a unit's worklist page and the detail an officer opens, on a PostgreSQL database of
// 10M sub-cases (bench/gen-worklist.ts makes them in SQL), at a fixed open-loop rate (2,000 req/s),
// p99 against the goal ≤ 25 ms; baseline: the same SQL through pg from this process at the same rate.
//
//   npm run bench -- worklist [--rows 10000000] [--rate 2000] [--seconds 10] [--fresh] [--cold] [--processes N] [--no-capacity]
// After the runs at --rate, a capacity search runs each listing at falling rates (5 s each) and
// reports the highest rate whose p99 meets the goal, for HTTP and for the SQL baseline alike, with
// the CPU per request of the web processes, PostgreSQL and this process (the load generator).
// Requests not answered within 10 s count as errors. Tables and indexes are prewarmed into the OS cache
// (pg_prewarm 'read') unless --cold.
// The generated database (yj_bench_worklist_<rows>) is kept and reused by later runs; --fresh remakes it.
import { availableParallelism } from 'node:os';
import pg from 'pg';
import { openDatabase } from '../src/platform/db.ts';
import * as repo from '../src/modules/cases/cases.repo.ts';
import { encodeWorklistCursor } from '../src/modules/cases/back-office.ts';
import { recordAudit } from '../src/modules/audit/index.ts';
import { hashPassword } from '../src/modules/identity/index.ts';
import { insertUserIfAbsent } from '../src/modules/identity/identity.repo.ts';
import type { TWorklistQuery } from '../src/contract/cases.ts';
import { generateWorklist } from './gen-worklist.ts';
import { arg, benchDatabase, cpuMeter, cpuSeconds, cpuSecondsOf, postgresCpuSeconds, progress, report, startProcess } from './lib.ts';
import { httpGetter, line, openLoop, type OpenLoopResult } from './open-loop.ts';

const ROWS = Number(arg('rows', process.env.BENCH_ROWS ?? '10000000'));
const RATE = Number(arg('rate', '2000'));
const SECONDS = Number(arg('seconds', process.env.BENCH_SECONDS ?? '10'));
const FRESH = process.argv.includes('--fresh');
const CAPACITY = !process.argv.includes('--no-capacity');
const LADDER = [2000, 1400, 1000, 700, 500, 350, 250, 180, 120];
const PROCESSES = Number(arg('processes', String(availableParallelism())));
const GOAL_MS = 25;
const BENCH_PASSWORD = 'Bench@2025!';
const UNIT = 'city-police';
const { name: dbName, url: dbUrl, admin } = benchDatabase(`yj_bench_worklist_${ROWS}`);

const exists = (await admin('select 1 from pg_database where datname = $1', [dbName])).rowCount === 1;
if (exists && FRESH) await admin(`drop database ${dbName} with (force)`);
if (!exists || FRESH) {
  progress(`creating database ${dbName}`);
  await admin(`create database ${dbName}`);
} else progress(`reusing database ${dbName} (--fresh to remake it)`);

progress('starting Yijian on it (migrations, catalog, demo accounts on a first start)');
const env = { DATABASE_URL: dbUrl, SIMULATORS: 'off', SEED_DEMO: 'true' };
const server = await startProcess(['dist/server/main.js'], env, '/api/themes', 180_000);
const webs: Array<Awaited<ReturnType<typeof startProcess>>> = [];
try {
  // more web processes on the same database, one per core; requests go round them
  for (let i = 1; i < PROCESSES; i++) webs.push(await startProcess(['dist/server/main.js', '--role=web'], env, '/api/themes', 180_000));
  console.log(`${1 + webs.length} server process(es) (--processes N; default one per core)`);
  progress(`generating ${ROWS.toLocaleString()} sub-cases (skipped when already there)`);
  const gen = await generateWorklist(dbUrl, { rows: ROWS });
  if (gen.seconds > 0) console.log(`generated ${gen.subcases.toLocaleString()} sub-cases, ${gen.applications.toLocaleString()} applications, one history row each, in ${gen.seconds.toFixed(0)} s (indexes ${gen.indexSeconds.toFixed(0)} s)`);

  // steady state: the tables and indexes in the OS cache, as on a server that has been serving them
  if (!process.argv.includes('--cold')) {
    const c = new pg.Client({ connectionString: dbUrl });
    await c.connect();
    await c.query('create extension if not exists pg_prewarm');
    const rels = (await c.query<{ relname: string; size: string }>(
      `select relname, pg_size_pretty(pg_relation_size(oid)) as size from pg_class
        where relnamespace = 'public'::regnamespace and relkind in ('r', 'i')
          and (relname in ('applications', 'subcases', 'case_history', 'users', 'sessions', 'audit_log', 'application_materials', 'uploads')
               or relname like 'applications_%' or relname like 'subcases_%' or relname like 'case_history_%' or relname like 'sessions_%')`)).rows;
    const tw = performance.now();
    for (const r of rels) {
      progress(`prewarming ${r.relname} (${r.size}) into the OS cache (--cold skips)`);
      await c.query(`select pg_prewarm($1::regclass, 'read')`, [r.relname]);
    }
    console.log(`prewarmed ${rels.length} relations in ${((performance.now() - tw) / 1000).toFixed(0)} s`);
    await c.end();
  }
  const database = await openDatabase({ databaseUrl: dbUrl, poolSize: 20 });
  const db = database.db;
  const { rows: [stats] } = await (await import('kysely')).sql<{ total: string; unit: string; open: string }>`
    select (select count(*) from subcases)::text as total,
           (select count(*) from subcases where unit_code = ${UNIT})::text as unit,
           (select count(*) from subcases where unit_code = ${UNIT} and status <> '01')::text as open`.execute(db);
  console.log(`database: ${Number(stats!.total).toLocaleString()} sub-cases; unit ${UNIT}: ${Number(stats!.unit).toLocaleString()} (${Number(stats!.open).toLocaleString()} released)`);

  // an officer of the busy unit (made here: the demo officers may belong to small local units)
  await insertUserIfAbsent(db, { username: 'bench-officer', role: 'officer', name: '压测经办人', passwordHash: await hashPassword(BENCH_PASSWORD), unitCode: UNIT });
  const login = await fetch(`http://127.0.0.1:${server.port}/api/auth/login`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'bench-officer', password: BENCH_PASSWORD }),
  });
  if (login.status !== 200) throw new Error(`login failed: ${login.status} ${await login.text()}`);
  const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]!).find((c) => c.startsWith('yj_session='));
  if (!cookie) throw new Error('login: no session cookie');
  const officer = await db.selectFrom('users').select(['id']).where('username', '=', 'bench-officer').executeTakeFirstOrThrow();

  // what officers ask for: first pages of each listing, and pages deep in the list (keyset cursors at random rows)
  const sample = (await (await import('kysely')).sql<{ id: string; application_id: string; status: string; k: string | null; r: string | null }>`
    select id, application_id, status, (extract(epoch from promised_at) * 1000000)::bigint::text as k, (extract(epoch from released_at) * 1000000)::bigint::text as r
      from subcases tablesample system (5) where unit_code = ${UNIT} and status <> '01' limit 2000`.execute(db)).rows;
  if (sample.length < 100) throw new Error(`too few sampled sub-cases (${sample.length})`);
  const queries: Array<{ q: TWorklistQuery; after?: repo.WorklistAfter; count?: repo.WorklistCount; path: string }> = [];
  const qs = (q: TWorklistQuery, cursor?: string) =>
    `/api/back-office/subcases?sort=${q.sort}&limit=${q.limit}${q.status ? `&status=${q.status}` : ''}${cursor ? `&cursor=${cursor}` : ''}`;
  for (const sort of ['deadline', 'newest'] as const)
    for (const status of [undefined, '02', '05', '10']) {
      const q: TWorklistQuery = { sort, limit: 20, offset: 0, ...(status ? { status } : {}) };
      queries.push({ q, path: qs(q) });
    }
  for (const [i, s] of sample.slice(0, 400).entries()) {
    const sort = i % 2 === 0 ? 'deadline' : 'newest';
    const q: TWorklistQuery = { sort, limit: 20, offset: 0, ...(i % 4 < 2 ? {} : { status: s.status }) };
    const after = { keyMicros: sort === 'deadline' ? s.k : s.r, id: s.id };
    queries.push({ q, after, count: { total: 1000, capped: true }, path: qs(q, encodeWorklistCursor(q, after, { total: 1000, capped: true })) });
  }
  const ids = sample.map((s) => s.id);
  const appIds = sample.map((s) => s.application_id);

  const http = httpGetter([server.port, ...webs.map((w) => w.port)], { cookie });
  const runHttp = async (name: string, pathOf: (i: number) => string): Promise<OpenLoopResult> => {
    progress(`${name}: warm-up 2 s, then ${RATE} req/s for ${SECONDS} s`);
    await openLoop(RATE, 2, (i) => http.get(pathOf(i + 7)));
    return openLoop(RATE, SECONDS, (i) => http.get(pathOf(i)));
  };
  /** an operation as an open-loop firing function: true when it succeeded */
  const asFire = (op: (i: number) => Promise<unknown>) => (i: number) => op(i).then(() => true, () => false);
  const runSql = async (name: string, op: (i: number) => Promise<unknown>): Promise<OpenLoopResult> => {
    progress(`${name} (SQL through pg): warm-up 2 s, then ${RATE}/s for ${SECONDS} s`);
    const fire = asFire(op);
    await openLoop(RATE, 2, (i) => fire(i + 7));
    return openLoop(RATE, SECONDS, fire);
  };

  const actor = { id: officer.id, role: 'officer', unitCode: UNIT };
  const results: Record<string, { app: OpenLoopResult; sql: OpenLoopResult }> = {};
  // each listing as the officer's request and as its SQL alone, for the runs at RATE and the capacity search
  const pagePath = (i: number) => queries[i % queries.length]!.path;
  const pageOp = (i: number) => {
    const x = queries[i % queries.length]!;
    return repo.worklist(db, UNIT, x.q, x.after, x.count);
  };
  const applicationPath = (i: number) => `/api/applications/${appIds[i % appIds.length]}`;
  const applicationOp = async (i: number) => {
    const id = appIds[i % appIds.length]!;
    await repo.getApplication(db, id);
    await Promise.all([repo.listSubcases(db, id), repo.listHistory(db, id)]);
  };
  const page = await runHttp('worklist page', pagePath);
  const pageSql = await runSql('worklist page', pageOp);
  results.page = { app: page, sql: pageSql };
  const detail = await runHttp('sub-case detail', (i) => `/api/back-office/subcases/${ids[i % ids.length]}`);
  const detailSql = await runSql('sub-case detail', async (i) => {
    const sub = await repo.getSubcase(db, ids[i % ids.length]!);
    await Promise.all([repo.getApplication(db, sub!.application_id), repo.listHistory(db, sub!.application_id, sub!.id)]);
    await recordAudit(db, { actorId: actor.id, actorRole: 'officer', action: 'case.subcase.read', targetType: 'subcase', targetId: sub!.id, reason: 'bench', detail: { applicationId: sub!.application_id } });
  });
  results.detail = { app: detail, sql: detailSql };
  const application = await runHttp('application detail', applicationPath);
  const applicationSql = await runSql('application detail', applicationOp);
  results.application = { app: application, sql: applicationSql };

  // capacity: the highest rate of the ladder whose p99 meets the goal, with the CPU a request costs there
  const capacity: string[] = [];
  if (CAPACITY) {
    const serverPids = [server.proc.pid, ...webs.map((w) => w.proc.pid)];
    const find = async (name: string, fire: (i: number) => Promise<boolean>, viaHttp: boolean) => {
      for (const rate of LADDER.filter((r) => r <= RATE)) {
        progress(`capacity of ${name}: ${rate}/s for 5 s`);
        await openLoop(rate, 1, (i) => fire(i + 11));
        const cpu = cpuMeter({
          ...(viaHttp ? { web: () => cpuSecondsOf(serverPids) } : {}),
          PostgreSQL: postgresCpuSeconds,
          'load generator': () => cpuSeconds('self'),
        });
        const r = await openLoop(rate, 5, fire);
        if (r.p99 <= GOAL_MS && r.errors === 0) {
          capacity.push(`${name.padEnd(44)} p99 ≤ ${GOAL_MS} ms up to ${String(rate).padStart(5)} req/s (p99 ${r.p99.toFixed(1)} ms there; CPU per request: ${cpu(r.sent)})`);
          return;
        }
      }
      capacity.push(`${name.padEnd(44)} p99 above ${GOAL_MS} ms at every rate down to ${LADDER.at(-1)} req/s`);
    };
    await find('worklist page (HTTP)', (i) => http.get(pagePath(i)), true);
    await find('worklist page (SQL through pg)', asFire(pageOp), false);
    await find('application detail (HTTP)', (i) => http.get(applicationPath(i)), true);
    await find('application detail (SQL through pg)', asFire(applicationOp), false);
  }
  http.close();
  await database.close();

  console.log(`\nworklist on ${Number(stats!.total).toLocaleString()} sub-cases, open loop at ${RATE} req/s for ${SECONDS} s each`);
  console.log(line('worklist page (HTTP, keyset, 20 rows)', page, GOAL_MS));
  console.log(line('  baseline: same SQL through pg', pageSql));
  console.log(line('sub-case detail (HTTP, audited read)', detail, GOAL_MS));
  console.log(line('  baseline: same SQL through pg', detailSql));
  console.log(line('application detail (HTTP)', application, GOAL_MS));
  console.log(line('  baseline: same SQL through pg', applicationSql));
  if (capacity.length > 0) {
    console.log(`\ncapacity on this machine (${availableParallelism()} cores, server, PostgreSQL and load generator on it together)`);
    for (const c of capacity) console.log(`  ${c}`);
  }
  const worst = Math.max(page.p99, detail.p99, application.p99);
  report('worklist', worst, Math.max(pageSql.p99, detailSql.p99, applicationSql.p99), 'ms p99', {
    rows: Number(stats!.total), rate: RATE, goalP99Ms: GOAL_MS,
    pageP99: +page.p99.toFixed(2), detailP99: +detail.p99.toFixed(2), applicationP99: +application.p99.toFixed(2),
    errors: page.errors + detail.errors + application.errors,
  });
} finally {
  for (const w of webs) await w.stop();
  await server.stop();
}
