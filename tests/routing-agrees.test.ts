// What the submit does is what routing says: every sub-case of an application goes to the unit that
// the routing API (/api/routing/resolve) and the admin routing table name for the applicant's division,
// for the themes whose catalog once named other units (身后: 遗属待遇申领 to the police station; 就业:
// two matters to 市税务局), and the routing check reports a theme that names a unit of its own.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishedCatalog } from '../src/modules/catalog/index.ts';
import { checkRouting, type RoutingWorld } from '../src/modules/routing/index.ts';
import { createTestApp, signIn, type SignedIn, type TestApp } from './helpers/app.ts';
import { DB_KINDS, postgresAvailable } from './helpers/databases.ts';
import { applicationBody, applicationTemplate, injectRequester, signInAs } from './helpers/dispatch-harness.ts';

const PG = await postgresAvailable();
const T0 = new Date('2025-06-10T02:00:00Z');
const CITIZEN_DIVISION = '430102001'; // 张三: 芙蓉区文艺路街道

interface AppView { subcases: Array<{ matterCode: string; unitCode: string }> }

describe('checkRouting (pure)', () => {
  const world: RoutingWorld = {
    divisions: new Map([['430102', { code: '430102', name: '芙蓉区', level: 'district', parentCode: null }]]),
    units: new Map([
      ['hrss', { code: 'hrss', name: '市人社局', level: 'city', kind: 'department', divisionCode: '430102', parentCode: null }],
      ['police', { code: 'police', name: '市公安局', level: 'city', kind: 'department', divisionCode: '430102', parentCode: null }],
    ]),
    rules: new Map(),
  };
  it('reports a theme that sends a matter to another unit than the routing table', () => {
    const matters = [{ code: 'survivor-benefits', unit: 'hrss', level: 'city' as const }];
    expect(checkRouting(world, matters).problems).toEqual([]);
    expect(checkRouting(world, matters, [{ themeCode: 'after-death', matterCode: 'survivor-benefits', unitCode: 'hrss' }]).problems).toEqual([]);
    expect(checkRouting(world, matters, [{ themeCode: 'after-death', matterCode: 'survivor-benefits', unitCode: 'police' }]).problems).toEqual([
      { matterCode: 'survivor-benefits', divisionCode: '', code: 'THEME_UNIT_OVERRIDE', detail: 'after-death: police ≠ hrss' },
    ]);
  });
});

for (const kind of DB_KINDS) {
  describe.skipIf(kind === 'postgres' && !PG)(`the submit routes as the routing API and table say (${kind})`, () => {
    let t: TestApp;
    let admin: SignedIn;
    beforeAll(async () => {
      t = await createTestApp(kind);
      t.setNow(T0);
      admin = await signIn(t.app, 'catalog');
    }, 240_000);
    afterAll(async () => t?.close());

    const cases: Array<[string, string[]]> = [
      ['after-death', ['survivor-benefits']],
      ['employment', ['social-insurance-registration', 'medical-insurance-change-registration']],
    ];
    for (const [theme, targets] of cases)
      it(`${theme}: ${targets.join(', ')} go where routing says`, async () => {
        const req = injectRequester(t.app);
        const citizen = await signInAs(req, 'citizen');
        const bundle = await publishedCatalog(t.database).theme(theme);
        // answer each question with an option that switches a target matter on, where one does
        const choose = (q: { code: string; options: Array<{ code: string }> }) => {
          const options = bundle.theme.questions.find((x) => x.code === q.code)?.options ?? [];
          return options.find((o) => (o.matters ?? []).some((m) => targets.includes(m)))?.code ?? q.options[0]!.code;
        };
        const template = await applicationTemplate(req, t.database, citizen, theme, 7, T0, choose);
        for (const target of targets) expect(template.matters).toContain(target);
        const submitted = await req('POST', '/api/applications', await applicationBody(req, citizen, template, `routing-${theme}`), citizen.headers);
        expect(submitted.status).toBe(201);
        const view = (await req('GET', `/api/applications/${(submitted.body as { id: string }).id}`, undefined, citizen.headers)).body as AppView;
        expect(view.subcases.length).toBe(template.matters.length);
        for (const s of view.subcases) {
          const resolved = (await req('GET', `/api/routing/resolve?matter=${s.matterCode}&division=${CITIZEN_DIVISION}`)).body as { unit: { code: string } };
          const table = (await req('GET', `/api/admin/routing/matters/${s.matterCode}`, undefined, admin.headers)).body as { rows: Array<{ division: { code: string }; unit: { code: string } | null }> };
          const row = table.rows.find((r) => r.division.code === CITIZEN_DIVISION);
          expect({ matter: s.matterCode, unit: s.unitCode }).toEqual({ matter: s.matterCode, unit: resolved.unit.code });
          expect(row?.unit?.code).toBe(s.unitCode);
        }
        // never the police station nor the tax bureau for these matters
        for (const target of targets) expect(view.subcases.find((s) => s.matterCode === target)?.unitCode).not.toMatch(/police|tax/);
      }, 120_000);

    it('the routing check over the published catalog finds no theme naming its own unit', async () => {
      const res = await t.app.inject({ method: 'GET', url: '/api/admin/routing/check', headers: admin.headers });
      expect(res.statusCode).toBe(200);
      expect(res.json().problems).toEqual([]);
    });
  });
}
