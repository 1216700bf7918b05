// The theme's rejection policy in the bundle engine, on both databases: in the marriage theme a
// refused marriage registration voids the household register change (the theme's 'void' message)
// and lets the birth registration continue without the marriage certificate ('continue'); an
// application keeps the policy of the theme version it was made under.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestApp, signIn, type SignedIn, type TestApp } from '../../../tests/helpers/app.ts';
import { materialsFor } from '../../../tests/helpers/materials.ts';
import { DB_KINDS, postgresAvailable } from '../../../tests/helpers/databases.ts';
import { valueGenerator } from '../../../tests/helpers/valid-values.ts';
import { demoPeople } from '../../../sim/registries/demo-seed.ts';
import { publishedCatalog, type TTheme } from '../catalog/index.ts';
import { buildThemeForm, validateForm } from '../forms/index.ts';
import { resolveGuidance } from '../guidance/index.ts';
import { hashPassword, insertUserIfAbsent } from '../identity/index.ts';

const ANSWERS = { 'registration-type': ['marry'], 'household-place': ['yes'], 'update-household': ['yes'], 'join-spouse': ['no'], fertility: ['yes'] };
const T0 = new Date('2025-06-10T02:00:00Z');
const PASSWORD = 'Officer-Test-2025!';

interface SubcaseView { id: string; matterCode: string; unitCode: string; status: { code: string }; result: Record<string, unknown> | null; history: Array<{ event: string; note: string | null; noteEn: string | null }> }
interface AppView { id: string; themeVersion: number; status: { code: string }; subcases: SubcaseView[] }

const PG = await postgresAvailable();

for (const kind of DB_KINDS) describe.skipIf(kind === 'postgres' && !PG)(`rejection policy of a theme on ${kind}`, () => {
  let t: TestApp;
  let citizen: SignedIn;
  let values: Record<string, unknown> = {};
  const officers = new Map<string, Promise<SignedIn>>();

  beforeAll(async () => {
    t = await createTestApp(kind);
    t.setNow(T0);
    citizen = await signIn(t.app, 'citizen');
    const catalog = publishedCatalog(t.database);
    const [bundle, elements] = await Promise.all([catalog.theme('marriage'), catalog.elements()]);
    const resolution = resolveGuidance(bundle.theme, ANSWERS);
    expect(resolution.pending).toEqual([]);
    expect(resolution.matters).toEqual(['marriage-registration', 'household-item-change', 'fertility-registration']);
    const form = buildThemeForm(bundle, resolution, elements);
    // the applicant is who signed in (张三): the identity elements are his
    values = valueGenerator({ seed: 4, today: T0, applicant: { name: '张三', idNumber: demoPeople().zhangSan.idNumber } }).values(form.elements);
    expect(validateForm(form, values, T0).ok).toBe(true);
  }, 240_000); // generous: setting up waits for events (app, servers), a busy machine only makes it slower
  afterAll(async () => {
    await t?.close();
  });

  const officerOf = (unitCode: string) => {
    let o = officers.get(unitCode);
    if (!o) {
      o = (async () => {
        const username = `officer-policy-${unitCode}`;
        await insertUserIfAbsent(t.database.db, { username, role: 'officer', name: `${unitCode} 经办人`, passwordHash: await hashPassword(PASSWORD), unitCode });
        return signIn(t.app, username, PASSWORD);
      })();
      officers.set(unitCode, o);
    }
    return o;
  };
  const submit = async (key: string) => {
    const res = await t.app.inject({ method: 'POST', url: '/api/applications', headers: citizen.headers, payload: { themeCode: 'marriage', answers: ANSWERS, values, delivery: { way: 'online' }, idempotencyKey: key, ...(await materialsFor(t.app, citizen, 'marriage', ANSWERS)) } });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<{ id: string; themeVersion: number }>();
  };
  const view = async (id: string) => (await t.app.inject({ method: 'GET', url: `/api/applications/${id}`, headers: { cookie: citizen.cookie } })).json<AppView>();
  const sub = (a: AppView, matter: string) => a.subcases.find((s) => s.matterCode === matter)!;
  const rejectMarriage = async (a: AppView) => {
    const m = sub(a, 'marriage-registration');
    const officer = await officerOf(m.unitCode);
    const accepted = await t.app.inject({ method: 'POST', url: `/api/back-office/subcases/${m.id}/accept`, headers: officer.headers, payload: {} });
    expect(accepted.statusCode, accepted.body).toBe(200);
    const res = await t.app.inject({ method: 'POST', url: `/api/back-office/subcases/${m.id}/reject`, headers: officer.headers, payload: { reason: '当事人一方不符合结婚登记条件' } });
    expect(res.statusCode, res.body).toBe(200);
  };

  it("voids with the theme's message, continues where the theme says so, and keeps the pinned version's policy", async () => {
    const first = await submit('policy-marriage-0001');
    let a = await view(first.id);
    expect(a.subcases.map((s) => [s.matterCode, s.status.code])).toEqual([['marriage-registration', '02'], ['household-item-change', '01'], ['fertility-registration', '01']]);

    // a later theme version voids the birth registration too; the first application keeps version 1
    const { rows } = await sql<{ version: number; doc: TTheme | string; matter_versions: unknown }>`select version, doc, matter_versions from theme_versions where code = 'marriage' order by version desc limit 1`.execute(t.database.db);
    const v1 = rows[0]!;
    const doc = (typeof v1.doc === 'string' ? JSON.parse(v1.doc) : v1.doc) as TTheme;
    const v2doc: TTheme = { ...doc, dependencies: doc.dependencies.map((d) => (d.matter === 'fertility-registration' ? { ...d, onRefusal: { effect: 'void' } } : d)) };
    await sql`insert into theme_versions (code, version, doc, matter_versions) values ('marriage', ${v1.version + 1}, ${JSON.stringify(v2doc)}::jsonb, ${JSON.stringify(v1.matter_versions)}::jsonb)`.execute(t.database.db);
    await sql`update themes set published_version = ${v1.version + 1} where code = 'marriage'`.execute(t.database.db);
    await sql`update catalog_state set generation = generation + 1 where id = 1`.execute(t.database.db);
    publishedCatalog(t.database).invalidate();
    const second = await submit('policy-marriage-0002');
    expect(second.themeVersion).toBe(v1.version + 1);
    expect(first.themeVersion).toBe(v1.version);

    // version 1: household change voided with the theme's message, birth registration released without the certificate
    await rejectMarriage(a);
    a = await view(first.id);
    expect(sub(a, 'marriage-registration').status.code).toBe('10');
    const change = sub(a, 'household-item-change');
    expect(change.status.code).toBe('12');
    expect(change.result).toMatchObject({ decision: 'voided', prerequisite: 'marriage-registration', policy: 'void' });
    // each language apart (a Chinese screen shows only the Chinese), the matters named by their names
    expect(String(change.result!.reason)).toContain('“内地居民婚姻登记”未能办理，“户口登记项目变更”须凭结婚登记信息办理，已作废办结');
    expect(String(change.result!.reason)).not.toMatch(/[A-Za-z]/);
    expect(String(change.result!.reasonEn)).toContain('"Marriage registration for mainland residents" was not completed; "Changing items in the household registration" needs the marriage record');
    expect(change.history.find((h) => h.event === 'void')).toMatchObject({ note: change.result!.reason, noteEn: change.result!.reasonEn });
    const fertility = sub(a, 'fertility-registration');
    expect(fertility.status.code).toBe('02');
    expect(fertility.history.find((h) => h.event === 'receive')?.note).toContain('生育登记不以结婚为前提');
    const released = await sql<{ payload: Record<string, unknown> | string }>`select payload from outbox where topic = 'subcase.released' and key = ${fertility.id}`.execute(t.database.db);
    const payload = released.rows.map((r) => (typeof r.payload === 'string' ? JSON.parse(r.payload) : r.payload) as Record<string, unknown>);
    expect(payload).toEqual([expect.objectContaining({ withoutResultsOf: ['marriage-registration'] })]);
    const data = await t.database.db.selectFrom('subcases').select('data').where('id', '=', fertility.id).executeTakeFirstOrThrow();
    expect(Object.keys(data.data as object)).not.toContain('marriage.certificate-no');
    // the unit can handle it: the application is not finished until it is
    expect(a.status.code).not.toMatch(/^1[0-3]$/);
    const health = await officerOf(fertility.unitCode);
    expect((await t.app.inject({ method: 'POST', url: `/api/back-office/subcases/${fertility.id}/accept`, headers: health.headers, payload: {} })).statusCode).toBe(200);

    // version 2: the birth registration is voided too, with the theme's default message; the application ends
    let b = await view(second.id);
    await rejectMarriage(b);
    b = await view(second.id);
    expect(b.subcases.map((s) => s.status.code)).toEqual(['10', '12', '12']);
    expect(String(sub(b, 'fertility-registration').result!.reason)).toContain('已作废办结');
    expect(['10', '12', '13']).toContain(b.status.code);
    const completed = await sql<{ n: number }>`select count(*)::int as n from outbox where topic = 'application.completed' and key = ${second.id}`.execute(t.database.db);
    expect(completed.rows[0]!.n).toBe(1);
  });
});
