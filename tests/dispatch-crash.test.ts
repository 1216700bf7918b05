// Crash test (PostgreSQL): two web and two worker processes of the real build on one fresh database,
// the theme's units connected to department simulators (push — one of them in batches — and one pull), a load generator
// submitting newborn applications over HTTP with idempotency keys (retried with the same key after a
// connection error or a 5xx). Meanwhile web and worker processes are killed with SIGKILL at random
// moments and restarted: a fixed number of kills, each after observed progress (more outbox rows done),
// so that a slow machine makes the test slower, not red. Afterwards, once everything is quiet:
//   every application the client saw accepted exists, once per idempotency key;
//   every sub-case reached its unit's system exactly once in effect (re-deliveries only with the same
//   idempotency key, recognised by the system);
//   every result was applied once (one approval per sub-case in the history).
// It prints the counts. The clients hold back while more than MAX_BACKLOG outbox rows wait, so the work
// left after the load stays bounded. Every wait is for progress, bounded generously: at most
// PROGRESS_WAIT_MS for each step before a kill, and settling fails only after STALL_MS without any
// progress (leases of killed processes are shortened to 5 s by OUTBOX_LEASE_MS / PULL_LEASE_MS).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../scripts/build.mjs';
import { findRootDir } from '../src/config.ts';
import { startDepartmentSimulator, type RunningDepartmentSimulator } from '../sim/departments/start-simulator.ts';
import { createTestDatabase, postgresAvailable, type TestDatabase } from './helpers/databases.ts';
import { freePort } from './helpers/ports.ts';
import { applicationBody, applicationTemplate, httpRequester, signInAs, until, type Requester, type Session } from './helpers/dispatch-harness.ts';

const ROOT = findRootDir();
const THEME = 'newborn';
const KILLS = Number(process.env.CRASH_KILLS ?? 6); // web and worker processes in turn
const PROGRESS_ROWS = 10; // outbox rows done between two kills (and after the last one)
const PROGRESS_WAIT_MS = 180_000;
const CLIENTS = 4;
const MAX_BACKLOG = 100;
// settling usually takes 10–20 s; it fails only when nothing moved for this long
const STALL_MS = 120_000;
const PULL_UNIT_INDEX = 2; // one of the theme's units pulls its tasks; the others are pushed to
const BATCH_UNIT_INDEX = 0; // and one takes them in batches

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const rnd = (lo: number, hi: number) => lo + Math.random() * (hi - lo);

interface Managed { name: string; role: 'web' | 'worker'; port: number; child: ChildProcess | undefined; kills: number }

const PG = await postgresAvailable();

describe.skipIf(!PG)('kill -9 of web and worker processes under load (PostgreSQL)', () => {
  let database: TestDatabase | undefined;
  let dataDir = '';
  const procs: Managed[] = [];
  const sims: RunningDepartmentSimulator[] = [];
  const output: string[] = [];

  const spawnRole = (m: Managed) => {
    const child = spawn(process.execPath, ['dist/server/main.js', `--role=${m.role}`], {
      cwd: ROOT,
      env: {
        ...process.env, DATABASE_URL: database!.url, PORT: String(m.port), DATA_DIR: dataDir, LOG_LEVEL: 'warn', SEED_DEMO: 'true',
        SECURE_COOKIES: 'false', SIMULATORS: 'off', OUTBOX_LEASE_MS: '5000', PULL_LEASE_MS: '5000',
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    child.stderr!.on('data', (d: Buffer) => {
      output.push(`[${m.name}] ${d.toString()}`);
      if (output.length > 400) output.splice(0, 200);
    });
    m.child = child;
  };
  const webReady = (port: number) => until(`web on ${port}`, async () => (await fetch(`http://127.0.0.1:${port}/api/health`).then((r) => r.ok, () => false)) || undefined, 90_000, 100);

  beforeAll(async () => {
    await build();
    database = await createTestDatabase('postgres');
    dataDir = mkdtempSync(path.join(tmpdir(), 'yj-crash-'));
  }, 240_000);
  afterAll(async () => {
    for (const m of procs) m.child?.kill('SIGKILL');
    await Promise.all(sims.map((s) => s.stop()));
    await database?.drop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  it('every accepted application exists once, every sub-case reached its system once in effect, every result applied once', async () => {
    const db = database!.db;
    const ports = [await freePort(), await freePort()];
    const webs: Managed[] = [0, 1].map((i) => ({ name: `web${i + 1}`, role: 'web', port: ports[i]!, child: undefined, kills: 0 }));
    const workers: Managed[] = [0, 1].map((i) => ({ name: `worker${i + 1}`, role: 'worker', port: 0, child: undefined, kills: 0 }));
    procs.push(...webs, ...workers);
    webs.forEach(spawnRole);
    await Promise.all(webs.map((w) => webReady(w.port)));
    const urls = webs.map((w) => `http://127.0.0.1:${w.port}`);

    let turn = 0;
    const anyWeb: Requester = httpRequester(() => urls[turn++ % urls.length]!, 20_000);
    const req = httpRequester(urls[0]!);
    const citizen: Session = await signInAs(req, 'citizen');
    const admin: Session = await signInAs(req, 'admin');
    const template = await applicationTemplate(req, database!, citizen, THEME, 11);

    // the theme's units, from a first application (no worker runs yet, so nothing is dispatched)
    const probe = await req('POST', '/api/applications', await applicationBody(req, citizen, template, 'crash-probe'), citizen.headers);
    expect(probe.status).toBe(201);
    const accepted = new Map<string, string>([['crash-probe', (probe.body as { id: string }).id]]);
    const units = (await sql<{ unit_code: string }>`select distinct unit_code from subcases order by unit_code`.execute(db)).rows.map((r) => r.unit_code);
    for (const [i, unitCode] of units.entries()) {
      const mode = i === PULL_UNIT_INDEX ? 'pull' : 'push';
      expect((await req('PUT', `/api/admin/adapters/${unitCode}`, { kind: 'pull' }, admin.headers)).status).toBe(200);
      const key = await req('POST', `/api/admin/adapters/${unitCode}/keys`, {}, admin.headers);
      expect(key.status).toBe(201);
      const { keyId, secret } = key.body as { keyId: string; secret: string };
      const sim = await startDepartmentSimulator({
        unitCode, keyId, secret, mode, yijianUrl: urls[i % urls.length], delayMs: 20, approve: 1, reject: 0, supplement: 0, pollWaitS: 2,
        // some systems also call back twice or out of order
        ...(i % 2 === 1 ? { faults: { duplicateCallbacks: 0.2, outOfOrder: 0.2 } } : {}),
      });
      sims.push(sim);
      // one push system takes its sub-cases in batches (POST /subcases/batch)
      const settings = mode === 'push' && i === BATCH_UNIT_INDEX ? { batchSize: 10 } : {};
      if (mode === 'push') expect((await req('PUT', `/api/admin/adapters/${unitCode}`, { kind: 'push', endpointUrl: sim.url, settings }, admin.headers)).status).toBe(200);
    }
    await sleep(2_100); // the adapter caches of the other web process expire (2 s); waiting longer is harmless
    workers.forEach(spawnRole);

    // load: clients submit until the killer is done, each retrying its submit with the same key
    const t0 = Date.now();
    let stopLoad = false;
    const retries = { submit: 0, upload: 0 };
    const errors: string[] = [];
    const restartMs: number[] = [];
    const submitMs: number[] = [];
    const submitOnce = async (key: string): Promise<string> => {
      let body: Record<string, unknown> | undefined;
      for (let attempt = 0; ; attempt++) {
        if (attempt > 200) throw new Error(`submit ${key}: no answer after 200 tries`);
        try {
          body ??= await applicationBody(anyWeb, citizen, template, key);
        } catch (e) {
          if (retries.upload < 3) errors.push(String(e));
          retries.upload++;
          await sleep(100);
          continue;
        }
        const res = await anyWeb('POST', '/api/applications', body, citizen.headers).catch(() => undefined);
        if (res && (res.status === 201 || res.status === 200)) return (res.body as { id: string }).id;
        if (res && res.status < 500) throw new Error(`submit ${key}: ${res.status} ${JSON.stringify(res.body)}`);
        if (retries.submit < 3) errors.push(`submit: ${res ? `${res.status} ${JSON.stringify(res.body).slice(0, 300)}` : 'no answer'}`);
        retries.submit++;
        await sleep(100);
      }
    };
    // back-pressure: the clients wait while the workers are behind (killed ones, a busy machine)
    let backlogged = false;
    const governor = (async () => {
      while (!stopLoad) {
        const n = (await sql<{ n: string }>`select count(*)::text as n from outbox where done_at is null and dead_at is null`.execute(db)).rows[0]!.n;
        backlogged = Number(n) > MAX_BACKLOG;
        await sleep(250);
      }
    })();
    const clients = Array.from({ length: CLIENTS }, async (_, ci) => {
      for (let n = 0; !stopLoad; n++) {
        while (backlogged && !stopLoad) await sleep(100);
        if (stopLoad) break;
        const key = `crash-${ci}-${n}`;
        const ts = Date.now();
        accepted.set(key, await submitOnce(key));
        submitMs.push(Date.now() - ts);
      }
    });

    // the killer: KILLS times, web and worker processes in turn, each time after PROGRESS_ROWS more outbox
    // rows were done (and a random moment more), restarted after a moment
    const killLog: string[] = [];
    const doneRows = async () => Number((await sql<{ n: string }>`select count(*)::text as n from outbox where done_at is not null`.execute(db)).rows[0]!.n);
    const progress = async (what: string) => {
      const from = await doneRows();
      await until(`${PROGRESS_ROWS} more outbox rows done ${what} (from ${from})`, async () => (await doneRows()) >= from + PROGRESS_ROWS, PROGRESS_WAIT_MS, 200);
    };
    const killer = (async () => {
      for (let k = 0; k < KILLS; k++) {
        await progress(`before kill ${k + 1}`);
        await sleep(rnd(0, 1_000));
        const pool = k % 2 === 0 ? webs : workers;
        const victim = pool[Math.floor(Math.random() * pool.length)]!;
        // a web process only while the other one serves, so that the clients always have somewhere to go
        if (victim.role === 'web') await webReady(webs.find((w) => w !== victim)!.port);
        const child = victim.child!;
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGKILL');
        await exited;
        victim.kills++;
        killLog.push(`${((Date.now() - t0) / 1000).toFixed(1)}s ${victim.name}`);
        await sleep(rnd(200, 1_200));
        spawnRole(victim);
        if (victim.role === 'web') {
          const t1 = Date.now();
          void webReady(victim.port).then(() => restartMs.push(Date.now() - t1), () => undefined);
        }
      }
      // the restarted processes work too
      await progress('after the last kill');
    })();
    try {
      await killer;
    } finally {
      stopLoad = true;
      await Promise.allSettled([...clients, governor]);
    }
    await Promise.all([...clients, governor]);
    const loadDone = Date.now();
    const loadMs = loadDone - t0;
    await Promise.all(webs.map((w) => webReady(w.port)));

    // quiescence: every accepted application completed, nothing left to send either way
    const ids = [...accepted.values()];
    let last = '';
    let best = Infinity;
    let lastProgress = Date.now();
    await until('quiescence', async () => {
      const open = await sql<{ n: string }>`select count(*)::text as n from applications where id = any(${ids}::uuid[]) and status <> '10'`.execute(db);
      const tasks = await sql<{ n: string }>`select count(*)::text as n from dispatch_tasks where state = 'pending'`.execute(db);
      const stats = await Promise.all(sims.map((s) => s.stats()));
      const pending = stats.reduce((a, s) => a + s.pending.events + s.pending.undecided, 0);
      last = `${open.rows[0]!.n} applications open, ${tasks.rows[0]!.n} tasks pending, ${pending} callbacks pending`;
      const left = Number(open.rows[0]!.n) + Number(tasks.rows[0]!.n) + pending;
      if (left < best) [best, lastProgress] = [left, Date.now()];
      else if (Date.now() - lastProgress > STALL_MS) throw new Error(`no progress for ${STALL_MS} ms`);
      return left === 0 || undefined;
    }, Number.POSITIVE_INFINITY, 500).catch(async (e: unknown) => {
      // what is stuck: open sub-cases, unfinished outbox rows, events the systems gave up on
      const open = (await sql<{ id: string; matter_code: string; unit_code: string; status: string }>`select s.id, s.matter_code, s.unit_code, s.status from subcases s join applications a on a.id = s.application_id
        where a.id = any(${ids}::uuid[]) and a.status <> '10' and s.status <> '10' limit 10`.execute(db)).rows;
      const outbox = (await sql<Record<string, unknown>>`select id, topic, key, attempts, available_at, locked_until, dead_at, left(last_error, 200) as last_error from outbox where done_at is null limit 10`.execute(db)).rows;
      const events = (await sql<Record<string, unknown>>`select subcase_id, sequence, type, state, outcome from adapter_events where subcase_id = any(${open.map((o) => o.id)}::uuid[])`.execute(db)).rows;
      const given = (await Promise.all(sims.map((s) => s.subcases()))).flat().filter((r) => open.some((o) => o.id === r.id)).map((r) => ({ id: r.id, status: r.status, events: r.events.map((x) => [x.sequence, x.type, x.state, x.httpStatus]) }));
      throw new Error(`${String(e)} (${last}); kills ${killLog.join(', ')}\nopen sub-cases ${JSON.stringify(open)}\noutbox ${JSON.stringify(outbox)}\nevents ${JSON.stringify(events)}\nat the units ${JSON.stringify(given)}\nprocess output:\n${output.join('').slice(-3000)}`);
    });
    const quietMs = Date.now() - loadDone;

    // every accepted application exists, once per idempotency key
    const apps = (await sql<{ id: string; idempotency_key: string }>`select id, idempotency_key from applications`.execute(db)).rows;
    const byKey = new Map(apps.map((a) => [a.idempotency_key, a.id]));
    expect(byKey.size).toBe(apps.length);
    for (const [key, id] of accepted) expect(byKey.get(key), key).toBe(id);
    expect(apps.length).toBe(accepted.size); // an application never answered (killed mid-submit) was retried to the same one

    // every sub-case reached its system exactly once in effect
    const subcases = (await sql<{ id: string; unit_code: string }>`select id, unit_code from subcases`.execute(db)).rows;
    expect(subcases.length).toBe(apps.length * units.length);
    const perUnit: Record<string, object> = {};
    let duplicates = 0;
    for (const sim of sims) {
      const stats = await sim.stats();
      const records = await sim.subcases();
      const mine = subcases.filter((s) => s.unit_code === sim.unitCode);
      expect(records.length, sim.unitCode).toBe(mine.length);
      expect(new Set(records.map((r) => r.id))).toEqual(new Set(mine.map((s) => s.id)));
      expect(stats.received, sim.unitCode).toBe(mine.length);
      expect(stats.deliveries, sim.unitCode).toBe(mine.length); // only 'released', once each
      expect(stats.duplicatesOtherKey, sim.unitCode).toBe(0);
      expect(stats.perStatus, sim.unitCode).toEqual({ '10': mine.length });
      if (sims.indexOf(sim) === BATCH_UNIT_INDEX) expect(stats.pushRequests, sim.unitCode).toMatchObject({ single: 0 });
      duplicates += stats.duplicatesReceived;
      perUnit[sim.unitCode] = { mode: stats.mode, ...(stats.pushRequests.batch > 0 ? { batches: stats.pushRequests.batch } : {}), received: stats.received, duplicatesReceived: stats.duplicatesReceived, eventsSent: stats.eventsSent, parked: stats.callbacks.parked, duplicateCallbacks: stats.callbacks.duplicatesSent };
    }

    // every result applied once
    const approvals = (await sql<{ case_id: string; n: string }>`select case_id, count(*)::text as n from case_history where case_kind = 'subcase' and event = 'approve' group by case_id`.execute(db)).rows;
    expect(approvals.length).toBe(subcases.length);
    expect(approvals.filter((r) => r.n !== '1')).toEqual([]);
    const events = (await sql<{ state: string; n: string }>`select state, count(*)::text as n from adapter_events group by state`.execute(db)).rows;
    expect(Object.fromEntries(events.map((e) => [e.state, Number(e.n)]))).toEqual({ applied: subcases.length * 2 });
    const dead = (await sql<{ n: string }>`select count(*)::text as n from outbox where dead_at is not null`.execute(db)).rows[0]!.n;
    expect(dead).toBe('0');

    const kills = procs.map((p) => `${p.name}×${p.kills}`).join(' ');
    console.log([
      `crash test: ${accepted.size} applications accepted in ${(loadMs / 1000).toFixed(0)} s by ${CLIENTS} clients (${retries.submit} submit and ${retries.upload} upload retries), all exist once per key`,
      `kills (SIGKILL): ${kills} — ${killLog.join(', ')}`,
      `${subcases.length} sub-cases over ${units.length} units, each received once by its system (${duplicates} re-deliveries with the same key recognised); ${approvals.length} approvals applied once; quiet ${(quietMs / 1000).toFixed(1)} s after the load`,
      `per unit: ${JSON.stringify(perUnit)}`,
      `first retried errors: ${errors.join(' | ')}`,
      `web restart to ready: ${restartMs.join('/')} ms; submit (with uploads and retries) median ${submitMs.sort((a, b) => a - b)[submitMs.length >> 1]} ms`,
    ].join('\n'));
    expect(procs.reduce((a, p) => a + p.kills, 0)).toBe(KILLS);
  }, 900_000); // a generous bound: every step waits for progress, so a busy machine only makes it slower
});
