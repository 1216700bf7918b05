// The counter channel through the API on both databases: staff take an application in for the demo
// elder (帮代办), who confirms it signed in or by the SMS code read at the counter; declines, expiry,
// wrong and expired codes, other citizens, and bad input.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestApp, signIn, type SignedIn, type TestApp } from '../../../tests/helpers/app.ts';
import { materialsFor } from '../../../tests/helpers/materials.ts';
import { DB_KINDS, postgresAvailable } from '../../../tests/helpers/databases.ts';
import { makeResidentId } from '../../platform/identifiers.ts';
import { childFor, NEWBORN_ANSWERS as ANSWERS, NEWBORN_VALUES } from '../../../tests/fixtures/newborn.ts';

const ELDER_ID = makeResidentId('430103', '1945-06-18', 48);
// the elder's grandchild: the shared newborn values with the family's own names and address
const VALUES = {
  ...NEWBORN_VALUES,
  'applicant.phone': '13907310003',
  'applicant.household-address': '湖南省长沙市天心区坡子街街道示例小区 2 栋 202 室',
  'father.name': '王某某',
};
const T0 = new Date('2025-06-10T02:00:00Z');
const later = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

interface ErrorBody { error: { code: string; message: { zh: string; en: string } } }

const PG = await postgresAvailable();

for (const kind of DB_KINDS) describe.skipIf(kind === 'postgres' && !PG)(`counter channel on ${kind}`, () => {
  let t: TestApp;
  let counter: SignedIn, elder: SignedIn, citizen: SignedIn;
  let counterMaterials: Awaited<ReturnType<typeof materialsFor>> = { materials: [] };
  let seq = 0;

  beforeAll(async () => {
    t = await createTestApp(kind);
    t.setNow(T0);
    await signInAll();
    // the scans the counter staff make of the elder's papers
    counterMaterials = await materialsFor(t.app, counter, 'newborn', ANSWERS, ELDER_ID);
  });
  afterAll(async () => {
    await t?.close();
  });
  async function signInAll() {
    [counter, elder, citizen] = await Promise.all([signIn(t.app, 'counter'), signIn(t.app, 'elder'), signIn(t.app, 'citizen')]);
  }

  const post = (who: SignedIn, url: string, payload?: unknown) => t.app.inject({ method: 'POST', url, headers: who.headers, ...(payload === undefined ? {} : { payload: payload as object }) });
  const get = (who: SignedIn, url: string) => t.app.inject({ method: 'GET', url, headers: { cookie: who.cookie } });
  // each intake for a grandchild of its own: the same child is applied for once
  const grandchild = (key: string) => `王${childFor(key)['child.name'].slice(1)}`;
  const intakeBody = (extra: object = {}) => {
    const key = `counter-test-${kind}-${++seq}`;
    return {
      themeCode: 'newborn', answers: ANSWERS, values: { ...VALUES, 'child.name': grandchild(key) }, delivery: { way: 'counter', counter: '市民之家 12 号窗口' },
      idempotencyKey: key, applicantIdNumber: ELDER_ID, channel: 'on-behalf', onBehalfReason: '申请人 80 岁，行动不便', ...counterMaterials, ...extra,
    };
  };
  const takeIn = async (extra: object = {}) => {
    const res = await post(counter, '/api/counter/applications', intakeBody(extra));
    expect(res.statusCode, res.body).toBe(201);
    return res.json<{ id: string; status: string; applicant: { name: string }; codeSentTo: string | null; expiresAt: string }>();
  };
  const lastCode = async (intakeId: string) => {
    const { rows } = await sql<{ payload: { text: string; phone: string } | string }>`select payload from outbox where topic = 'counter.confirmation-code' and key = ${intakeId} order by id desc limit 1`.execute(t.database.db);
    const p = rows[0]!.payload;
    const payload = typeof p === 'string' ? (JSON.parse(p) as { text: string; phone: string }) : p;
    return { code: /确认码 (\d{6})/.exec(payload.text)![1]!, phone: payload.phone };
  };
  const intakeCount = async () => (await sql<{ n: number }>`select count(*)::int as n from counter_intakes`.execute(t.database.db)).rows[0]!.n;
  const code = (res: { json: <T>() => T }) => res.json<ErrorBody>().error.code;

  it('takes an application in for the elder, who confirms it signed in (帮代办)', async () => {
    const body = intakeBody();
    const res = await post(counter, '/api/counter/applications', body);
    expect(res.statusCode, res.body).toBe(201);
    const intake = res.json<{ id: string; status: string; applicant: { name: string }; codeSentTo: string | null }>();
    expect(intake).toMatchObject({ status: 'awaiting-confirmation', applicant: { name: '王**' }, codeSentTo: '139****0003' });
    const retry = await post(counter, '/api/counter/applications', body);
    expect(retry.statusCode).toBe(200);
    expect(retry.json<{ id: string }>().id).toBe(intake.id);
    // the SMS is in the outbox; the code goes to the phone, never to the staff, and is stored only hashed
    const sms = await lastCode(intake.id);
    for (const answer of [res.json(), retry.json()]) {
      const values = JSON.stringify(answer).match(/"[^"]*"/g) ?? [];
      expect(values.some((v) => v.includes(sms.code))).toBe(false);
    }
    expect(sms.phone).toBe('13907310003');
    const stored = await t.database.db.selectFrom('counter_intakes').selectAll().where('id', '=', intake.id).executeTakeFirstOrThrow();
    expect(stored.code_hash).not.toContain(sms.code);
    expect(stored.code_hash).toMatch(/^[0-9a-f]{64}$/);

    // the elder sees what to confirm; another citizen neither sees nor may act on it
    const mine = await get(elder, '/api/me/confirmations');
    expect(mine.statusCode, mine.body).toBe(200);
    const item = mine.json<Array<{ id: string; staffName: string; themeName: { zh: string }; channel: string; summary: { matters: Array<{ code: string }>; values: Array<{ code: string; value: string; text: { zh: string } | null }> } }>>().find((c) => c.id === intake.id)!;
    expect(item).toMatchObject({ staffName: '陈晓', channel: 'on-behalf' });
    expect(item.summary.matters.map((m) => m.code)).toEqual(['birth-medical-certificate', 'household-registration']);
    expect(item.summary.values.find((v) => v.code === 'child.name')?.value).toBe(grandchild(body.idempotencyKey));
    expect((await get(citizen, '/api/me/confirmations')).json<unknown[]>()).toEqual([]);
    expect(code(await post(citizen, `/api/me/confirmations/${intake.id}/confirm`))).toBe('INTAKE_NOT_FOUND');
    expect((await post(citizen, `/api/me/confirmations/${intake.id}/decline`, {})).statusCode).toBe(404);
    expect((await post(counter, `/api/me/confirmations/${intake.id}/confirm`)).statusCode).toBe(403);
    expect((await get(citizen, `/api/counter/applications/${intake.id}`)).statusCode).toBe(403);
    expect(await t.database.db.selectFrom('applications').select('id').where('idempotency_key', '=', `counter:${intake.id}`).execute()).toEqual([]);

    // the elder confirms: the application is made, channel on-behalf, staff member recorded
    t.setNow(later(5));
    const confirmed = await post(elder, `/api/me/confirmations/${intake.id}/confirm`);
    expect(confirmed.statusCode, confirmed.body).toBe(201);
    const app = confirmed.json<{ id: string; number: string; channel: string; status: { code: string } }>();
    expect(app).toMatchObject({ channel: 'on-behalf', status: { code: '05' } });
    const row = await t.database.db.selectFrom('applications').select(['applicant_id', 'staff_id', 'channel']).where('id', '=', app.id).executeTakeFirstOrThrow();
    expect(Number(row.applicant_id)).toBe(elder.user.id);
    expect(Number(row.staff_id)).toBe(counter.user.id);
    // who acted, for whom, on what basis: on the application
    const acting = (await get(elder, `/api/applications/${app.id}`)).json<{ acting: unknown }>().acting;
    expect(acting).toEqual({ applicantKind: 'person', subjectCreditCode: null, basis: 'on-behalf', staffId: counter.user.id, note: '申请人 80 岁，行动不便' });
    // a second confirm returns the same application
    const again = await post(elder, `/api/me/confirmations/${intake.id}/confirm`);
    expect(again.statusCode).toBe(201);
    expect(again.json<{ id: string }>().id).toBe(app.id);
    expect((await t.database.db.selectFrom('applications').select('id').where('applicant_id', '=', elder.user.id).execute()).length).toBe(1);

    // the confirmation is recorded: history of the application, audit, and the intake
    const view = (await get(elder, `/api/applications/${app.id}`)).json<{ history: Array<{ event: string; note: string | null; actorId: number | null }> }>();
    const confirmEntry = view.history.find((h) => h.event === 'confirm');
    expect(confirmEntry?.actorId).toBe(elder.user.id);
    expect(confirmEntry?.note).toContain('confirmed by the applicant signed in');
    const audit = await t.database.db.selectFrom('audit_log').select(['actor_id', 'detail']).where('action', '=', 'counter.intake.confirm').where('target_id', '=', app.id).executeTakeFirstOrThrow();
    const detail = (typeof audit.detail === 'string' ? JSON.parse(audit.detail) : audit.detail) as Record<string, unknown>;
    expect(detail).toMatchObject({ intakeId: intake.id, method: 'account', staffId: counter.user.id, confirmedBy: elder.user.id, channel: 'on-behalf', confirmedAt: later(5).toISOString() });
    const list = (await get(counter, '/api/counter/applications')).json<Array<{ id: string; status: string; confirmation: { method: string } | null; application: { number: string } | null }>>();
    expect(list.find((i) => i.id === intake.id)).toMatchObject({ status: 'confirmed', confirmation: { method: 'account' }, application: { number: app.number } });
    expect((await get(elder, '/api/me/confirmations')).json<Array<{ id: string }>>().some((c) => c.id === intake.id)).toBe(false);
    expect(code(await post(elder, `/api/me/confirmations/${intake.id}/decline`, {}))).toBe('INTAKE_ALREADY_CONFIRMED');
  });

  it('confirms by the SMS code the citizen reads at the counter: wrong, right, expired, too many tries', async () => {
    t.setNow(T0);
    await signInAll();
    // wrong, then right
    const a = await takeIn({ channel: 'counter', onBehalfReason: undefined });
    const sms = await lastCode(a.id);
    const wrong = sms.code === '000000' ? '000001' : '000000';
    const bad = await post(counter, `/api/counter/applications/${a.id}/confirm-by-code`, { code: wrong });
    expect(bad.statusCode).toBe(422);
    expect(bad.json<ErrorBody>().error).toMatchObject({ code: 'CODE_WRONG', message: { en: expect.stringContaining('4 tries left') } });
    expect((await post(counter, `/api/counter/applications/${a.id}/confirm-by-code`, { code: '12ab56' })).statusCode).toBe(400);
    const ok = await post(counter, `/api/counter/applications/${a.id}/confirm-by-code`, { code: sms.code });
    expect(ok.statusCode, ok.body).toBe(201);
    const app = ok.json<{ id: string; channel: string }>();
    expect(app.channel).toBe('counter');
    const row = await t.database.db.selectFrom('applications').select(['staff_id', 'applicant_id']).where('id', '=', app.id).executeTakeFirstOrThrow();
    expect([Number(row.staff_id), Number(row.applicant_id)]).toEqual([counter.user.id, elder.user.id]);
    const view = (await get(counter, `/api/counter/applications/${a.id}`)).json<{ status: string; confirmation: { method: string } }>();
    expect(view).toMatchObject({ status: 'confirmed', confirmation: { method: 'code' } });
    const hist = (await get(elder, `/api/applications/${app.id}`)).json<{ history: Array<{ event: string; note: string | null; actorRole: string | null }> }>();
    expect(hist.history.find((h) => h.event === 'confirm')).toMatchObject({ actorRole: 'counter', note: expect.stringContaining('SMS code') });
    // used codes do not work twice; the intake is confirmed already (same application)
    expect((await post(counter, `/api/counter/applications/${a.id}/confirm-by-code`, { code: sms.code })).json<{ id: string }>().id).toBe(app.id);

    // expired after 15 minutes; a new code works
    const b = await takeIn();
    const first = await lastCode(b.id);
    t.setNow(later(16));
    expect(code(await post(counter, `/api/counter/applications/${b.id}/confirm-by-code`, { code: first.code }))).toBe('CODE_EXPIRED');
    const resent = await post(counter, `/api/counter/applications/${b.id}/send-code`);
    expect(resent.statusCode, resent.body).toBe(200);
    expect(resent.json()).toMatchObject({ codeSentTo: '139****0003' });
    const second = await lastCode(b.id);
    if (second.code !== first.code)
      expect(code(await post(counter, `/api/counter/applications/${b.id}/confirm-by-code`, { code: first.code }))).toBe('CODE_WRONG');
    const okB = await post(counter, `/api/counter/applications/${b.id}/confirm-by-code`, { code: second.code });
    expect(okB.statusCode, okB.body).toBe(201);
    expect(okB.json<{ channel: string }>().channel).toBe('on-behalf');

    // five wrong tries lock the code, the right one included
    t.setNow(later(20));
    const c = await takeIn();
    const right = (await lastCode(c.id)).code;
    const other = right === '111111' ? '222222' : '111111';
    const answers: string[] = [];
    for (let i = 0; i < 6; i++) answers.push(code(await post(counter, `/api/counter/applications/${c.id}/confirm-by-code`, { code: other })));
    expect(answers).toEqual(['CODE_WRONG', 'CODE_WRONG', 'CODE_WRONG', 'CODE_WRONG', 'CODE_ATTEMPTS_EXCEEDED', 'CODE_ATTEMPTS_EXCEEDED']);
    const locked = await post(counter, `/api/counter/applications/${c.id}/confirm-by-code`, { code: right });
    expect(locked.statusCode).toBe(429);
    // the elder can still confirm signed in
    expect((await post(elder, `/api/me/confirmations/${c.id}/confirm`)).statusCode).toBe(201);
  });

  it('lets the citizen decline, and expires an intake after 24 hours', async () => {
    t.setNow(T0);
    await signInAll();
    const d = await takeIn();
    const declined = await post(elder, `/api/me/confirmations/${d.id}/decline`, { reason: '信息有误，改日再办' });
    expect(declined.statusCode, declined.body).toBe(204);
    expect(code(await post(elder, `/api/me/confirmations/${d.id}/confirm`))).toBe('INTAKE_DECLINED');
    const sms = await lastCode(d.id);
    expect(code(await post(counter, `/api/counter/applications/${d.id}/confirm-by-code`, { code: sms.code }))).toBe('INTAKE_DECLINED');
    const declinedView = (await get(counter, `/api/counter/applications/${d.id}`)).json<{ summary: { values: unknown[]; matters: unknown[] } }>();
    expect(declinedView).toMatchObject({ status: 'declined', declined: { reason: '信息有误，改日再办' }, application: null });
    expect(declinedView.summary.values).toEqual([]); // 数据最小化: the values are dropped
    expect(declinedView.summary.matters.length).toBe(2);
    const stored = await t.database.db.selectFrom('counter_intakes').select(['body', 'code_hash']).where('id', '=', d.id).executeTakeFirstOrThrow();
    expect([stored.body, stored.code_hash]).toEqual([{}, null]);
    expect((await get(elder, '/api/me/confirmations')).json<Array<{ id: string }>>().some((c) => c.id === d.id)).toBe(false);

    const e = await takeIn();
    expect((await get(elder, '/api/me/confirmations')).json<Array<{ id: string }>>().some((c) => c.id === e.id)).toBe(true);
    t.setNow(later(24 * 60 + 1));
    await signInAll();
    expect((await get(elder, '/api/me/confirmations')).json<Array<{ id: string }>>().some((c) => c.id === e.id)).toBe(false);
    expect((await get(counter, `/api/counter/applications/${e.id}`)).json()).toMatchObject({ status: 'expired' });
    expect(code(await post(elder, `/api/me/confirmations/${e.id}/confirm`))).toBe('INTAKE_EXPIRED');
    expect(code(await post(counter, `/api/counter/applications/${e.id}/send-code`))).toBe('INTAKE_EXPIRED');
    expect(code(await post(elder, `/api/me/confirmations/${e.id}/decline`, {}))).toBe('INTAKE_EXPIRED');
  });

  it('refuses bad input with a 4xx and stores nothing', async () => {
    t.setNow(T0);
    await signInAll();
    const before = await intakeCount();
    const unknown = await post(counter, '/api/counter/applications', intakeBody({ applicantIdNumber: makeResidentId('430102', '1980-01-01', 999) }));
    expect(unknown.statusCode).toBe(404);
    expect(code(unknown)).toBe('APPLICANT_NOT_FOUND');
    const badId = await post(counter, '/api/counter/applications', intakeBody({ applicantIdNumber: '430103194506180000' }));
    expect(badId.statusCode).toBe(400);
    const noReason = await post(counter, '/api/counter/applications', intakeBody({ onBehalfReason: undefined }));
    expect(noReason.statusCode).toBe(400);
    expect(JSON.stringify(noReason.json())).toContain('reason for handling on behalf');
    expect((await post(counter, '/api/counter/applications', intakeBody({ channel: 'web' }))).statusCode).toBe(400);
    expect(code(await post(counter, '/api/counter/applications', intakeBody({ answers: { 'parents-household': ['father'] } })))).toBe('ANSWERS_INCOMPLETE');
    const invalid = await post(counter, '/api/counter/applications', intakeBody({ values: { ...VALUES, 'child.birth-date': '2099-01-01' } }));
    expect(invalid.statusCode).toBe(422);
    expect(code(invalid)).toBe('FORM_INVALID');
    expect(code(await post(counter, '/api/counter/applications', intakeBody({ themeCode: 'no-such-theme' })))).toBe('THEME_NOT_FOUND');
    // only counter staff take applications in; an officer's or a citizen's attempt is refused
    expect((await post(citizen, '/api/counter/applications', intakeBody())).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'POST', url: '/api/counter/applications', payload: intakeBody() })).statusCode).toBe(401);
    expect(await intakeCount()).toBe(before);
    // unknown intakes
    const none = '00000000-0000-4000-8000-000000000000';
    expect(code(await post(elder, `/api/me/confirmations/${none}/confirm`))).toBe('INTAKE_NOT_FOUND');
    expect(code(await post(counter, `/api/counter/applications/${none}/confirm-by-code`, { code: '123456' }))).toBe('INTAKE_NOT_FOUND');
    expect((await post(counter, '/api/counter/applications/not-a-uuid/confirm-by-code', { code: '123456' })).statusCode).toBe(400);
    expect((await post(counter, `/api/counter/applications/${none}/confirm-by-code`, {})).statusCode).toBe(400);
    expect((await post(elder, `/api/me/confirmations/${none}/decline`, { reason: 'x'.repeat(501) })).statusCode).toBe(400);
  });

  it('makes one application when the citizen and the staff member confirm at the same moment', async () => {
    t.setNow(T0);
    await signInAll();
    const r = await takeIn();
    const sms = await lastCode(r.id);
    const results = await Promise.all([
      post(elder, `/api/me/confirmations/${r.id}/confirm`),
      post(counter, `/api/counter/applications/${r.id}/confirm-by-code`, { code: sms.code }),
      post(elder, `/api/me/confirmations/${r.id}/confirm`),
    ]);
    expect(results.map((x) => x.statusCode), results.map((x) => x.body).join('\n')).toEqual([201, 201, 201]);
    expect(new Set(results.map((x) => x.json<{ id: string }>().id)).size).toBe(1);
    const made = await t.database.db.selectFrom('applications').select('id').where('idempotency_key', '=', `counter:${r.id}`).execute();
    expect(made).toHaveLength(1);
    const confirms = await t.database.db.selectFrom('case_history').select('id').where('application_id', '=', made[0]!.id).where('event', '=', 'confirm').execute();
    expect(confirms).toHaveLength(1);
  });

  it('answers malformed input on its routes with a 4xx in the error shape, as counter staff and as the citizen', async () => {
    t.setNow(T0);
    await signInAll();
    const before = await intakeCount();
    const ids = ['x', '00000000-0000-4000-8000-000000000000', '%00', '../../etc', '长'.repeat(50)];
    const bodies: unknown[] = [null, 0, 'x', [], {}, { code: 1 }, { code: '1234567' }, { reason: 5 }, { ...intakeBody(), applicantIdNumber: 123 }, { ...intakeBody(), values: 'x' },
      { ...intakeBody(), delivery: { way: 'express' } }, { ...intakeBody(), onBehalfReason: 'x'.repeat(600) }, { ...intakeBody(), answers: { a: 'b' } }];
    const routes = (id: string) => [
      ['POST', '/api/counter/applications'], ['GET', '/api/counter/applications?limit=0'], ['GET', '/api/counter/applications?limit=x&offset=-1'],
      ['GET', `/api/counter/applications/${id}`], ['POST', `/api/counter/applications/${id}/send-code`], ['POST', `/api/counter/applications/${id}/confirm-by-code`],
      ['GET', '/api/me/confirmations'], ['POST', `/api/me/confirmations/${id}/confirm`], ['POST', `/api/me/confirmations/${id}/decline`],
    ] as const;
    const failures: string[] = [];
    for (const who of [counter, elder]) {
      for (const id of ids) {
        for (const [method, url] of routes(encodeURIComponent(id))) {
          for (const b of method === 'GET' ? [undefined] : bodies) {
            const res = await t.app.inject({ method, url, headers: { ...who.headers, 'content-type': 'application/json' }, ...(b === undefined ? {} : { payload: JSON.stringify(b) }) });
            if (res.statusCode >= 500) failures.push(`${who.user.username} ${method} ${url} ${JSON.stringify(b)?.slice(0, 60)} → ${res.statusCode} ${res.body.slice(0, 200)}`);
            else if (res.statusCode >= 400 && typeof res.json<ErrorBody>().error?.message?.zh !== 'string') failures.push(`${method} ${url} → ${res.statusCode} without the error shape`);
          }
        }
      }
    }
    expect(failures).toEqual([]);
    expect(await intakeCount()).toBe(before);
  }, 180_000);
});
