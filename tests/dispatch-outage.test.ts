// Outage: the department systems of a theme's units are push adapters (simulator processes); one is
// down (503) while applications are submitted. Its deliveries fail and are retried with backoff by
// the outbox, and arrive once it is back; the others are not held up; the sub-cases' deadlines
// (promised_at) are the ones set at submission, not moved by the outage; nothing is lost: every
// sub-case reached its unit's system once, every result came back and was applied once, and every
// application completed. Both databases; Yijian listens on a real port for the simulators' callbacks.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOutboxDispatcher } from '../src/worker.ts';
import { startDepartmentSimulator, type RunningDepartmentSimulator } from '../sim/departments/start-simulator.ts';
import { createTestApp, signIn, type TestApp } from './helpers/app.ts';
import { DB_KINDS, postgresAvailable } from './helpers/databases.ts';
import { applicationBody, applicationTemplate, injectRequester, until, type ApplicationTemplate, type Session } from './helpers/dispatch-harness.ts';

const THEME = 'newborn';
const APPLICATIONS = 8;
const OUTAGE_MS = 5_000;

interface AppView { id: string; status: { code: string }; subcases: Array<{ id: string; matterCode: string; unitCode: string; status: { code: string } }> }

const PG = await postgresAvailable();

for (const kind of DB_KINDS) describe.skipIf(kind === 'postgres' && !PG)(`a department system down for a while (${kind})`, () => {
  let t: TestApp;
  let stopWorker: (() => Promise<void>) | undefined;
  const sims = new Map<string, RunningDepartmentSimulator>();

  beforeAll(async () => {
    t = await createTestApp(kind);
    await t.app.listen({ port: 0, host: '127.0.0.1' });
  }, 120_000);
  afterAll(async () => {
    await stopWorker?.();
    await Promise.all([...sims.values()].map((s) => s.stop()));
    await t?.close();
  });

  it('retries the deliveries until the unit is back, keeps the deadlines, loses nothing', async () => {
    const address = t.app.server.address();
    const yijianUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    const req = injectRequester(t.app);
    const [citizen, admin] = await Promise.all([signIn(t.app, 'citizen'), signIn(t.app, 'admin')]);
    const who: Session = { cookie: citizen.cookie, headers: citizen.headers };
    const template: ApplicationTemplate = await applicationTemplate(req, t.database, who, THEME, 7);
    const submit = async (i: number): Promise<AppView> => {
      const res = await req('POST', '/api/applications', await applicationBody(req, who, template, `outage-${kind}-${i}`), who.headers);
      if (res.status !== 201) throw new Error(`submit ${i}: ${res.status} ${JSON.stringify(res.body)}`);
      const view = await req('GET', `/api/applications/${(res.body as { id: string }).id}`, undefined, { cookie: who.cookie });
      return view.body as AppView;
    };

    // the first application, before any worker runs, shows which units the theme reaches
    const apps: AppView[] = [await submit(0)];
    const units = [...new Set(apps[0]!.subcases.map((s) => s.unitCode))].sort();
    const downUnit = apps[0]!.subcases.find((s) => s.status.code === '02')!.unitCode;
    // each unit's system is a push simulator with a key of its own, configured through the admin API
    for (const unitCode of units) {
      const put = (body: object) => req('PUT', `/api/admin/adapters/${unitCode}`, body, admin.headers);
      expect((await put({ kind: 'pull' })).status).toBe(200);
      const key = await req('POST', `/api/admin/adapters/${unitCode}/keys`, {}, admin.headers);
      expect(key.status).toBe(201);
      const { keyId, secret } = key.body as { keyId: string; secret: string };
      const sim = await startDepartmentSimulator({ unitCode, keyId, secret, mode: 'push', yijianUrl, delayMs: 50, approve: 1, reject: 0, supplement: 0 });
      sims.set(unitCode, sim);
      expect((await put({ kind: 'push', endpointUrl: sim.url })).status).toBe(200);
    }

    // the unit of the first sub-cases goes down; applications keep coming in
    // down answering 503 on one database, with its port closed on the other
    await sims.get(downUnit)!.inject({ downMs: OUTAGE_MS, downMode: kind === 'postgres' ? 'close' : '503' });
    const downSince = Date.now();
    for (let i = 1; i < APPLICATIONS; i++) apps.push(await submit(i));
    const promised = new Map((await sql<{ id: string; promised_at: Date | string | null }>`select id, promised_at from subcases`.execute(t.database.db)).rows.map((r) => [r.id, r.promised_at === null ? null : new Date(r.promised_at).toISOString()]));
    stopWorker = createOutboxDispatcher(t.ctx).start(100);

    // while it is down: tried, failed, waiting for a retry; nothing reached it
    await until('failed delivery attempts', async () => {
      const { rows } = await sql<{ n: string }>`select count(*)::text as n from outbox where topic = 'subcase.released' and payload->>'unitCode' = ${downUnit} and attempts > 0 and done_at is null and last_error is not null`.execute(t.database.db);
      return Number(rows[0]!.n) > 0 || undefined;
    }, OUTAGE_MS);
    const delivered = await sql<{ n: string }>`select count(*)::text as n from dispatch_tasks where unit_code = ${downUnit} and state = 'done'`.execute(t.database.db);
    expect(delivered.rows[0]!.n).toBe('0');
    if (kind !== 'postgres') expect((await sims.get(downUnit)!.stats()).received).toBe(0); // (a closed port tells nothing)
    // the deadlines keep running: the outage neither pauses nor moves a promised date (受理 later restarts it, by law)
    const during = (await sql<{ id: string; promised_at: Date | string | null }>`select id, promised_at from subcases`.execute(t.database.db)).rows;
    for (const r of during) if (promised.get(r.id) && apps.some((a) => a.subcases.some((x) => x.id === r.id && x.unitCode === downUnit))) expect(new Date(r.promised_at!).toISOString()).toBe(promised.get(r.id));
    expect(Date.now() - downSince).toBeLessThan(OUTAGE_MS);

    // once it is back, everything goes through to the end
    const ids = apps.map((a) => a.id);
    await until('every application completed', async () => {
      const views = await Promise.all(ids.map(async (id) => (await req('GET', `/api/applications/${id}`, undefined, { cookie: who.cookie })).body as AppView));
      return views.every((v) => v.status.code === '10') || undefined;
    }, 90_000, 250);

    const db = t.database.db;
    const subcases = (await sql<{ id: string; unit_code: string; promised_at: Date | string | null }>`select id, unit_code, promised_at from subcases`.execute(db)).rows;
    expect(subcases).toHaveLength(APPLICATIONS * units.length);
    // every sub-case reached its unit's system exactly once in effect, and came back approved
    const counts: Record<string, unknown> = {};
    for (const [unitCode, sim] of sims) {
      const stats = await sim.stats();
      const records = await sim.subcases();
      const mine = subcases.filter((s) => s.unit_code === unitCode);
      expect(stats.received, unitCode).toBe(mine.length);
      expect(new Set(records.map((r) => r.id))).toEqual(new Set(mine.map((s) => s.id)));
      expect(stats.duplicatesOtherKey, unitCode).toBe(0);
      expect(stats.perStatus, unitCode).toEqual({ '10': mine.length });
      // the deadline carried to the unit is the one set when the sub-case was released, however late it arrived
      for (const r of records) if (promised.get(r.id)) expect(r.promisedAt, r.id).toBe(promised.get(r.id));
      counts[unitCode] = { received: stats.received, duplicates: stats.duplicatesReceived, eventsSent: stats.eventsSent };
    }
    // the deliveries to the unit that was down were retried, none gave up
    const retried = await sql<{ attempts: number }>`select attempts from outbox where topic = 'subcase.released' and payload->>'unitCode' = ${downUnit}`.execute(db);
    expect(retried.rows).toHaveLength(APPLICATIONS);
    expect(retried.rows.every((r) => r.attempts >= 2)).toBe(true);
    const dead = await sql<{ n: string }>`select count(*)::text as n from outbox where dead_at is not null`.execute(db);
    expect(Number(dead.rows[0]!.n)).toBe(0);
    // every result applied once
    const approvals = await sql<{ case_id: string; n: string }>`select case_id, count(*)::text as n from case_history where case_kind = 'subcase' and event = 'approve' group by case_id`.execute(db);
    expect(approvals.rows).toHaveLength(subcases.length);
    expect(approvals.rows.every((r) => r.n === '1')).toBe(true);
    console.log(`${kind}: ${APPLICATIONS} applications, ${subcases.length} sub-cases over ${units.length} push units; ${downUnit} down ${OUTAGE_MS} ms (${kind === 'postgres' ? 'port closed' : '503'}), its ${APPLICATIONS} deliveries took ${retried.rows.map((r) => r.attempts).join('/')} attempts; per unit ${JSON.stringify(counts)}`);
  }, 120_000);
});
