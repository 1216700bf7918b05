// A push unit that takes batches (adapter settings.batchSize) against the real department simulator
// (both databases): released sub-cases go out several to a request (POST /subcases/batch), each with
// its own idempotency key; the tasks the system refuses are retried on their own, so every sub-case
// arrives once and its task records the system's case number.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { OutboxDispatcher } from '../src/platform/outbox.ts';
import { dispatchSubscribers } from '../src/modules/dispatch/index.ts';
import { startDepartmentSimulator, type RunningDepartmentSimulator } from '../sim/departments/start-simulator.ts';
import { createTestApp, signIn, type TestApp } from './helpers/app.ts';
import { DB_KINDS, postgresAvailable } from './helpers/databases.ts';
import { applicationBody, applicationTemplate, injectRequester, until, type Session } from './helpers/dispatch-harness.ts';

const APPLICATIONS = 12;
const BATCH = 5;
const REFUSED = 4;

const PG = await postgresAvailable();

for (const kind of DB_KINDS) describe.skipIf(kind === 'postgres' && !PG)(`push in batches to a department system (${kind})`, () => {
  let t: TestApp;
  let sim: RunningDepartmentSimulator | undefined;
  let stopWorker: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    t = await createTestApp(kind);
  }, 120_000);
  afterAll(async () => {
    await stopWorker?.();
    await sim?.stop();
    await t?.close();
  });

  it('sends several sub-cases per request and retries only the tasks the system refused', async () => {
    const req = injectRequester(t.app);
    const [citizen, admin] = await Promise.all([signIn(t.app, 'citizen'), signIn(t.app, 'admin')]);
    const who: Session = { cookie: citizen.cookie, headers: citizen.headers };
    const template = await applicationTemplate(req, t.database, who, 'newborn', 7);
    const released: string[] = [];
    for (let i = 0; i < APPLICATIONS; i++) {
      const res = await req('POST', '/api/applications', await applicationBody(req, who, template, `batch-${kind}-${i}`), who.headers);
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      const { rows } = await sql<{ id: string; unit_code: string }>`select id, unit_code from subcases where application_id = ${(res.body as { id: string }).id} and status = '02'`.execute(t.database.db);
      expect(rows).toHaveLength(1);
      released.push(rows[0]!.id);
    }
    const unitCode = (await t.database.db.selectFrom('subcases').select('unit_code').where('id', '=', released[0]!).executeTakeFirstOrThrow()).unit_code;

    // the unit's system only receives (it never calls back here) and refuses the next few tasks
    expect((await req('PUT', `/api/admin/adapters/${unitCode}`, { kind: 'pull' }, admin.headers)).status).toBe(200);
    const key = (await req('POST', `/api/admin/adapters/${unitCode}/keys`, {}, admin.headers)).body as { keyId: string; secret: string };
    sim = await startDepartmentSimulator({ unitCode, keyId: key.keyId, secret: key.secret, mode: 'push', hold: true });
    await sim.inject({ failNext: REFUSED });
    const set = await req('PUT', `/api/admin/adapters/${unitCode}`, { kind: 'push', endpointUrl: sim.url, settings: { batchSize: BATCH } }, admin.headers);
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    expect((set.body as { settings: unknown }).settings).toEqual({ batchSize: BATCH });
    // a batch size the API does not take is refused, and nothing changes
    const bad = await req('PUT', `/api/admin/adapters/${unitCode}`, { kind: 'push', endpointUrl: sim.url, settings: { batchSize: 100_000 } }, admin.headers);
    expect(bad.status).toBe(400);

    const dispatcher = new OutboxDispatcher(t.ctx.database, { batchSize: 50, baseBackoffMs: 200, maxBackoffMs: 400 });
    dispatcher.subscribe(...dispatchSubscribers(t.ctx));
    stopWorker = dispatcher.start(50);
    const tasks = async () => t.database.db.selectFrom('dispatch_tasks').select(['subcase_id', 'state', 'attempts', 'external_case_no']).where('subcase_id', 'in', released).execute();
    await until('every task delivered', async () => {
      const all = await tasks();
      return all.length === APPLICATIONS && all.every((x) => x.state === 'done') ? all : undefined;
    }, 30_000);

    const stats = await sim.stats();
    expect(stats.received).toBe(APPLICATIONS);
    expect(stats.duplicatesReceived).toBe(0); // a refused task was not received, so its retry is its first delivery
    expect(stats.pushRequests.single).toBe(0);
    // the first claim takes all twelve: 3 requests of ≤ 5; the refused four go again in one or more later requests
    expect(stats.pushRequests.batch).toBeGreaterThanOrEqual(Math.ceil(APPLICATIONS / BATCH) + 1);
    expect(stats.pushRequests.batch).toBeLessThanOrEqual(Math.ceil(APPLICATIONS / BATCH) + REFUSED);
    const done = await tasks();
    expect(done.filter((x) => x.attempts > 1)).toHaveLength(REFUSED);
    expect(done.every((x) => x.external_case_no?.startsWith(unitCode.toUpperCase().slice(0, 12)))).toBe(true);
    const outbox = await t.database.db.selectFrom('outbox').select(['attempts', 'done_at', 'dead_at']).where('topic', '=', 'subcase.released').where('key', 'in', released).execute();
    expect(outbox.every((o) => o.done_at !== null && o.dead_at === null)).toBe(true);
    expect(outbox.filter((o) => o.attempts === 2)).toHaveLength(REFUSED);
    // what the system stored: each sub-case once, under the key a single push would have sent
    const records = await sim.subcases();
    expect(records.map((r) => r.id).sort()).toEqual([...released].sort());
    for (const r of records) expect(r.deliveries.map((d) => d.idempotencyKey)).toEqual([`${r.id}:1`]);
  }, 90_000);
});
