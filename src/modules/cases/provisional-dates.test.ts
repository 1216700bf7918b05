// Due times computed on a provisional calendar year (calendar/YYYY.yaml with `provisional: true`: the
// statutory days off only, before the State Council's notice) are marked `dueProvisional` wherever
// they are shown: the applicant's view, the worklist and the officer's sub-case page. 2027 is such a
// year in the repository; when its notice replaces the file, move these dates to the next provisional year.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isProvisionalCalendarYear, isProvisionalSpan } from '../../platform/calendar.ts';
import { createTestApp, signIn, type SignedIn, type TestApp } from '../../../tests/helpers/app.ts';
import { materialsFor } from '../../../tests/helpers/materials.ts';
import { DB_KINDS, postgresAvailable } from '../../../tests/helpers/databases.ts';
import { childFor, NEWBORN_ANSWERS as ANSWERS, NEWBORN_VALUES as VALUES } from '../../../tests/fixtures/newborn.ts';

const PG = await postgresAvailable();
const PROVISIONAL_YEAR = 2027;

describe('isProvisionalSpan (pure)', () => {
  const provisional = new Set([2027]);
  const at = (s: string) => new Date(s);
  it('is provisional when any year from the start of the count to the latest due time is', () => {
    expect(isProvisionalSpan(at('2026-06-10T02:00:00Z'), [at('2026-06-20T02:00:00Z')], provisional)).toBe(false);
    expect(isProvisionalSpan(at('2026-12-29T02:00:00Z'), [at('2026-12-31T02:00:00Z'), at('2027-01-20T02:00:00Z')], provisional)).toBe(true);
    expect(isProvisionalSpan(at('2027-03-01T02:00:00Z'), [at('2027-03-05T02:00:00Z')], provisional)).toBe(true);
    expect(isProvisionalSpan(null, [at('2028-01-05T02:00:00Z')], provisional)).toBe(false);
    expect(isProvisionalSpan(at('2026-12-31T17:00:00Z'), [null], provisional)).toBe(false); // no due time (paused): nothing to mark
    // the year is Shanghai's: 2026-12-31T17:00Z is already 2027-01-01 there
    expect(isProvisionalSpan(null, [at('2026-12-31T17:00:00Z')], provisional)).toBe(true);
  });
});

for (const kind of DB_KINDS) describe.skipIf(kind === 'postgres' && !PG)(`provisional due times on ${kind}`, () => {
  let t: TestApp;
  let citizen: SignedIn, health: SignedIn;
  beforeAll(async () => {
    t = await createTestApp(kind);
  }, 240_000);
  afterAll(async () => t?.close());

  interface Clocked { id: string; matterCode: string; promisedDueAt: string | null; legalDueAt: string | null; dueProvisional: boolean }
  const applyAt = async (now: string, key: string) => {
    t.setNow(new Date(now));
    [citizen, health] = await Promise.all([signIn(t.app, 'citizen'), signIn(t.app, 'officer-health')]); // sessions on the moved clock
    const res = await t.app.inject({
      method: 'POST', url: '/api/applications', headers: citizen.headers,
      payload: { themeCode: 'newborn', answers: ANSWERS, values: { ...VALUES, ...childFor(key) }, delivery: { way: 'online' }, idempotencyKey: key, ...(await materialsFor(t.app, citizen, 'newborn', ANSWERS)) },
    });
    expect(res.statusCode, res.body).toBe(201);
    const view = (await t.app.inject({ url: `/api/applications/${res.json<{ id: string }>().id}`, headers: { cookie: citizen.cookie } })).json<{ subcases: Clocked[] }>();
    const bmc = view.subcases.find((s) => s.matterCode === 'birth-medical-certificate')!;
    expect((await t.app.inject({ method: 'POST', url: `/api/back-office/subcases/${bmc.id}/accept`, headers: health.headers, payload: {} })).statusCode).toBe(200);
    return bmc.id;
  };
  const views = async (id: string) => {
    const detail = (await t.app.inject({ url: `/api/back-office/subcases/${id}`, headers: { cookie: health.cookie } })).json<Clocked & { applicationId: string }>();
    const app = (await t.app.inject({ url: `/api/applications/${detail.applicationId}`, headers: { cookie: citizen.cookie } })).json<{ subcases: Clocked[] }>();
    const worklist = (await t.app.inject({ url: '/api/back-office/subcases?status=05&limit=100', headers: { cookie: health.cookie } })).json<{ items: Clocked[] }>();
    return { detail, citizen: app.subcases.find((s) => s.id === id)!, worklist: worklist.items.find((s) => s.id === id)! };
  };

  it(`marks due times that run into ${PROVISIONAL_YEAR} as provisional, and not those of a year that follows the notice`, async () => {
    expect(isProvisionalCalendarYear(PROVISIONAL_YEAR)).toBe(true);
    expect(isProvisionalCalendarYear(PROVISIONAL_YEAR - 1)).toBe(false);
    const late = await applyAt(`${PROVISIONAL_YEAR - 1}-12-29T02:00:00Z`, 'provisional-late');
    const early = await applyAt(`${PROVISIONAL_YEAR - 1}-06-09T02:00:00Z`, 'provisional-early');
    t.setNow(new Date(`${PROVISIONAL_YEAR - 1}-12-29T03:00:00Z`));
    [citizen, health] = await Promise.all([signIn(t.app, 'citizen'), signIn(t.app, 'officer-health')]);
    const lateViews = await views(late);
    for (const v of Object.values(lateViews)) {
      expect(v.legalDueAt! >= `${PROVISIONAL_YEAR}-01-01`).toBe(true);
      expect(v.dueProvisional).toBe(true);
    }
    for (const v of Object.values(await views(early))) {
      expect(v.promisedDueAt).not.toBeNull();
      expect(v.dueProvisional).toBe(false);
    }
  }, 120_000);
});
