// The receipt's query code and the public progress look-up on both databases: the applicant gets one
// code per application; with the number and that code anyone sees the status and the steps without
// signing in — and no personal data; a wrong code or number gets one answer, and an address that
// keeps guessing is stopped (the limit is data).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, type SignedIn, type TestApp } from '../../../tests/helpers/app.ts';
import { materialsFor } from '../../../tests/helpers/materials.ts';
import { DB_KINDS, postgresAvailable } from '../../../tests/helpers/databases.ts';
import { NEWBORN_ANSWERS as ANSWERS, NEWBORN_VALUES as VALUES } from '../../../tests/fixtures/newborn.ts';

const PG = await postgresAvailable();
const T0 = new Date('2025-06-10T02:00:00Z');

for (const kind of DB_KINDS) describe.skipIf(kind === 'postgres' && !PG)(`progress look-up on ${kind}`, () => {
  let t: TestApp;
  let citizen: SignedIn, other: SignedIn;
  let app: { id: string; number: string };

  beforeAll(async () => {
    t = await createTestApp(kind);
    t.setNow(T0);
    [citizen, other] = await Promise.all([signIn(t.app, 'citizen'), signIn(t.app, 'citizen2')]);
    const res = await t.app.inject({
      method: 'POST', url: '/api/applications', headers: citizen.headers,
      payload: { themeCode: 'newborn', answers: ANSWERS, values: VALUES, delivery: { way: 'online' }, idempotencyKey: 'progress-0001', ...(await materialsFor(t.app, citizen, 'newborn', ANSWERS)) },
    });
    expect(res.statusCode, res.body).toBe(201);
    app = res.json();
  }, 300_000); // the whole catalog and a submit: slow on a busy machine
  afterAll(async () => {
    await t?.close();
  });

  const receipt = (who: SignedIn) => t.app.inject({ method: 'GET', url: `/api/applications/${app.id}/receipt`, headers: { cookie: who.cookie } });
  const lookUp = (body: object, ip = '10.1.0.1') => t.app.inject({ method: 'POST', url: '/api/progress', payload: body, remoteAddress: ip });

  it('gives the applicant one random query code for the receipt, and nobody else', async () => {
    const first = await receipt(citizen);
    expect(first.statusCode).toBe(200);
    const { number, queryCode } = first.json<{ number: string; queryCode: string }>();
    expect(number).toBe(app.number);
    expect(queryCode).toMatch(/^\d{10}$/);
    expect((await receipt(citizen)).json()).toMatchObject({ queryCode });
    expect((await receipt(other)).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: `/api/applications/${app.id}/receipt` })).statusCode).toBe(401);
  });

  it('shows the status and the steps for the right number and code, without signing in and without personal data', async () => {
    const { queryCode } = (await receipt(citizen)).json<{ queryCode: string }>();
    const res = await lookUp({ number: app.number.toLowerCase(), code: queryCode.toLowerCase() });
    expect(res.statusCode, res.body).toBe(200);
    const view = res.json<{ number: string; theme: { zh: string }; status: { code: string }; steps: Array<{ matter: { zh: string }; unit: { zh: string }; status: { code: string } }> }>();
    expect(view).toMatchObject({ number: app.number, theme: { zh: '新生儿出生' }, status: { code: '05' } });
    expect(view.steps.map((s) => s.matter.zh)).toEqual(['出生医学证明签发', '户口登记']);
    expect(view.steps.every((s) => s.unit.zh.length > 0 && /^\d{2}$/.test(s.status.code))).toBe(true);
    // nothing of the applicant: no name, no ID number, no phone, no address, no form data
    for (const secret of [VALUES['child.name'], VALUES['father.id-number'], VALUES['mother.id-number'], '张三', '13807310001', 'applicantId']) expect(res.body).not.toContain(secret);
  });

  it('gives one answer for a wrong code and an unknown number, and stops an address that keeps guessing', async () => {
    const { queryCode } = (await receipt(citizen)).json<{ queryCode: string }>();
    const wrong = queryCode === '0000000000' ? '1111111111' : '0000000000';
    const bad = await lookUp({ number: app.number, code: wrong }, '10.1.0.2');
    expect(bad.statusCode).toBe(404);
    expect(bad.json()).toMatchObject({ error: { code: 'PROGRESS_NOT_FOUND', message: { zh: '办件编号或查询码不正确' } } });
    const unknown = await lookUp({ number: 'YJ20250610999999', code: queryCode }, '10.1.0.2');
    expect(unknown.json()).toMatchObject({ error: { code: 'PROGRESS_NOT_FOUND' } });
    expect((await lookUp({ number: 'x', code: '1' })).statusCode).toBe(400);

    await t.database.db.updateTable('progress_lookup_settings').set({ max_failures: 3 }).execute();
    try {
      expect((await lookUp({ number: app.number, code: wrong }, '10.1.0.2')).statusCode).toBe(404);
      // the third failure of this address: from now on even the right code waits
      const limited = await lookUp({ number: app.number, code: queryCode }, '10.1.0.2');
      expect(limited.statusCode).toBe(429);
      expect(limited.json()).toMatchObject({ error: { code: 'PROGRESS_RATE_LIMITED' } });
      expect((await lookUp({ number: app.number, code: queryCode }, '10.1.0.3')).statusCode).toBe(200);
      t.setNow(new Date(T0.getTime() + 16 * 60_000));
      expect((await lookUp({ number: app.number, code: queryCode }, '10.1.0.2')).statusCode).toBe(200);
    } finally {
      t.setNow(T0);
      await t.database.db.updateTable('progress_lookup_settings').set({ max_failures: 10 }).execute();
    }
  });
});
