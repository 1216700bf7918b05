// The officer's sub-case page over HTTP on both databases: besides its slice of data, it says what
// approval records (the matter's declared result, and which fields later matters wait for) and how
// to label the data it shows.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, type SignedIn, type TestApp } from '../../../tests/helpers/app.ts';
import { materialsFor } from '../../../tests/helpers/materials.ts';
import { DB_KINDS, postgresAvailable } from '../../../tests/helpers/databases.ts';
import { makeResidentId } from '../../platform/identifiers.ts';

const ANSWERS = {
  'parents-household': ['father'], 'head-of-household': ['yes'], married: ['yes'], 'delivery-place': ['hospital'],
  vaccination: ['done'], insurance: ['no'], agent: ['no'],
};
const VALUES = {
  'applicant.phone': '13807310001',
  'applicant.household-address': '湖南省长沙市岳麓区岳麓街道示例小区 1 栋 101 室',
  'child.name': '张小禾', 'child.gender': '2', 'child.birth-date': '2025-06-01',
  'child.birth-place': '湖南省长沙市开福区湖南省妇幼保健院', 'child.birth-weight': 3250, 'child.ethnicity': '汉族',
  'child.household-follow': 'father', 'mother.name': '李某某', 'mother.id-number': makeResidentId('430105', '1994-03-02', 22),
  'father.name': '张某某', 'father.id-number': makeResidentId('430102', '1992-07-15', 13),
};

interface Detail {
  id: string;
  matterCode: string;
  data: Record<string, unknown>;
  expectedResult?: { type: string; name: string | null; fields: string[]; needed: string[] };
  dataLabels?: Record<string, { zh: string; en: string; options?: Record<string, { zh: string; en: string }> }>;
}

describe.each(DB_KINDS)('the back-office sub-case page on %s', (kind) => {
  let t: TestApp;
  let citizen: SignedIn, health: SignedIn, police: SignedIn;
  let skip = false;
  beforeAll(async () => {
    if (kind === 'postgres' && !(await postgresAvailable())) {
      skip = true;
      return;
    }
    t = await createTestApp(kind);
    t.setNow(new Date('2025-06-10T02:00:00Z'));
    [citizen, health, police] = await Promise.all([signIn(t.app, 'citizen'), signIn(t.app, 'officer-health'), signIn(t.app, 'officer-police')]);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('names the expected result and labels the data', async (ctx) => {
    if (skip) return ctx.skip();
    const res = await t.app.inject({
      method: 'POST', url: '/api/applications', headers: citizen.headers,
      payload: { themeCode: 'newborn', answers: ANSWERS, values: VALUES, delivery: { way: 'online' }, idempotencyKey: 'detail-key-0001', ...(await materialsFor(t.app, citizen, 'newborn', ANSWERS)) },
    });
    expect(res.statusCode, res.body).toBe(201);
    const app = (await t.app.inject({ method: 'GET', url: `/api/applications/${res.json<{ id: string }>().id}`, headers: { cookie: citizen.cookie } })).json<{ subcases: Array<{ id: string; matterCode: string }> }>();
    const bmc = app.subcases.find((s) => s.matterCode === 'birth-medical-certificate')!.id;
    const hr = app.subcases.find((s) => s.matterCode === 'household-registration')!.id;

    const d = (await t.app.inject({ method: 'GET', url: `/api/back-office/subcases/${bmc}`, headers: { cookie: health.cookie } })).json<Detail>();
    expect(d.expectedResult).toEqual({ type: 'certificate', name: '出生医学证明', fields: ['certificateNo', 'childName', 'birthDate', 'gender'], needed: ['certificateNo'] });
    expect(d.dataLabels?.['child.name']?.zh).toMatch(/姓名/);
    expect(d.dataLabels?.['child.name']?.en).toMatch(/name/i);
    expect(d.dataLabels?.['child.gender']?.options?.['2']?.zh).toBe('女');
    // labels only for the slice it shows
    expect(Object.keys(d.dataLabels ?? {}).sort()).toEqual(Object.keys(d.data).filter((k) => d.dataLabels?.[k]).sort());
    expect(d.dataLabels).not.toHaveProperty(['applicant.household-address']);

    // the police's matter: its result and nothing needed after it in this application
    const p = (await t.app.inject({ method: 'GET', url: `/api/back-office/subcases/${hr}`, headers: { cookie: police.cookie } })).json<Detail>();
    expect(p.expectedResult).toMatchObject({ type: 'certificate', fields: ['idNumber', 'householdNo'], needed: [] });
  });
});
