// What a department system is told an approval must return: every result field of the matter with
// its name and type from the result field dictionary (catalog/result-fields.yaml), not just its code.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildEnvelopes } from '../src/modules/dispatch/envelope.ts';
import { createTestApp, signIn, type TestApp } from './helpers/app.ts';
import { materialsFor } from './helpers/materials.ts';
import { NEWBORN_ANSWERS as ANSWERS, NEWBORN_VALUES as VALUES } from './fixtures/newborn.ts';

describe('the task envelope names the result fields', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('pglite');
    t.setNow(new Date('2025-06-10T02:00:00Z'));
  });
  afterAll(async () => t?.close());

  it('gives each field of the birth certificate its name and type', async () => {
    const citizen = await signIn(t.app, 'citizen');
    const res = await t.app.inject({
      method: 'POST', url: '/api/applications', headers: citizen.headers,
      payload: { themeCode: 'newborn', answers: ANSWERS, values: VALUES, delivery: { way: 'online' }, idempotencyKey: 'envelope-fields-0001', ...(await materialsFor(t.app, citizen, 'newborn', ANSWERS)) },
    });
    expect(res.statusCode, res.body).toBe(201);
    const view = (await t.app.inject({ url: `/api/applications/${res.json<{ id: string }>().id}`, headers: { cookie: citizen.cookie } })).json<{ subcases: Array<{ id: string; matterCode: string }> }>();
    const subcaseId = view.subcases.find((s) => s.matterCode === 'birth-medical-certificate')!.id;
    const envelopes = await buildEnvelopes(t.ctx, [{ taskId: 't1', event: 'subcase.released', sequence: 1, subcaseId, at: new Date('2025-06-10T02:00:00Z') }]);
    expect(envelopes.get('t1')?.subcase.resultFields).toEqual([
      { code: 'certificateNo', name: { zh: '证书编号', en: 'Certificate number' }, type: 'certificateNo' },
      { code: 'childName', name: { zh: '新生儿姓名', en: "Child's name" }, type: 'text' },
      { code: 'birthDate', name: { zh: '出生日期', en: 'Date of birth' }, type: 'date' },
      { code: 'gender', name: { zh: '性别', en: 'Gender' }, type: 'code', values: ['0', '1', '2', '9'] },
    ]);
  });
});
