// The applicant is who signed in, on both databases, against the registry simulator process: a person
// applies only as themselves (identity elements are the profile's), an enterprise account only for
// the enterprise the registry says it may act for, each theme only for the applicant kinds it serves;
// an idempotency key answers for one body; the same child is not applied for twice.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { sql } from 'kysely';
import { createTestApp, signIn, type SignedIn, type TestApp } from '../../../tests/helpers/app.ts';
import { DB_KINDS, postgresAvailable } from '../../../tests/helpers/databases.ts';
import { materialsFor } from '../../../tests/helpers/materials.ts';
import { valueGenerator } from '../../../tests/helpers/valid-values.ts';
import { childFor, NEWBORN_ANSWERS, NEWBORN_VALUES } from '../../../tests/fixtures/newborn.ts';
import { startRegistrySimulator, type RunningSimulator } from '../../../sim/registries/start-simulator.ts';
import { demoPeople, demoRows } from '../../../sim/registries/demo-seed.ts';
import { DEMO_COMPANY, hashPassword, insertUserIfAbsent } from '../identity/index.ts';
import { publishedCatalog } from '../catalog/index.ts';
import { buildThemeForm } from '../forms/index.ts';
import { resolveGuidance } from '../guidance/index.ts';
import type { TThemeFormView } from '../../contract/forms.ts';

// Tuesday 10:00 in Shanghai, inside office hours
const T0 = new Date('2025-06-10T02:00:00Z');
const FULL_ANSWERS = { ...NEWBORN_ANSWERS, vaccination: ['needed'], insurance: ['yes'], 'social-card': ['yes'] };
const FULL_VALUES = {
  ...NEWBORN_VALUES,
  'applicant.address': '湖南省长沙市芙蓉区文艺路街道示例小区 3 栋 302 室',
  'child.guardian-relation': 'father',
  'medical-insurance.contribution-year': 2025,
  'social-security-card.bank': 'changsha-bank',
  'social-security-card.delivery': 'post',
};
const ENTERPRISE_THEME = 'comprehensive-tax';
const PASSWORD = 'Enterprise@2025!';
const people = demoPeople();
const employer = demoRows().find((r) => r.resource === 'company' && r.record.creditCode !== DEMO_COMPANY.creditCode)!.record as { creditCode: string; name: string };

interface ErrorBody { error: { code: string; message: { zh: string; en: string }; details: Array<{ path?: string; code: string }> } }
interface AppView { id: string; status: { code: string }; acting?: { applicantKind: string | null; subjectCreditCode: string | null; basis: string | null; staffId: number | null }; subcases: Array<{ id: string; matterCode: string; status: { code: string } }> }

vi.setConfig({ testTimeout: 90_000 });

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startRegistrySimulator();
}, 240_000);
afterAll(async () => {
  await sim?.stop();
});

const PG = await postgresAvailable();

for (const kind of DB_KINDS) describe.skipIf(kind === 'postgres' && !PG)(`the applicant is who signed in on ${kind}`, () => {
  let t: TestApp;
  let citizen: SignedIn, citizen2: SignedIn, enterprise: SignedIn, legalRep: SignedIn, stranger: SignedIn, health: SignedIn;

  beforeAll(async () => {
    t = await createTestApp(kind, { env: { REGISTRY_URL: sim.url } });
    t.setNow(T0);
    const passwordHash = await hashPassword(PASSWORD);
    // 钱伟, the demo company's legal representative; 周杰明, bound to a company that never authorised him
    await insertUserIfAbsent(t.database.db, {
      username: `legal-rep-${kind}`, passwordHash, role: 'enterprise', name: people.qianWei.name, idNumber: people.qianWei.idNumber,
      enterpriseCreditCode: DEMO_COMPANY.creditCode, enterpriseName: DEMO_COMPANY.name,
    });
    await insertUserIfAbsent(t.database.db, {
      username: `stranger-${kind}`, passwordHash, role: 'enterprise', name: people.zhouJieming.name, idNumber: people.zhouJieming.idNumber,
      enterpriseCreditCode: employer.creditCode, enterpriseName: employer.name,
    });
    [citizen, citizen2, enterprise, health, legalRep, stranger] = await Promise.all([
      signIn(t.app, 'citizen'), signIn(t.app, 'citizen2'), signIn(t.app, 'enterprise'), signIn(t.app, 'officer-health'),
      signIn(t.app, `legal-rep-${kind}`, PASSWORD), signIn(t.app, `stranger-${kind}`, PASSWORD),
    ]);
  }, 240_000);
  afterAll(async () => {
    await t?.close();
  });

  const post = (who: SignedIn, url: string, payload: unknown = {}) => t.app.inject({ method: 'POST', url, headers: who.headers, payload: payload as object });
  const view = async (who: SignedIn, id: string) => (await t.app.inject({ method: 'GET', url: `/api/applications/${id}`, headers: { cookie: who.cookie } })).json<AppView>();
  const errorOf = (res: { json: <T>() => T }) => res.json<ErrorBody>().error;
  const count = async (key: string) =>
    (await sql<{ n: number }>`select count(*)::int as n from applications where idempotency_key = ${key}`.execute(t.database.db)).rows[0]!.n;
  const newborn = async (who: SignedIn, key: string, values: Record<string, unknown>, answers: Record<string, string[]> = FULL_ANSWERS) =>
    post(who, '/api/applications', { themeCode: 'newborn', answers, values, delivery: { way: 'online' }, idempotencyKey: key, ...(await materialsFor(t.app, who, 'newborn', answers)) });

  it('shows a person their identity read-only and refuses a submit as another resident (403), nothing stored', async () => {
    const form = await post(citizen, '/api/themes/newborn/form', { answers: FULL_ANSWERS });
    expect(form.statusCode, form.body).toBe(200);
    const elements = form.json<TThemeFormView>().elements;
    const id = elements.find((e) => e.code === 'applicant.id-number')!;
    expect(id).toMatchObject({ readOnly: true, value: people.zhangSan.idNumber });
    expect(elements.find((e) => e.code === 'applicant.name')).toMatchObject({ readOnly: true, value: '张三' });
    // the child is a subject of its own, filled in by the parent
    expect(elements.find((e) => e.code === 'child.name')?.readOnly).toBe(false);

    // 张三 submitting as 李四 (another resident's ID number and name): refused
    const key = `as-another-${kind}`;
    const asAnother = await newborn(citizen, key, { ...FULL_VALUES, ...childFor(key), 'applicant.name': '李四', 'applicant.id-number': people.liSi.idNumber });
    expect(asAnother.statusCode, asAnother.body).toBe(403);
    expect(errorOf(asAnother).code).toBe('APPLICANT_IDENTITY_MISMATCH');
    expect(errorOf(asAnother).message.zh).toMatch(/本人/);
    expect(errorOf(asAnother).details.map((d) => [d.path, d.code]).sort()).toEqual([['applicant.id-number', 'NOT_THE_APPLICANT'], ['applicant.name', 'NOT_THE_APPLICANT']]);
    expect(await count(key)).toBe(0);

    // left out (the form shows them read-only), the profile's values are used; the same, in another case, is accepted
    const own = await newborn(citizen, `own-${kind}`, { ...FULL_VALUES, ...childFor(`own-${kind}`), 'applicant.id-number': people.zhangSan.idNumber.toLowerCase() });
    expect(own.statusCode, own.body).toBe(201);
    const app = await view(citizen, own.json<{ id: string }>().id);
    expect(app.acting).toMatchObject({ applicantKind: 'person', subjectCreditCode: null, basis: 'self', staffId: null });
    const { rows } = await sql<{ data: Record<string, unknown> }>`select data from subcases where application_id = ${app.id} and matter_code = 'social-security-card'`.execute(t.database.db);
    expect(rows[0]?.data).toMatchObject({ 'applicant.name': '张三', 'applicant.id-number': people.zhangSan.idNumber });
  });

  it('refuses an applicant kind the theme does not serve (403)', async () => {
    const asEnterprise = await post(enterprise, '/api/applications', { themeCode: 'newborn', answers: NEWBORN_ANSWERS, values: {}, delivery: { way: 'online' }, idempotencyKey: `kind-e-${kind}` });
    expect(asEnterprise.statusCode, asEnterprise.body).toBe(403);
    expect(errorOf(asEnterprise).code).toBe('APPLICANT_KIND_NOT_SERVED');
    expect(errorOf(asEnterprise).message.zh).toContain('个人');
    const asPerson = await post(citizen, '/api/applications', { themeCode: ENTERPRISE_THEME, answers: {}, values: {}, delivery: { way: 'online' }, idempotencyKey: `kind-p-${kind}` });
    expect(asPerson.statusCode, asPerson.body).toBe(403);
    expect(errorOf(asPerson).code).toBe('APPLICANT_KIND_NOT_SERVED');
    expect(errorOf(asPerson).message.zh).toContain('企业');
  });

  /** A valid submit of the enterprise theme for `enterprise` (first option of every question). */
  async function enterpriseBody(who: SignedIn, key: string, company: { name: string; creditCode: string }) {
    const bundle = await publishedCatalog(t.ctx.database).theme(ENTERPRISE_THEME);
    const answers: Record<string, string[]> = {};
    for (let i = 0; i < 20; i++) {
      const r = resolveGuidance(bundle.theme, answers);
      if (r.pending.length === 0) break;
      for (const q of r.pending) answers[q] = [bundle.theme.questions.find((x) => x.code === q)!.options[0]!.code];
    }
    const form = buildThemeForm(bundle, resolveGuidance(bundle.theme, answers), await publishedCatalog(t.ctx.database).elements());
    const values = valueGenerator({ seed: 11, today: T0, enterprise: company }).values(form.elements);
    return { themeCode: ENTERPRISE_THEME, answers, values, delivery: { way: 'online' }, idempotencyKey: key, ...(await materialsFor(t.app, who, ENTERPRISE_THEME, answers)) };
  }

  it('lets an enterprise account act only for an enterprise the registry says it may act for', async () => {
    // 赵六, the demo company's authorised agent
    const agent = await post(enterprise, '/api/applications', await enterpriseBody(enterprise, `agent-${kind}`, DEMO_COMPANY));
    expect(agent.statusCode, agent.body).toBe(201);
    expect((await view(enterprise, agent.json<{ id: string }>().id)).acting).toMatchObject({ applicantKind: 'enterprise', subjectCreditCode: DEMO_COMPANY.creditCode, basis: 'authorised-agent' });
    // 钱伟, its legal representative
    const rep = await post(legalRep, '/api/applications', await enterpriseBody(legalRep, `rep-${kind}`, DEMO_COMPANY));
    expect(rep.statusCode, rep.body).toBe(201);
    expect((await view(legalRep, rep.json<{ id: string }>().id)).acting).toMatchObject({ basis: 'legal-representative', subjectCreditCode: DEMO_COMPANY.creditCode });
    // the lookups were audited with their cause
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from audit_log where action = 'datahub.lookup' and detail->>'resource' = 'company' and reason like '核验企业授权%'`.execute(t.database.db);
    expect(rows[0]!.n).toBeGreaterThanOrEqual(2);

    // 赵六 filing for another enterprise's credit code: refused, nothing stored
    const otherKey = `other-company-${kind}`;
    const other = await post(enterprise, '/api/applications', await enterpriseBody(enterprise, otherKey, employer));
    expect(other.statusCode, other.body).toBe(403);
    expect(errorOf(other).code).toBe('APPLICANT_IDENTITY_MISMATCH');
    expect(errorOf(other).details.map((d) => d.path)).toContain('enterprise.credit-code');
    expect(await count(otherKey)).toBe(0);

    // an account bound to an enterprise whose registry entry names neither it as legal representative nor as agent
    const strangerKey = `stranger-${kind}`;
    const unauthorised = await post(stranger, '/api/applications', await enterpriseBody(stranger, strangerKey, employer));
    expect(unauthorised.statusCode, unauthorised.body).toBe(403);
    expect(errorOf(unauthorised).code).toBe('ENTERPRISE_NOT_AUTHORISED');
    expect(await count(strangerKey)).toBe(0);

    // the registry down: the authority cannot be checked, so nothing is filed (503, try again later)
    const downKey = `registry-down-${kind}`;
    const body = await enterpriseBody(enterprise, downKey, DEMO_COMPANY);
    const fault = await fetch(`${sim.url}/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ mode: 'down', ratio: 1, count: 10 }) });
    expect(fault.ok).toBe(true);
    const down = await post(enterprise, '/api/applications', body);
    await fetch(`${sim.url}/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ mode: 'none' }) });
    expect(down.statusCode, down.body).toBe(503);
    expect(errorOf(down).code).toBe('ENTERPRISE_REGISTRY_UNAVAILABLE');
    expect(await count(downKey)).toBe(0);
  });

  it('answers a retried key with its application and refuses the same key with another body (409)', async () => {
    const key = `idem-${kind}`;
    const values = { ...NEWBORN_VALUES, ...childFor(key) };
    const first = await newborn(citizen, key, values, NEWBORN_ANSWERS);
    expect(first.statusCode, first.body).toBe(201);
    const again = await newborn(citizen, key, values, NEWBORN_ANSWERS);
    expect(again.statusCode).toBe(200);
    expect(again.json<{ id: string }>().id).toBe(first.json<{ id: string }>().id);
    const changed = await newborn(citizen, key, { ...values, 'child.birth-weight': 3300 }, NEWBORN_ANSWERS);
    expect(changed.statusCode, changed.body).toBe(409);
    expect(errorOf(changed).code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(errorOf(changed).message.zh).toMatch(/[\u4e00-\u9fff]/);
    expect(await count(key)).toBe(1);
  });

  it('refuses a second application for the same child while the first is open or completed, not after a withdrawal or a refusal', async () => {
    const child = { ...NEWBORN_VALUES, 'child.name': `张同一${kind === 'pglite' ? '甲' : '乙'}` };
    const first = await newborn(citizen, `child-1-${kind}`, child, NEWBORN_ANSWERS);
    expect(first.statusCode, first.body).toBe(201);
    const firstNumber = first.json<{ number: string }>().number;

    // the same parent again, by mistake: 409 with the first application's number
    const twice = await newborn(citizen, `child-2-${kind}`, child, NEWBORN_ANSWERS);
    expect(twice.statusCode, twice.body).toBe(409);
    expect(errorOf(twice).code).toBe('DUPLICATE_APPLICATION');
    expect(errorOf(twice).message.zh).toContain(firstNumber);
    // the other parent (another account): 409 too, without someone else's application number
    const otherParent = await newborn(citizen2, `child-3-${kind}`, child, NEWBORN_ANSWERS);
    expect(otherParent.statusCode, otherParent.body).toBe(409);
    expect(errorOf(otherParent).code).toBe('DUPLICATE_APPLICATION');
    expect(errorOf(otherParent).message.zh).not.toContain(firstNumber);
    // a different child of the same mother on the same day (a twin) is not the same event
    expect((await newborn(citizen, `child-twin-${kind}`, { ...child, 'child.name': `${child['child.name']}妹` }, NEWBORN_ANSWERS)).statusCode).toBe(201);

    // withdrawn: the child may be applied for again
    const withdrawn = await post(citizen, `/api/applications/${first.json<{ id: string }>().id}/withdraw`, { note: '信息填错' });
    expect(withdrawn.statusCode, withdrawn.body).toBe(200);
    const again = await newborn(citizen, `child-4-${kind}`, child, NEWBORN_ANSWERS);
    expect(again.statusCode, again.body).toBe(201);

    // wholly refused (the birth certificate rejected, the rest voided): no longer blocks
    const app = await view(citizen, again.json<{ id: string }>().id);
    const bmc = app.subcases.find((s) => s.matterCode === 'birth-medical-certificate')!;
    expect((await post(health, `/api/back-office/subcases/${bmc.id}/accept`, {})).statusCode).toBe(200);
    expect((await post(health, `/api/back-office/subcases/${bmc.id}/reject`, { reason: '出生信息与医院记录不符' })).statusCode).toBe(200);
    expect((await view(citizen, app.id)).status.code).toBe('10');
    const afterRefusal = await newborn(citizen, `child-5-${kind}`, child, NEWBORN_ANSWERS);
    expect(afterRefusal.statusCode, afterRefusal.body).toBe(201);
  });

  it('knows the same child by its birth certificate number too', async () => {
    const certificate = { 'child.birth-certificate-no': kind === 'pglite' ? 'R430261111' : 'R430262222' };
    const first = await newborn(citizen, `cert-1-${kind}`, { ...NEWBORN_VALUES, ...childFor(`cert-1-${kind}`), ...certificate }, NEWBORN_ANSWERS);
    expect(first.statusCode, first.body).toBe(201);
    // another spelling of the name, the same certificate
    const second = await newborn(citizen, `cert-2-${kind}`, { ...NEWBORN_VALUES, ...childFor(`cert-2-${kind}`), ...certificate }, NEWBORN_ANSWERS);
    expect(second.statusCode, second.body).toBe(409);
    expect(errorOf(second).code).toBe('DUPLICATE_APPLICATION');
  });
});
