// Dispatch on both databases, through the HTTP API and a real department endpoint (node:http):
// push with retries, dead letter and resend, results back (idempotent, in sequence, checked and
// audited), pull with long-poll, ack and re-offer, manual re-entry, key rotation, reconciliation drift.
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestApp, signIn, type SignedIn, type TestApp } from '../../../tests/helpers/app.ts';
import { materialsFor } from '../../../tests/helpers/materials.ts';
import { DB_KINDS, postgresAvailable } from '../../../tests/helpers/databases.ts';
import { OutboxDispatcher } from '../../platform/outbox.ts';
import { dispatchSubscribers } from './deliver.ts';
import { reconcileOnce } from './reconcile.ts';
import { sweepParkedEvents } from './apply-result-event.ts';
import { DEMO_ADAPTERS, demoAdapterSecret, seedDemoAdapters } from './demo-adapters.ts';
import { signRequest, verifySignature } from './signing.ts';
import type { TTaskEnvelope } from '../../contract/dispatch.ts';
import { NEWBORN_ANSWERS as ANSWERS, NEWBORN_VALUES as VALUES, withOwnChild } from '../../../tests/fixtures/newborn.ts';

// Tuesday 10:00 in Shanghai
const T0 = new Date('2025-06-10T02:00:00Z');
const UNIT = 'city-health';

interface Received { method: string; url: string; headers: IncomingMessage['headers']; body: string; signatureOk: boolean }

/** A department system: POST /dept/subcases (fails as told), GET /dept/subcases/:id (its view). */
class Department {
  server!: Server;
  received: Received[] = [];
  failNext = 0;
  alwaysFail = false;
  views = new Map<string, { id: string; status: string; lastSequence: number; caseNo: string }>();
  constructor(private readonly secret: () => string, private readonly now: () => Date) {}
  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString('utf8')));
      req.on('end', () => {
        void (async () => {
          const check = await verifySignature({ headers: req.headers, method: req.method!, pathWithQuery: req.url!, body, now: this.now(), secretOf: () => this.secret() });
          this.received.push({ method: req.method!, url: req.url!, headers: req.headers, body, signatureOk: check.ok });
          if (!check.ok) return res.writeHead(401).end();
          if (req.method === 'GET') {
            const view = this.views.get(req.url!.split('/').pop()!);
            return view ? res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(view)) : res.writeHead(404).end();
          }
          if (this.alwaysFail || this.failNext > 0) {
            this.failNext = Math.max(0, this.failNext - 1);
            return res.writeHead(503).end('down for maintenance');
          }
          res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ received: true, caseNo: `HX-${this.received.length}` }));
        })();
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/dept`;
  }
  posts = () => this.received.filter((r) => r.method === 'POST');
  stop = () => new Promise<void>((resolve) => this.server.close(() => resolve()));
}

const PG = await postgresAvailable();

for (const kind of DB_KINDS) describe.skipIf(kind === 'postgres' && !PG)(`dispatch to department systems on ${kind}`, () => {
  let t: TestApp;
  let admin: SignedIn, citizen: SignedIn, health: SignedIn, police: SignedIn;
  let now = T0;
  let dept: Department;
  let endpoint = '';
  let key = { keyId: '', secret: '' };
  let dispatcher: OutboxDispatcher;
  let pushed = ''; // the sub-case delivered by push, used for results and reconciliation

  beforeAll(async () => {
    t = await createTestApp(kind);
    t.setNow(now);
    [admin, citizen, health, police] = await Promise.all([signIn(t.app, 'admin'), signIn(t.app, 'citizen'), signIn(t.app, 'officer-health'), signIn(t.app, 'officer-police')]);
    dept = new Department(() => key.secret, () => now);
    endpoint = await dept.start();
    dispatcher = new OutboxDispatcher(t.ctx.database, { now: () => now, baseBackoffMs: 1000, maxBackoffMs: 1000, maxAttempts: 3, random: () => 1 });
    dispatcher.subscribe(...dispatchSubscribers(t.ctx));
  });
  afterAll(async () => {
    await dept?.stop();
    await t?.close();
  });

  const advance = (ms: number) => {
    now = new Date(now.getTime() + ms);
    t.setNow(now);
  };
  const post = (who: SignedIn, url: string, payload?: unknown) => t.app.inject({ method: 'POST', url, headers: who.headers, ...(payload !== undefined ? { payload: payload as object } : {}) });
  const put = (who: SignedIn, url: string, payload: unknown) => t.app.inject({ method: 'PUT', url, headers: who.headers, payload: payload as object });
  const get = (who: SignedIn, url: string) => t.app.inject({ method: 'GET', url, headers: { cookie: who.cookie } });
  let submissions = 0;
  /** A newborn application: its birth certificate sub-case goes to city-health at once. */
  async function submitNewborn(): Promise<{ appId: string; subcaseId: string; childName: string }> {
    // a child of its own per application: the same child is applied for once
    const key = `dispatch-test-${++submissions}-key`;
    const values = withOwnChild(VALUES, key);
    const res = await post(citizen, '/api/applications', { themeCode: 'newborn', answers: ANSWERS, values, delivery: { way: 'online' }, idempotencyKey: key, ...(await materialsFor(t.app, citizen, 'newborn', ANSWERS)) });
    expect(res.statusCode, res.body).toBe(201);
    const app = (await get(citizen, `/api/applications/${res.json<{ id: string }>().id}`)).json<{ id: string; subcases: Array<{ id: string; matterCode: string; unitCode: string }> }>();
    const sub = app.subcases.find((s) => s.matterCode === 'birth-medical-certificate')!;
    expect(sub.unitCode).toBe(UNIT);
    return { appId: app.id, subcaseId: sub.id, childName: values['child.name'] };
  }
  const configure = async (kindOf: string, endpointUrl: string | null = null, unit = UNIT) => {
    const res = await put(admin, `/api/admin/adapters/${unit}`, { kind: kindOf, endpointUrl });
    expect(res.statusCode, res.body).toBe(200);
  };
  const newKey = async (unit = UNIT, keyId?: string) => {
    const res = await post(admin, `/api/admin/adapters/${unit}/keys`, keyId ? { keyId } : {});
    expect(res.statusCode, res.body).toBe(201);
    return res.json<{ keyId: string; secret: string }>();
  };
  const signed = (method: 'GET' | 'POST', url: string, body: unknown, as: { unit?: string; keyId: string; secret: string }) => {
    const raw = body === undefined ? '' : JSON.stringify(body);
    const headers = signRequest({ unitCode: as.unit ?? UNIT, keyId: as.keyId, secret: as.secret, method, pathWithQuery: url, body: raw, now });
    return t.app.inject({ method, url, headers: { ...headers, ...(raw ? { 'content-type': 'application/json' } : {}) }, ...(raw ? { payload: raw } : {}) });
  };
  const event = (subcaseId: string, e: Record<string, unknown>, as: { unit?: string; keyId: string; secret: string } = key) =>
    signed('POST', `/api/adapter/v1/subcases/${subcaseId}/events`, { occurredAt: now.toISOString(), ...e }, as);
  const tasksOf = async (subcaseId: string) => t.database.db.selectFrom('dispatch_tasks').selectAll().where('subcase_id', '=', subcaseId).orderBy('sequence').execute();
  const auditCount = async (action: string) => (await sql<{ n: number }>`select count(*)::int as n from audit_log where action = ${action}`.execute(t.database.db)).rows[0]!.n;
  const outboxRow = async (topic: string, k: string) => t.database.db.selectFrom('outbox').selectAll().where('topic', '=', topic).where('key', '=', k).executeTakeFirstOrThrow();

  it('pushes a released sub-case, signed, retrying until the unit answers, and delivers it once', async () => {
    await configure('push', endpoint);
    key = await newKey();
    const { subcaseId, childName } = await submitNewborn();
    pushed = subcaseId;
    dept.failNext = 2;
    expect(await dispatcher.drain()).toBe(1); // first try: 503
    advance(1000);
    await dispatcher.drain(); // second: 503
    advance(1000);
    await dispatcher.drain(); // third: delivered
    advance(1000);
    await dispatcher.drain(); // nothing more
    const posts = dept.posts();
    expect(posts).toHaveLength(3);
    expect(posts.every((p) => p.signatureOk && p.url === '/dept/subcases')).toBe(true);
    const bodies = posts.map((p) => JSON.parse(p.body) as TTaskEnvelope);
    expect(new Set(bodies.map((b) => b.taskId)).size).toBe(1); // the same task every time
    expect(new Set(posts.map((p) => p.headers['idempotency-key'])).size).toBe(1);
    expect(posts[0]!.headers['idempotency-key']).toBe(`${subcaseId}:1`);
    const env = bodies[0]!;
    expect(env).toMatchObject({ event: 'subcase.released', sequence: 1, subcase: { id: subcaseId, unitCode: UNIT, matterCode: 'birth-medical-certificate', status: '02' } });
    expect(env.subcase.data['child.name']).toBe(childName);
    expect(env.subcase.data).not.toHaveProperty('applicant.household-address'); // 数据最小化: not this matter's element
    expect(env.subcase.resultFields.map((f) => f.code)).toContain('certificateNo');
    const [task] = await tasksOf(subcaseId);
    expect(task).toMatchObject({ kind: 'push', state: 'done', attempts: 3, external_case_no: 'HX-3' });
    const row = await outboxRow('subcase.released', subcaseId);
    expect(row.done_at).not.toBeNull();
    expect(row.attempts).toBe(3);
  });

  it('gives up into a dead letter an admin sees and sends again (audited)', async () => {
    const { subcaseId } = await submitNewborn();
    dept.alwaysFail = true;
    for (let i = 0; i < 4; i++) {
      await dispatcher.drain();
      advance(1000);
    }
    const row = await outboxRow('subcase.released', subcaseId);
    expect(row.dead_at).not.toBeNull();
    expect(row.last_error).toContain('HTTP 503');
    const dead = await get(admin, '/api/admin/outbox/dead');
    expect(dead.statusCode).toBe(200);
    expect(dead.json<{ items: Array<{ id: number; key: string; topic: string }> }>().items).toEqual(expect.arrayContaining([expect.objectContaining({ id: row.id, key: subcaseId, topic: 'subcase.released' })]));
    expect((await get(health, '/api/admin/outbox/dead')).statusCode).toBe(403);

    dept.alwaysFail = false;
    const resend = await post(admin, `/api/admin/outbox/${row.id}/resend`);
    expect(resend.statusCode, resend.body).toBe(200);
    expect(await auditCount('dispatch.outbox.resend')).toBe(1);
    await dispatcher.drain();
    expect((await tasksOf(subcaseId))[0]).toMatchObject({ state: 'done' });
    expect((await post(admin, `/api/admin/outbox/${row.id}/resend`)).statusCode).toBe(409);
    expect((await post(admin, '/api/admin/outbox/999999999/resend')).statusCode).toBe(404);
  });

  it('applies results back once, in the unit\'s sequence, parking an early one', async () => {
    // a result the dictionary refuses is answered 422 with a stable code and not kept: the same
    // sequence is free for the corrected event
    const refused = await event(pushed, { eventId: 'hx-bad', sequence: 2, type: 'approve', result: { fields: { certificateNo: 'T430123456', birthDate: '2025-13-01', gender: 'male' } } });
    expect(refused.statusCode).toBe(422);
    const refusedError = refused.json<{ error: { code: string; details: Array<{ path: string; code: string }> } }>().error;
    expect(refusedError.code).toBe('RESULT_FIELD_INVALID');
    expect(refusedError.details.map((d) => [d.path, d.code])).toEqual([['fields.birthDate', 'RESULT_FIELD_DATE'], ['fields.gender', 'RESULT_FIELD_CODE']]);
    const kept = await t.database.db.selectFrom('adapter_events').select('event_id').where('subcase_id', '=', pushed).execute();
    expect(kept).toEqual([]);
    const missing = await event(pushed, { eventId: 'hx-bad-2', sequence: 2, type: 'approve', result: { fields: { childName: '张小禾' } } });
    expect(missing.json<{ error: { code: string } }>().error.code).toBe('RESULT_FIELDS_MISSING');
    // approve (2) before accept (1): parked, then both applied in order by the request that fills the gap
    const early = await event(pushed, { eventId: 'hx-2', sequence: 2, type: 'approve', result: { fields: { certificateNo: 'T430123456', childName: '张小禾' } } });
    expect(early.statusCode, early.body).toBe(202);
    expect(early.json()).toEqual({ parked: true, expecting: 1 });
    const again = await event(pushed, { eventId: 'hx-2', sequence: 2, type: 'approve', result: { fields: { certificateNo: 'T430123456', childName: '张小禾' } } });
    expect(again.statusCode).toBe(202);
    const fill = await event(pushed, { eventId: 'hx-1', sequence: 1, type: 'accept', caseNo: 'HX-CASE-1' });
    expect(fill.statusCode, fill.body).toBe(200);
    expect(fill.json()).toEqual({ applied: true, status: '10' });
    const history = await t.database.db.selectFrom('case_history').select(['event', 'to_status', 'actor_role', 'actor_id']).where('case_id', '=', pushed).orderBy('id').execute();
    expect(history.map((h) => h.event).slice(-2)).toEqual(['accept', 'approve']);
    expect(history.filter((h) => h.event === 'accept' || h.event === 'approve').map((h) => h.to_status)).toEqual(['05', '10']);
    const actor = await t.database.db.selectFrom('users').select(['username', 'disabled', 'unit_code']).where('id', '=', history.find((h) => h.event === 'accept')!.actor_id!).executeTakeFirstOrThrow();
    expect(actor).toEqual({ username: `adapter.${UNIT}`, disabled: true, unit_code: UNIT });

    // the same event again changes nothing
    const dup = await event(pushed, { eventId: 'hx-1', sequence: 1, type: 'accept', caseNo: 'HX-CASE-1' });
    expect(dup.statusCode).toBe(200);
    expect(dup.json()).toEqual({ applied: false, duplicate: true, status: '10' });
    expect((await event(pushed, { eventId: 'hx-1', sequence: 1, type: 'reject', reason: '不同内容' })).json<{ error: { code: string } }>().error.code).toBe('EVENT_ID_REUSED');
    expect((await event(pushed, { eventId: 'hx-9', sequence: 2, type: 'reject', reason: '序号已用' })).json<{ error: { code: string } }>().error.code).toBe('SEQUENCE_USED');
    // refused by the case rules: 409, its sequence consumed, the same answer to a retry
    const late = await event(pushed, { eventId: 'hx-3', sequence: 3, type: 'accept' });
    expect(late.statusCode).toBe(409);
    expect((await event(pushed, { eventId: 'hx-3', sequence: 3, type: 'accept' })).statusCode).toBe(409);
    const state = await signed('GET', `/api/adapter/v1/subcases/${pushed}`, undefined, key);
    expect(state.json()).toEqual({ id: pushed, status: '10', lastSequence: 3 });
    expect((await tasksOf(pushed))[0]!.external_case_no).toBe('HX-3'); // the push answer's case number came first
  });

  it('a parked event left behind when the request filling its gap died is applied by the duplicate or the sweep', async () => {
    for (const via of ['duplicate', 'sweep'] as const) {
      const { subcaseId } = await submitNewborn();
      await dispatcher.drain();
      const approve = { eventId: `left-${subcaseId}-2`, sequence: 2, type: 'approve', result: { fields: { certificateNo: 'T430000777', childName: '张小禾' } } };
      expect((await event(subcaseId, approve)).statusCode).toBe(202);
      // the accept's request applied its own event and then died before it applied the parked approve:
      // replay exactly that state (accept applied, sequence moved, approve still parked)
      const accept = { eventId: `left-${subcaseId}-1`, sequence: 1, type: 'accept' };
      expect((await t.app.inject({ method: 'POST', url: `/api/back-office/subcases/${subcaseId}/accept`, headers: health.headers, payload: {} })).statusCode).toBe(200);
      const now = new Date();
      await t.database.db.insertInto('adapter_events').values({ unit_code: UNIT, event_id: accept.eventId, subcase_id: subcaseId, sequence: 1, type: 'accept', body: JSON.stringify(accept), state: 'applied', outcome: JSON.stringify({ type: 'accept' }), received_at: now, applied_at: now } as never).execute();
      await t.database.db.insertInto('adapter_sequences').values({ subcase_id: subcaseId, unit_code: UNIT, last_sequence: 1, updated_at: now }).execute();
      if (via === 'duplicate') {
        // the unit retries the accept it never got an answer for: the catch-up runs with it
        const retry = await event(subcaseId, accept);
        expect(retry.statusCode, retry.body).toBe(200);
        expect(retry.json()).toEqual({ applied: false, duplicate: true, status: '10' });
      } else {
        expect(await sweepParkedEvents(t.ctx)).toBe(1);
        expect(await sweepParkedEvents(t.ctx)).toBe(0);
      }
      const state = await signed('GET', `/api/adapter/v1/subcases/${subcaseId}`, undefined, key);
      expect(state.json()).toEqual({ id: subcaseId, status: '10', lastSequence: 2 });
    }
  });

  it('applies concurrent, duplicated and reordered events exactly once', async () => {
    const { subcaseId } = await submitNewborn();
    await dispatcher.drain();
    const accept = { eventId: `c-${subcaseId}-1`, sequence: 1, type: 'accept' };
    const approve = { eventId: `c-${subcaseId}-2`, sequence: 2, type: 'approve', result: { fields: { certificateNo: 'T430000001', childName: '张小禾' } } };
    const answers = await Promise.all([event(subcaseId, approve), event(subcaseId, accept), event(subcaseId, accept), event(subcaseId, approve)]);
    expect(answers.every((a) => a.statusCode === 200 || a.statusCode === 202), answers.map((a) => a.body).join('\n')).toBe(true);
    // a retry after the dust settles sees both applied
    expect((await event(subcaseId, approve)).json()).toEqual({ applied: false, duplicate: true, status: '10' });
    const history = await t.database.db.selectFrom('case_history').select('event').where('case_id', '=', subcaseId).where('event', 'in', ['accept', 'approve']).orderBy('id').execute();
    expect(history.map((h) => h.event)).toEqual(['accept', 'approve']);
    expect((await signed('GET', `/api/adapter/v1/subcases/${subcaseId}`, undefined, key)).json()).toEqual({ id: subcaseId, status: '10', lastSequence: 2 });
  });

  it('refuses unsigned, other units\' and unknown sub-cases, with audit rows', async () => {
    const before = await auditCount('dispatch.adapter.signature-invalid');
    const bad = await event(pushed, { eventId: 'x-1', sequence: 9, type: 'accept' }, { keyId: key.keyId, secret: 'not-the-secret' });
    expect(bad.statusCode).toBe(401);
    expect(bad.json<{ error: { code: string } }>().error.code).toBe('ADAPTER_SIGNATURE_INVALID');
    const unsigned = await t.app.inject({ method: 'POST', url: `/api/adapter/v1/subcases/${pushed}/events`, payload: { eventId: 'x', sequence: 1, type: 'accept', occurredAt: now.toISOString() } });
    expect(unsigned.statusCode).toBe(401);
    expect(await auditCount('dispatch.adapter.signature-invalid')).toBe(before + 2);

    await configure('push', endpoint, 'city-police');
    const policeKey = await newKey('city-police');
    const foreign = await event(pushed, { eventId: 'p-1', sequence: 1, type: 'accept' }, { unit: 'city-police', ...policeKey });
    expect(foreign.statusCode).toBe(403);
    expect(foreign.json<{ error: { code: string } }>().error.code).toBe('SUBCASE_OTHER_UNIT');
    expect((await signed('GET', `/api/adapter/v1/subcases/${pushed}`, undefined, { unit: 'city-police', ...policeKey })).statusCode).toBe(403);
    expect(await auditCount('dispatch.adapter.other-unit')).toBe(1); // the same unit and IP within a minute: one row (throttled)
    const unknown = await event('00000000-0000-4000-8000-000000000000', { eventId: 'u-1', sequence: 1, type: 'accept' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json<{ error: { code: string } }>().error.code).toBe('SUBCASE_NOT_FOUND');
    expect(await auditCount('dispatch.adapter.unknown-subcase')).toBe(1);
    // junk bodies from a signed caller are 400s
    expect((await event(pushed, { eventId: 'bad id!', sequence: 0, type: 'dance' })).statusCode).toBe(400);
    expect((await event(pushed, { eventId: 'a-1', sequence: 1, type: 'approve' })).statusCode).toBe(400); // approve without its result
    await configure('back-office', null, 'city-police');
  });

  it('rotates keys: both valid until the old one is retired (audited)', async () => {
    const old = key;
    const fresh = await newKey(UNIT, 'k-next');
    expect(fresh.keyId).toBe('k-next');
    expect((await signed('GET', `/api/adapter/v1/subcases/${pushed}`, undefined, old)).statusCode).toBe(200);
    expect((await signed('GET', `/api/adapter/v1/subcases/${pushed}`, undefined, fresh)).statusCode).toBe(200);
    expect((await post(admin, `/api/admin/adapters/${UNIT}/keys`, { keyId: 'k-next' })).statusCode).toBe(409);
    const retire = await post(admin, `/api/admin/adapters/${UNIT}/keys/${old.keyId}/retire`);
    expect(retire.statusCode, retire.body).toBe(204);
    expect((await signed('GET', `/api/adapter/v1/subcases/${pushed}`, undefined, old)).statusCode).toBe(401);
    expect((await signed('GET', `/api/adapter/v1/subcases/${pushed}`, undefined, fresh)).statusCode).toBe(200);
    expect((await post(admin, `/api/admin/adapters/${UNIT}/keys/${old.keyId}/retire`)).statusCode).toBe(409);
    const view = (await get(admin, `/api/admin/adapters/${UNIT}`)).json<{ kind: string; keys: Array<{ keyId: string; retiredAt: string | null }> }>();
    expect(view.kind).toBe('push');
    expect(view.keys.find((k) => k.keyId === old.keyId)!.retiredAt).not.toBeNull();
    expect(JSON.stringify(view)).not.toContain(fresh.secret); // the secret is shown once only
    expect(await auditCount('dispatch.adapter.key.retire')).toBe(1);
    key = fresh;
  });

  it("sends the applicant's supplement answer to the unit as the sub-case's next task", async () => {
    const { appId, subcaseId } = await submitNewborn();
    await dispatcher.drain();
    const asked = await event(subcaseId, { eventId: `s-${subcaseId}-1`, sequence: 1, type: 'request-supplement', note: '请核对出生体重' });
    expect(asked.statusCode, asked.body).toBe(200);
    expect(asked.json()).toEqual({ applied: true, status: '06' });
    // the answer carries a file: the applicant's own upload (another person's is refused, nothing stored)
    const scan = Buffer.from('%PDF-1.4\n% 出生体重复核证明\n%%EOF\n');
    const up = await t.app.inject({ method: 'POST', url: `/api/uploads?name=${encodeURIComponent('体重复核.pdf')}`, headers: { ...citizen.headers, 'content-type': 'application/pdf' }, payload: scan });
    expect(up.statusCode, up.body).toBe(201);
    const uploadId = up.json<{ id: string }>().id;
    const health = await signIn(t.app, 'officer-health');
    const foreign = await t.app.inject({ method: 'POST', url: `/api/uploads?name=x.pdf`, headers: { ...health.headers, 'content-type': 'application/pdf' }, payload: scan });
    const refused = await post(citizen, `/api/applications/${appId}/subcases/${subcaseId}/supplement`, { values: {}, uploadIds: [foreign.json<{ id: string }>().id] });
    expect(refused.statusCode).toBe(422);
    expect(refused.json<{ error: { code: string } }>().error.code).toBe('SUPPLEMENT_FILE_INVALID');
    const answered = await post(citizen, `/api/applications/${appId}/subcases/${subcaseId}/supplement`, { values: { 'child.birth-weight': 3300 }, uploadIds: [uploadId] });
    expect(answered.statusCode, answered.body).toBe(200);
    await dispatcher.drain();
    const last = JSON.parse(dept.posts().at(-1)!.body) as TTaskEnvelope;
    expect(last).toMatchObject({ event: 'subcase.supplement-answered', sequence: 2, subcase: { id: subcaseId, status: '02', data: { 'child.birth-weight': 3300 } } });
    expect(dept.posts().at(-1)!.headers['idempotency-key']).toBe(`${subcaseId}:2`);
    // the unit's system gets the file as a signed link, as for materials, and can fetch it without a session
    expect(last.subcase.supplementFiles).toEqual([expect.objectContaining({ name: '体重复核.pdf', contentType: 'application/pdf', size: scan.length })]);
    const link = new URL(last.subcase.supplementFiles[0]!.url);
    const fetched = await t.app.inject({ method: 'GET', url: `${link.pathname}${link.search}` });
    expect(fetched.statusCode).toBe(200);
    expect(fetched.rawPayload.equals(scan)).toBe(true);
  });

  it('flags drift found by reconciliation', async () => {
    // the unit still thinks the sub-case is accepted; Yijian has it approved
    dept.views.set(pushed, { id: pushed, status: '05', lastSequence: 1, caseNo: 'HX-CASE-1' });
    advance(60_000);
    const report = await reconcileOnce(t.ctx, { settleMs: 0 });
    expect(report.findings).toBeGreaterThanOrEqual(1);
    const findings = (await get(admin, '/api/admin/reconciliation')).json<{ items: Array<{ subcaseId: string; kind: string; yijianStatus: string; unitStatus: string }> }>().items;
    expect(findings).toEqual(expect.arrayContaining([expect.objectContaining({ subcaseId: pushed, kind: 'status-differs', yijianStatus: '10', unitStatus: '05' })]));
    // the same drift is not recorded twice; agreement resolves it
    await reconcileOnce(t.ctx, { settleMs: 0 });
    expect((await get(admin, '/api/admin/reconciliation')).json<{ items: Array<{ subcaseId: string }> }>().items.filter((f) => f.subcaseId === pushed)).toHaveLength(1);
    dept.views.set(pushed, { id: pushed, status: '10', lastSequence: 3, caseNo: 'HX-CASE-1' });
    await reconcileOnce(t.ctx, { settleMs: 0 });
    const left = (await get(admin, '/api/admin/reconciliation')).json<{ items: Array<{ subcaseId: string }> }>().items;
    expect(left.filter((f) => f.subcaseId === pushed), JSON.stringify(left)).toHaveLength(0);
  });

  it('offers pull tasks by long-poll, leases them, offers them again unless acknowledged', async () => {
    await configure('pull');
    const poll = (wait: number, as = key) => signed('GET', `/api/adapter/v1/tasks?wait=${wait}&limit=10`, undefined, as);
    // an empty queue: the poll waits, then answers with nothing
    const started = Date.now();
    const empty = await poll(1);
    expect(empty.statusCode, empty.body).toBe(200);
    expect(empty.json()).toEqual({ tasks: [] });
    expect(Date.now() - started).toBeGreaterThanOrEqual(800);
    // a waiting poll gets the task as soon as it is dispatched
    const waiting = poll(30);
    await new Promise((r) => setTimeout(r, 300));
    const { subcaseId } = await submitNewborn();
    await dispatcher.drain();
    const woke = Date.now();
    const got = await waiting;
    expect(Date.now() - woke).toBeLessThan(20_000); // woken, not answered at the end of its 30 s wait
    const tasks = got.json<{ tasks: TTaskEnvelope[] }>().tasks;
    expect(tasks.map((x) => x.subcase.id)).toEqual([subcaseId]);
    const taskId = tasks[0]!.taskId;
    expect((await poll(0)).json()).toEqual({ tasks: [] }); // leased
    advance(61_000);
    expect((await poll(0)).json<{ tasks: TTaskEnvelope[] }>().tasks.map((x) => x.taskId)).toEqual([taskId]); // offered again
    expect((await signed('POST', `/api/adapter/v1/tasks/${taskId}/ack`, { caseNo: 'PULL-1' }, key)).statusCode).toBe(204);
    const twice = await signed('POST', `/api/adapter/v1/tasks/${taskId}/ack`, undefined, key);
    expect(twice.statusCode, twice.body).toBe(204); // twice is fine
    advance(61_000);
    expect((await poll(0)).json()).toEqual({ tasks: [] });
    expect((await tasksOf(subcaseId))[0]).toMatchObject({ kind: 'pull', state: 'done', external_case_no: 'PULL-1' });
    expect((await signed('POST', '/api/adapter/v1/tasks/00000000-0000-4000-8000-000000000000/ack', undefined, key)).statusCode).toBe(404);
  });

  it('queues manual re-entry (二次录入) for the unit\'s clerks and counts it', async () => {
    await configure('manual');
    const { appId, subcaseId } = await submitNewborn();
    await dispatcher.drain();
    const list = await get(health, '/api/back-office/re-entry');
    expect(list.statusCode, list.body).toBe(200);
    const item = list.json<{ items: Array<{ taskId: string; event: string; subcase: { id: string } }> }>().items.find((i) => i.subcase.id === subcaseId)!;
    expect(item.event).toBe('subcase.released');
    expect((await get(police, '/api/back-office/re-entry')).json<{ items: unknown[] }>().items).toHaveLength(0);
    expect((await post(police, `/api/back-office/re-entry/${item.taskId}`, { externalCaseNo: 'X' })).statusCode).toBe(404);
    expect((await post(health, `/api/back-office/re-entry/${item.taskId}`, { externalCaseNo: 'ZJ-2025-0001' })).statusCode).toBe(204);
    expect((await post(health, `/api/back-office/re-entry/${item.taskId}`, { externalCaseNo: 'ZJ-2025-0001' })).statusCode).toBe(409);
    expect(await auditCount('dispatch.reentry.record')).toBe(1);
    // the applicant withdraws: the clerk is told, after the release
    expect((await post(citizen, `/api/applications/${appId}/withdraw`, { reason: '不再需要' })).statusCode).toBeLessThan(300);
    await dispatcher.drain();
    const after = (await get(health, '/api/back-office/re-entry')).json<{ items: Array<{ event: string; sequence: number; subcase: { id: string } }> }>().items.filter((i) => i.subcase.id === subcaseId);
    expect(after.map((i) => [i.event, i.sequence])).toEqual([['subcase.withdrawn', 2]]);
    const stats = (await get(admin, '/api/admin/re-entry/stats')).json<{ units: Array<{ unitCode: string; pending: number; entered: number }> }>().units;
    expect(stats.find((u) => u.unitCode === UNIT)).toMatchObject({ pending: 1, entered: 1 });
    expect((await get(admin, '/api/back-office/re-entry')).statusCode).toBe(400); // an admin names the unit
    expect((await get(admin, `/api/back-office/re-entry?unit=${UNIT}`)).statusCode).toBe(200);
  });

  it('leaves back-office units to the worklist', async () => {
    await configure('back-office');
    const { subcaseId } = await submitNewborn();
    await dispatcher.drain();
    expect(await tasksOf(subcaseId)).toHaveLength(0);
    expect((await outboxRow('subcase.released', subcaseId)).done_at).not.toBeNull();
  });

  it('seeds the demo adapters once, pointing push and pull units at their simulators', async () => {
    const seed = randomBytes(32).toString('hex'); // the installation's random demo seed
    const first = await seedDemoAdapters(t.database.db, seed, { 'city-housing-fund': 'http://127.0.0.1:1/hf' });
    // city-police was configured by an admin in an earlier test: the seed keeps an admin's choice
    expect(first.created.sort()).toEqual(DEMO_ADAPTERS.map((a) => a.unitCode).filter((u) => u !== 'city-police').sort());
    const second = await seedDemoAdapters(t.database.db, seed, { 'city-housing-fund': 'http://127.0.0.1:2/hf' });
    expect(second.created).toEqual([]);
    const hf = (await get(admin, '/api/admin/adapters/city-housing-fund')).json<{ kind: string; endpointUrl: string; keys: Array<{ keyId: string }> }>();
    expect(hf).toMatchObject({ kind: 'push', endpointUrl: 'http://127.0.0.1:2/hf', keys: [{ keyId: 'demo-1' }] });
    expect((await get(admin, '/api/admin/adapters/city-market-regulation')).json<{ settings: unknown }>().settings).toEqual({ batchSize: 20 });
    const row = await t.database.db.selectFrom('unit_keys').select('secret').where('unit_code', '=', 'city-housing-fund').executeTakeFirstOrThrow();
    expect(row.secret).toBe(demoAdapterSecret('city-housing-fund', seed));
    // another installation's seed makes other secrets: nothing to compute from the source
    expect(demoAdapterSecret('city-housing-fund', randomBytes(32).toString('hex'))).not.toBe(row.secret);
    expect((await get(admin, '/api/admin/adapters/city-health')).json<{ kind: string }>().kind).not.toBe('push'); // demo officers' units untouched by the seed
  });
});
