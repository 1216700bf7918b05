// The officer's sub-case page over HTTP on both databases: besides its slice of data, it says what
// approval records (the matter's declared result, and which fields later matters wait for) and how
// to label the data it shows.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, type SignedIn, type TestApp } from '../../../tests/helpers/app.ts';
import { materialsFor } from '../../../tests/helpers/materials.ts';
import { DB_KINDS, postgresAvailable } from '../../../tests/helpers/databases.ts';
import { NEWBORN_ANSWERS as ANSWERS, NEWBORN_VALUES as VALUES } from '../../../tests/fixtures/newborn.ts';


interface Detail {
  id: string;
  matterCode: string;
  data: Record<string, unknown>;
  expectedResult?: { type: string; name: string | null; fields: string[]; needed: string[]; fieldLabels: Record<string, { zh: string; en: string }> };
  dataLabels?: Record<string, { zh: string; en: string; options?: Record<string, { zh: string; en: string }> }>;
}

const PG = await postgresAvailable();

for (const kind of DB_KINDS) describe.skipIf(kind === 'postgres' && !PG)(`the back-office sub-case page on ${kind}`, () => {
  let t: TestApp;
  let citizen: SignedIn, health: SignedIn, police: SignedIn;
  beforeAll(async () => {
    t = await createTestApp(kind);
    t.setNow(new Date('2025-06-10T02:00:00Z'));
    [citizen, health, police] = await Promise.all([signIn(t.app, 'citizen'), signIn(t.app, 'officer-health'), signIn(t.app, 'officer-police')]);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('names the expected result and labels the data', async () => {
    const res = await t.app.inject({
      method: 'POST', url: '/api/applications', headers: citizen.headers,
      payload: { themeCode: 'newborn', answers: ANSWERS, values: VALUES, delivery: { way: 'online' }, idempotencyKey: 'detail-key-0001', ...(await materialsFor(t.app, citizen, 'newborn', ANSWERS)) },
    });
    expect(res.statusCode, res.body).toBe(201);
    const app = (await t.app.inject({ method: 'GET', url: `/api/applications/${res.json<{ id: string }>().id}`, headers: { cookie: citizen.cookie } })).json<{ subcases: Array<{ id: string; matterCode: string }> }>();
    const bmc = app.subcases.find((s) => s.matterCode === 'birth-medical-certificate')!.id;
    const hr = app.subcases.find((s) => s.matterCode === 'household-registration')!.id;

    const d = (await t.app.inject({ method: 'GET', url: `/api/back-office/subcases/${bmc}`, headers: { cookie: health.cookie } })).json<Detail>();
    expect(d.expectedResult).toEqual({
      type: 'certificate', name: '出生医学证明', fields: ['certificateNo', 'childName', 'birthDate', 'gender'], needed: ['certificateNo'],
      // named by the result field dictionary (catalog/result-fields.yaml)
      fieldLabels: {
        certificateNo: { zh: '证书编号', en: 'Certificate number' }, childName: { zh: '新生儿姓名', en: "Child's name" },
        birthDate: { zh: '出生日期', en: 'Date of birth' }, gender: { zh: '性别', en: 'Gender' },
      },
    });
    expect(d.dataLabels?.['child.name']?.zh).toMatch(/姓名/);
    expect(d.dataLabels?.['child.name']?.en).toMatch(/name/i);
    expect(d.dataLabels?.['child.gender']?.options?.['2']?.zh).toBe('女');
    // labels only for the slice it shows
    expect(Object.keys(d.dataLabels ?? {}).sort()).toEqual(Object.keys(d.data).filter((k) => d.dataLabels?.[k]).sort());
    expect(d.dataLabels).not.toHaveProperty(['applicant.household-address']);

    // the police's matter: its result and nothing needed after it in this application
    const p = (await t.app.inject({ method: 'GET', url: `/api/back-office/subcases/${hr}`, headers: { cookie: police.cookie } })).json<Detail>();
    expect(p.expectedResult).toMatchObject({ type: 'certificate', fields: ['idNumber', 'householdNo'], needed: [], fieldLabels: { idNumber: { zh: '公民身份号码' }, householdNo: { zh: '户号' } } });
  });
});
