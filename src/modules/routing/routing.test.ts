import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DB_KINDS, postgresAvailable } from '../../../tests/helpers/databases.ts';
import { createTestApp, signIn, type SignedIn, type TestApp } from '../../../tests/helpers/app.ts';
import { routeMatter, type RoutingWorld } from './routing.ts';

const PG = await postgresAvailable();

// a small world: a city bureau with a district branch and two stations in one street
const world: RoutingWorld = {
  divisions: new Map([
    ['430100', { code: '430100', name: '长沙市', level: 'city', parentCode: null }],
    ['430102', { code: '430102', name: '芙蓉区', level: 'district', parentCode: '430100' }],
    ['430102001', { code: '430102001', name: '文艺路街道', level: 'street', parentCode: '430102' }],
    ['430103', { code: '430103', name: '天心区', level: 'district', parentCode: '430100' }],
  ]),
  units: new Map([
    ['bureau', { code: 'bureau', name: '市局', level: 'city', kind: 'department', divisionCode: '430100', parentCode: null }],
    ['furong-branch', { code: 'furong-branch', name: '芙蓉分局', level: 'district', kind: 'department', divisionCode: '430102', parentCode: 'bureau' }],
    ['station-a', { code: 'station-a', name: 'A所', level: 'street', kind: 'police-station', divisionCode: '430102001', parentCode: 'bureau' }],
    ['station-b', { code: 'station-b', name: 'B所', level: 'street', kind: 'police-station', divisionCode: '430102001', parentCode: 'bureau' }],
  ]),
  rules: new Map(),
};

describe('routeMatter (pure)', () => {
  it('a city-level matter stays with its catalog unit wherever the applicant lives', () => {
    expect(routeMatter(world, { code: 'm', unit: 'bureau', level: 'city' }, '430102001')).toMatchObject({ ok: true, unitCode: 'bureau', source: 'catalog' });
  });
  it('a district-level matter goes to the branch of the applicant\'s district, else to the catalog unit', () => {
    expect(routeMatter(world, { code: 'm', unit: 'bureau', level: 'district' }, '430102')).toMatchObject({ ok: true, unitCode: 'furong-branch', source: 'derived' });
    expect(routeMatter(world, { code: 'm', unit: 'bureau', level: 'district' }, '430103')).toMatchObject({ ok: true, unitCode: 'bureau', source: 'catalog' });
  });
  it('two candidate units in one street are ambiguous until a rule decides', () => {
    const m = { code: 'm', unit: 'bureau', level: 'street' } as const;
    expect(routeMatter(world, m, '430102001')).toEqual({ ok: false, problem: 'AMBIGUOUS', division: '430102001', candidates: ['station-a', 'station-b'] });
    const ruled: RoutingWorld = { ...world, rules: new Map([['m', new Map([['430102001', { id: 7, matterCode: 'm', divisionCode: '430102001', unitCode: 'station-b' }]])]]) };
    expect(routeMatter(ruled, m, '430102001')).toEqual({ ok: true, unitCode: 'station-b', source: 'rule', division: '430102001', ruleId: 7 });
  });
});

for (const kind of DB_KINDS) {
  describe.skipIf(kind === 'postgres' && !PG)(`routing over HTTP (${kind})`, () => {
    let t: TestApp;
    let admin: SignedIn;
    let citizen: SignedIn;
    beforeAll(async () => {
      t = await createTestApp(kind, { catalog: 'full' });
      admin = await signIn(t.app, 'catalog');
      citizen = await signIn(t.app, 'citizen');
    });
    afterAll(async () => t?.close());

    let clock = Date.now();
    const passCacheTtl = () => {
      clock += 1_100;
      t.setNow(new Date(clock));
    };
    const resolve = async (matter: string, division: string) => (await t.app.inject({ method: 'GET', url: `/api/routing/resolve?matter=${matter}&division=${division}` })).json();

    it('routes by the applicant\'s street and district for all 10 Changsha divisions (跨域通办: decided by where the applicant belongs)', async () => {
      expect(await resolve('household-registration', '430102001')).toMatchObject({ unit: { code: 'furong-wenyilu-police' }, source: 'derived' });
      expect(await resolve('household-registration', '430103002')).toMatchObject({ unit: { code: 'tianxin-pozijie-police' }, source: 'derived' });
      const districts = ['430102', '430103', '430104', '430105', '430111', '430112', '430121', '430181', '430182'];
      const units = new Set<string>();
      for (const d of districts) {
        const r = await resolve('employment-registration', d);
        expect(r.source).not.toBe('ambiguous');
        units.add(r.unit.code);
      }
      expect(units.size).toBe(districts.length); // each district its own social-security branch
      expect(await resolve('employment-registration', '430100')).toMatchObject({ source: 'catalog' });
    });

    it('the whole catalog resolves: every matter × district and street to exactly one competent unit', async () => {
      const res = await t.app.inject({ method: 'GET', url: '/api/admin/routing/check', headers: admin.headers });
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body.matters).toBeGreaterThanOrEqual(100);
      expect(body.checked).toBeGreaterThan(body.matters * 50);
      expect(body.problems).toEqual([]);
    });

    it('an admin rule overrides, is validated and audited; removing it restores the derived unit', async () => {
      const put = (body: object, headers = admin.headers) => t.app.inject({ method: 'PUT', url: '/api/admin/routing/rules', headers, payload: body });
      // not competent: a medical insurance bureau for a police matter
      const wrong = await put({ matterCode: 'household-registration', divisionCode: '430102001', unitCode: 'furong-medical-insurance' });
      expect(wrong.statusCode).toBe(422);
      expect(wrong.json().error.code).toBe('ROUTING_UNIT_NOT_COMPETENT');
      // out of area: a Tianxin station for a Furong street
      const far = await put({ matterCode: 'household-registration', divisionCode: '430102001', unitCode: 'tianxin-pozijie-police' });
      expect(far.json().error.code).toBe('ROUTING_UNIT_OUT_OF_AREA');
      expect((await put({ matterCode: 'no-such-matter', divisionCode: '430102001', unitCode: 'furong-government' })).statusCode).toBe(422);
      expect((await put({ matterCode: 'household-registration', divisionCode: '430102001', unitCode: 'furong-wulipai-police' }, citizen.headers)).statusCode).toBe(403);
      // delegated to the street service centre (就近办)
      const ok = await put({ matterCode: 'household-registration', divisionCode: '430102001', unitCode: 'furong-wenyilu-centre', note: '委托街道便民服务中心受理' });
      expect(ok.statusCode).toBe(200);
      const { id } = ok.json();
      passCacheTtl(); // the per-process cache re-checks each second, on the app's clock
      expect(await resolve('household-registration', '430102001')).toMatchObject({ unit: { code: 'furong-wenyilu-centre' }, source: 'rule' });
      const table = (await t.app.inject({ method: 'GET', url: '/api/admin/routing/matters/household-registration', headers: admin.headers })).json();
      expect(table.rows.find((r: { division: { code: string } }) => r.division.code === '430102001')).toMatchObject({ source: 'rule', ruleId: id });
      const audit = (await t.app.inject({ method: 'GET', url: '/api/admin/audit?action=routing.rule.set', headers: (await signIn(t.app, 'admin')).headers })).json();
      expect(JSON.stringify(audit)).toContain('furong-wenyilu-centre');
      expect((await t.app.inject({ method: 'DELETE', url: `/api/admin/routing/rules/${id}`, headers: admin.headers })).statusCode).toBe(204);
      expect((await t.app.inject({ method: 'DELETE', url: `/api/admin/routing/rules/${id}`, headers: admin.headers })).statusCode).toBe(404);
      passCacheTtl();
      expect(await resolve('household-registration', '430102001')).toMatchObject({ unit: { code: 'furong-wenyilu-police' }, source: 'derived' });
    });

    it('bad input is a 4xx', async () => {
      expect((await t.app.inject({ method: 'GET', url: '/api/routing/resolve?matter=household-registration&division=12' })).statusCode).toBe(400);
      expect((await t.app.inject({ method: 'GET', url: '/api/routing/resolve?matter=household-registration&division=999999' })).statusCode).toBe(404);
      expect((await t.app.inject({ method: 'GET', url: '/api/routing/resolve?matter=nope&division=430102' })).statusCode).toBe(404);
    });
  });
}
