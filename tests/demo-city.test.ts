// The demo city is whole: every unit that any theme can route a demo applicant's sub-case to, under
// ANY answers to the guidance questions, is handled on a fresh start — by a demo officer (back
// office), by a simulated department system (push or pull, sim/departments/demo.json), or by a
// 二次录入 clerk (an officer of a unit with a manual adapter). The units are computed from the
// published catalog and the routing module, not listed by hand.
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findRootDir } from '../src/config.ts';
import { loadCatalogFiles } from '../src/modules/catalog/index.ts';
import { DEMO_ADAPTERS, seedDemoAdapters } from '../src/modules/dispatch/index.ts';
import { DEMO_ACCOUNTS, seedDemoAccounts } from '../src/modules/identity/index.ts';
import { reachableUnits, type ApplicantPlace } from '../src/modules/routing/index.ts';
import { loadDemoDepartments } from '../src/platform/demo-simulators.ts';
import { createTestDatabase, type TestDatabase } from './helpers/databases.ts';

const ROOT = findRootDir();
const SEED = randomBytes(32).toString('hex'); // the installation's random demo seed
const SIMULATED = loadDemoDepartments(path.join(ROOT, 'sim/departments/demo.json'), SEED);

/** The demo applicants' places: citizens apply in person themes, the enterprise account in enterprise and project themes. */
const DEMO_PLACES: ApplicantPlace[] = DEMO_ACCOUNTS.filter((a) => a.divisionCode && (a.role === 'citizen' || a.role === 'enterprise'))
  .map((a) => ({ divisionCode: a.divisionCode!, lifecycles: a.role === 'citizen' ? ['person'] : ['enterprise', 'project'] }));

describe('the demo city handles every unit its themes route to', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase('pglite');
    await loadCatalogFiles(database.db, path.join(ROOT, 'catalog'));
    await seedDemoAccounts(database.db);
    await seedDemoAdapters(database.db, SEED);
  });
  afterAll(async () => {
    await database?.drop();
  });

  /** How each unit is handled in the seeded demo, from the database: its adapter and its (signable) officers. */
  async function handling(): Promise<Map<string, { adapter: string; officers: string[]; simulated: boolean }>> {
    const [adapters, officers] = await Promise.all([
      database.db.selectFrom('unit_adapters').select(['unit_code', 'kind']).execute(),
      database.db.selectFrom('users').select(['username', 'unit_code']).where('role', '=', 'officer').where('unit_code', 'is not', null).execute(),
    ]);
    const demoOfficers = new Set(DEMO_ACCOUNTS.map((a) => a.username)); // not the units' system accounts, which cannot sign in
    const out = new Map<string, { adapter: string; officers: string[]; simulated: boolean }>();
    const entry = (unit: string) => {
      let e = out.get(unit);
      if (!e) out.set(unit, (e = { adapter: 'back-office', officers: [], simulated: false }));
      return e;
    };
    for (const a of adapters) entry(a.unit_code).adapter = a.kind;
    for (const o of officers) if (demoOfficers.has(o.username)) entry(o.unit_code!).officers.push(o.username);
    for (const s of SIMULATED) entry(s.unitCode).simulated = entry(s.unitCode).adapter === s.mode;
    return out;
  }

  async function unhandled(places: ApplicantPlace[]): Promise<string[]> {
    const units = await reachableUnits(database, places);
    const how = await handling();
    return units.filter((u) => {
      const h = how.get(u.unitCode);
      if (!h) return true;
      if (h.adapter === 'push' || h.adapter === 'pull') return !h.simulated;
      return h.officers.length === 0; // back office or 二次录入: someone must sign in and work it
    }).map((u) => `${u.unitCode} (${[...new Set(u.via.map((v) => `${v.themeCode}/${v.matterCode}`))].slice(0, 4).join(', ')})`);
  }

  it('reaches the units of every lifecycle from the demo applicants', async () => {
    expect(DEMO_PLACES.map((p) => p.lifecycles.join('+')).sort()).toEqual(['enterprise+project', 'person', 'person', 'person']);
    const units = await reachableUnits(database, DEMO_PLACES);
    expect(units.filter((u) => u.unitCode.startsWith('AMBIGUOUS'))).toEqual([]);
    // the 29 themes all route somewhere, and the three citizens' local units differ
    expect(new Set(units.flatMap((u) => u.via.map((v) => v.themeCode))).size).toBe(29);
    expect(units.map((u) => u.unitCode)).toEqual(expect.arrayContaining(['furong-wenyilu-police', 'tianxin-pozijie-police', 'yuelu-yuelu-police', 'city-housing-construction']));
  });

  it('leaves none of them without an officer, a simulated system or a 二次录入 clerk', async () => {
    expect(await unhandled(DEMO_PLACES)).toEqual([]);
  });

  it('would name the units a new applicant district brings in', async () => {
    // a citizen of 开福区 reaches that district's police station and bureaus, which the demo does not staff
    const missing = await unhandled([...DEMO_PLACES, { divisionCode: '430105', lifecycles: ['person'] }]);
    expect(missing.some((m) => m.startsWith('kaifu-hrss'))).toBe(true);
  });

  it('runs a simulator for each push and pull unit of the demo, in the same mode', () => {
    const adapters = DEMO_ADAPTERS.filter((a) => a.kind !== 'manual').map((a) => `${a.unitCode}:${a.kind}`).sort();
    expect(SIMULATED.map((s) => `${s.unitCode}:${s.mode}`).sort()).toEqual(adapters);
    // the demo's systems do not refuse on their own: every theme can complete
    expect(SIMULATED.filter((s) => s.reject > 0).map((s) => s.unitCode)).toEqual([]);
  });

  it('gives every 二次录入 unit a clerk', () => {
    for (const a of DEMO_ADAPTERS.filter((x) => x.kind === 'manual'))
      expect(DEMO_ACCOUNTS.filter((o) => o.role === 'officer' && o.unitCode === a.unitCode).length, a.unitCode).toBeGreaterThan(0);
  });
});
