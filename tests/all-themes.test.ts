// Every one of the 29 themes, through the HTTP API, on both databases: guidance answered two ways
// (the first option of every question; every option / the last one), generated valid values,
// submitted as the citizen or the enterprise, then every sub-case handled to its end the way the demo
// city handles its unit (DEMO_ADAPTERS): a demo officer in the back office; a 二次录入 clerk who first
// records the task of the re-entry queue; a pull unit's system that fetches its task, acknowledges it
// and answers with signed events; a push unit's system answering with signed events — accept, approve
// with the result fields the matter declares, so dependents are released — until the application is
// completed (10) with exactly one 'application.completed'. One app per database, shared by all themes.
import { randomBytes } from 'node:crypto';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { findRootDir } from '../src/config.ts';
import { publishedCatalog, refusalPolicy, resultFieldDictionary, type TDataElement } from '../src/modules/catalog/index.ts';
import { resultValue } from '../sim/departments/department.ts';
import { demoPeople } from '../sim/registries/demo-seed.ts';
import { buildThemeForm, validateForm } from '../src/modules/forms/index.ts';
import { resolveGuidance } from '../src/modules/guidance/index.ts';
import { DEMO_ADAPTERS, DEMO_KEY_ID, demoAdapterSecret, seedDemoAdapters, signRequest } from '../src/modules/dispatch/index.ts';
import { DEMO_ACCOUNTS, DEMO_COMPANY } from '../src/modules/identity/index.ts';
import { createOutboxDispatcher } from '../src/worker.ts';
import { createTestApp, signIn, type SignedIn, type TestApp } from './helpers/app.ts';
import { DB_KINDS, postgresAvailable } from './helpers/databases.ts';
/** this installation's random demo seed */
const SEED = randomBytes(32).toString('hex');
import { valueGenerator } from './helpers/valid-values.ts';

const THEME_CODES = readdirSync(path.join(findRootDir(), 'catalog', 'themes'))
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => f.replace(/^\d+-/, '').replace(/\.yaml$/, ''));
// Tuesday 10:00 in Shanghai, inside office hours, in a year the working-day calendar covers
const T0 = new Date('2025-06-10T02:00:00Z');
const ADAPTER_OF = new Map<string, string>(DEMO_ADAPTERS.map((a) => [a.unitCode, a.kind]));
const MAX_ROUNDS = 20;

type Mode = 'first' | 'all' | 'least';
interface NoticeQuestion { code: string; multiple: boolean; options: Array<{ code: string }> }
interface Notice { pending: string[]; questions: NoticeQuestion[]; answers: Record<string, string[]> }
interface SubcaseView { id: string; matterCode: string; unitCode: string; status: { code: string } }
interface AppView { id: string; status: { code: string }; subcases: SubcaseView[] }
interface FormView { materials: Array<{ code: string; required: boolean; provision: string; commitmentAllowed: boolean; deferrable: boolean }> }

const PG = await postgresAvailable();
// the applicant is who signed in: the generated identity elements are the signed-in person's own
const IDENTITY = { elder: { name: '王奶奶', idNumber: demoPeople().grandmaWang.idNumber }, enterprise: { name: '赵六', idNumber: demoPeople().zhaoLiu.idNumber } };
const identityOf = (lifecycle: string) => ({ applicant: IDENTITY[lifecycle === 'person' ? 'elder' : 'enterprise'], enterprise: DEMO_COMPANY });

for (const kind of DB_KINDS) describe.skipIf(kind === 'postgres' && !PG)(`every theme applied for and handled to its end on ${kind}`, () => {
  let t: TestApp;
  const applicants: Record<'citizen' | 'enterprise', SignedIn | undefined> = { citizen: undefined, enterprise: undefined };
  const officers = new Map<string, Promise<SignedIn>>();
  let drain: () => Promise<void>;
  /** sub-cases whose task a pull unit's system has fetched and acknowledged */
  const pulled = new Set<string>();
  const pollers = new Map<string, Promise<void>>();
  let counterStaff: SignedIn;
  let lifecycles = new Map<string, string>();
  const stats = { applications: 0, subcases: 0, empty: [] as string[] };
  /** the ways sub-cases were handled: back-office, manual, push, pull */
  const paths = new Set<string>();

  beforeAll(async () => {
    t = await createTestApp(kind);
    t.setNow(T0);
    // the demo city's adapters: push and pull units answer through the adapter API, manual units through 二次录入
    await seedDemoAdapters(t.database.db, SEED);
    const dispatcher = createOutboxDispatcher(t.ctx);
    let draining = Promise.resolve();
    // one drain at a time; a push to the demo's endpoint-less systems fails and waits for a clock that does not move
    drain = () => (draining = draining.then(async () => void (await dispatcher.drain())));
    // 王奶奶 applies for the person themes: past every retirement age, so every person theme is hers to apply for
    [applicants.citizen, applicants.enterprise, counterStaff] = await Promise.all([signIn(t.app, 'elder'), signIn(t.app, 'enterprise'), signIn(t.app, 'counter')]);
  }, 240_000); // generous: setting up waits for events (app, servers), a busy machine only makes it slower
  afterAll(async () => {
    console.log(`${kind}: ${stats.applications} applications, ${stats.subcases} sub-cases completed; no matter applies for ${stats.empty.join(', ') || 'none'}`);
    await t?.close();
  });

  /** The demo officer of the unit (or its 二次录入 clerk), signed in through the login route. */
  function officerOf(unitCode: string): Promise<SignedIn> {
    let o = officers.get(unitCode);
    if (!o) {
      const account = DEMO_ACCOUNTS.find((a) => a.role === 'officer' && a.unitCode === unitCode);
      if (!account) throw new Error(`the demo city has no officer for ${unitCode}`);
      o = signIn(t.app, account.username);
      officers.set(unitCode, o);
    }
    return o;
  }

  /** A signed request of the unit's own system (the demo key), at the app's clock. */
  async function asUnit(unitCode: string, method: 'GET' | 'POST', url: string, body?: unknown) {
    const raw = body === undefined ? '' : JSON.stringify(body);
    const headers = signRequest({ unitCode, keyId: DEMO_KEY_ID, secret: demoAdapterSecret(unitCode, SEED), method, pathWithQuery: url, body: raw, now: T0 });
    const res = await t.app.inject({ method, url, headers: { ...headers, ...(raw ? { 'content-type': 'application/json' } : {}) }, ...(raw ? { payload: raw } : {}) });
    if (res.statusCode >= 300) throw new Error(`${unitCode} ${method} ${url}: ${res.statusCode} ${res.body}`);
    return res.body ? res.json<unknown>() : undefined;
  }

  /** The unit's system answers: accept, then approve with the result (its own sequence from 1). */
  async function systemApproves(s: SubcaseView, result: Record<string, string | number | boolean>): Promise<void> {
    const occurredAt = T0.toISOString();
    await asUnit(s.unitCode, 'POST', `/api/adapter/v1/subcases/${s.id}/events`, { eventId: `${s.id}:1`, sequence: 1, type: 'accept', occurredAt });
    await asUnit(s.unitCode, 'POST', `/api/adapter/v1/subcases/${s.id}/events`, { eventId: `${s.id}:2`, sequence: 2, type: 'approve', result: { fields: result, documentName: `${s.matterCode} 决定书` }, occurredAt });
  }

  /**
   * A pull unit's system fetches its tasks (every one it gets is acknowledged and kept) until this
   * sub-case's is among them; one fetch at a time per unit, as its system has one poller.
   */
  function systemPulls(s: SubcaseView): Promise<void> {
    const mine = (pollers.get(s.unitCode) ?? Promise.resolve()).then(() => pullUntil(s));
    pollers.set(s.unitCode, mine.catch(() => undefined));
    return mine;
  }
  async function pullUntil(s: SubcaseView): Promise<void> {
    for (let round = 0; round < 20 && !pulled.has(s.id); round++) {
      await drain();
      const { tasks } = (await asUnit(s.unitCode, 'GET', '/api/adapter/v1/tasks?wait=0&limit=50')) as { tasks: Array<{ taskId: string; subcase: { id: string } }> };
      for (const task of tasks) {
        await asUnit(s.unitCode, 'POST', `/api/adapter/v1/tasks/${task.taskId}/ack`, { caseNo: `SYS-${task.subcase.id.slice(0, 8)}` });
        pulled.add(task.subcase.id);
      }
    }
    if (!pulled.has(s.id)) throw new Error(`${s.unitCode} never got the task of ${s.matterCode}`);
  }

  /** The 二次录入 clerk records the task of the re-entry queue (the case number the unit's own system gave it). */
  async function clerkEnters(officer: SignedIn, s: SubcaseView): Promise<void> {
    for (let round = 0; round < 20; round++) {
      await drain();
      const { items } = await get<{ items: Array<{ taskId: string; subcase: { id: string } }> }>(officer, '/api/back-office/re-entry?limit=200');
      const mine = items.filter((i) => i.subcase.id === s.id);
      for (const task of mine) await post(officer, `/api/back-office/re-entry/${task.taskId}`, { externalCaseNo: `ZJ-${s.id.slice(0, 8)}` }, [204]);
      if (mine.length > 0) return;
    }
    throw new Error(`no re-entry task for ${s.matterCode} at ${s.unitCode}`);
  }

  const get = async <T>(who: SignedIn, url: string): Promise<T> => {
    const res = await t.app.inject({ method: 'GET', url, headers: { cookie: who.cookie } });
    if (res.statusCode !== 200) throw new Error(`GET ${url}: ${res.statusCode} ${res.body}`);
    return res.json<T>();
  };
  const post = async <T>(who: SignedIn | undefined, url: string, payload: unknown, expected = [200, 201]): Promise<T> => {
    const res = await t.app.inject({ method: 'POST', url, headers: who?.headers ?? {}, payload: payload as object });
    if (!expected.includes(res.statusCode)) throw new Error(`POST ${url}: ${res.statusCode} ${res.body}`);
    return (res.body ? res.json<T>() : undefined) as T;
  };

  it('lists the 29 themes', async () => {
    const themes = await (await t.app.inject({ method: 'GET', url: '/api/themes' })).json<Array<{ code: string; lifecycle: string }>>();
    expect(themes).toHaveLength(29);
    expect(themes.map((x) => x.code).sort()).toEqual([...THEME_CODES].sort());
    lifecycles = new Map(themes.map((x) => [x.code, x.lifecycle]));
  });

  /** Guidance through the notice API: answer every pending question until none is left. */
  async function answerGuidance(code: string, mode: Mode): Promise<Record<string, string[]>> {
    let answers: Record<string, string[]> = {};
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const notice = await post<Notice>(undefined, `/api/themes/${code}/notice`, { answers });
      if (notice.pending.length === 0) return notice.answers;
      answers = { ...notice.answers };
      const theme = mode === 'all' ? (await publishedCatalog(t.database).theme(code)).theme : undefined;
      for (const q of notice.questions.filter((x) => notice.pending.includes(x.code))) {
        const codes = q.options.map((o) => o.code);
        if (mode === 'first') answers[q.code] = [codes[0]!];
        else if (mode === 'least') {
          // the option that switches on the fewest matters: "no", "none of these"
          const def = (await publishedCatalog(t.database).theme(code)).theme.questions.find((x) => x.code === q.code)!;
          const weight = (o: (typeof def.options)[number]) => o.matters.length * 10 + o.followUps.length;
          answers[q.code] = [[...def.options].sort((a, b) => weight(a) - weight(b))[0]!.code];
        }
        else if (q.multiple) answers[q.code] = codes;
        else {
          // the option that switches on the most matters (and opens the most follow-up questions)
          const def = theme!.questions.find((x) => x.code === q.code)!;
          const weight = (o: (typeof def.options)[number]) => o.matters.length * 10 + o.followUps.length;
          answers[q.code] = [[...def.options].sort((a, b) => weight(b) - weight(a))[0]!.code];
        }
      }
    }
    throw new Error(`${code}: guidance did not finish in ${MAX_ROUNDS} rounds`);
  }

  /** The materials part of a submit when the form API offers materials: uploads where needed, or a promise. */
  async function materialsFor(who: SignedIn, code: string, answers: Record<string, string[]>): Promise<Record<string, unknown>> {
    const res = await t.app.inject({ method: 'POST', url: `/api/themes/${code}/form`, headers: who.headers, payload: { answers } });
    if (res.statusCode === 404 && res.json<{ code?: string }>().code === undefined) return {}; // no form API (yet)
    if (res.statusCode !== 200) return {};
    const view = res.json<FormView>();
    const materials: Array<Record<string, unknown>> = [];
    let promise = false;
    for (const m of view.materials ?? []) {
      if (!m.required || m.provision !== 'upload') continue;
      const up = await t.app.inject({
        method: 'POST', url: `/api/uploads?name=${encodeURIComponent(`${m.code}.pdf`)}`,
        headers: { ...who.headers, 'content-type': 'application/pdf' }, payload: Buffer.from(`%PDF-1.4\n% ${m.code}\n%%EOF\n`),
      });
      if (up.statusCode === 201) materials.push({ code: m.code, provision: 'upload', uploadIds: [up.json<{ id: string }>().id] });
      else if (m.commitmentAllowed || m.deferrable) {
        materials.push({ code: m.code, provision: m.commitmentAllowed ? 'commitment' : 'deferred' });
        promise = true;
      }
    }
    return { materials, ...(promise ? { promise: { signedName: who === applicants.enterprise ? '赵六' : '王奶奶', agreed: true } } : {}) };
  }

  async function applyAndHandle(code: string, mode: Mode, seed: number): Promise<void> {
    const lifecycle = lifecycles.get(code) ?? 'person';
    const who = lifecycle === 'person' ? applicants.citizen! : applicants.enterprise!;
    const answers = await answerGuidance(code, mode);

    // the form the server will check, from the published catalog's element definitions
    const catalog = publishedCatalog(t.database);
    const [bundle, elements] = await Promise.all([catalog.theme(code), catalog.elements()]);
    const resolution = resolveGuidance(bundle.theme, answers);
    expect(resolution.pending).toEqual([]);
    if (mode === 'all') expect(resolution.matters.length, `${code}: no matter applies`).toBeGreaterThan(0);
    // an answer set under which no matter applies is not an application: the submit says so
    if (resolution.matters.length === 0) {
      stats.empty.push(`${code}/${mode}`);
      const refused = await t.app.inject({
        method: 'POST', url: '/api/applications', headers: who.headers,
        payload: { themeCode: code, answers, values: {}, delivery: { way: 'online' }, idempotencyKey: `empty-${code}-${mode}-${kind}` },
      });
      expect(refused.statusCode, refused.body).toBe(422);
      expect(refused.json().error.code).toBe('NO_MATTER_APPLIES');
      return;
    }
    const form = buildThemeForm(bundle, resolution, elements);
    const gen = valueGenerator({ seed, today: T0, ...identityOf(lifecycle) });
    const values = gen.values(form.elements);
    const checked = validateForm(form, values, T0);
    if (!checked.ok) throw new Error(`${code}/${mode}: generated values are not valid: ${JSON.stringify(checked.problems, null, 1)}`);

    const created = await post<{ id: string; status: { code: string } }>(who, '/api/applications', {
      themeCode: code, answers, values, delivery: { way: 'online' }, idempotencyKey: `all-themes-${code}-${mode}-${seed}`,
      ...(await materialsFor(who, code, answers)),
    }, [201]);
    const appId = created.id;

    // result fields of each matter: the dependents' elements filled from them get a valid value
    const resultFields = (matterCode: string, unitCode: string): Record<string, string | number | boolean> => {
      const matter = bundle.matters.get(matterCode)!;
      const out: Record<string, string | number | boolean> = {};
      for (const field of matter.result.fields ?? []) {
        const target = [...elements.values()].find((e: TDataElement) => e.prefill.some((p) => p.source === 'matterResult' && p.matter === matterCode && p.field === field));
        out[field] = target ? (Object.hasOwn(values, target.code) ? values[target.code]! : gen.value({ code: target.code, element: target })) 
          // else a value valid for the result field dictionary, in its real form, as the unit's system gives it
          : resultValue({ code: field, ...resultFieldDictionary().get(field) }, { id: `${appId}-${matterCode}`, matterCode, unitCode, data: values }, T0);
      }
      return out;
    };

    const handled = new Set<string>();
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const view = await get<AppView>(who, `/api/applications/${appId}`);
      if (view.status.code === '10') break;
      const open = view.subcases.filter((s) => !handled.has(s.id) && s.status.code !== '01');
      if (open.length === 0) throw new Error(`${code}/${mode}: application ${view.status.code} but no sub-case to handle: ${JSON.stringify(view.subcases.map((s) => [s.matterCode, s.status.code]))}`);
      // a matter with a fee waits for its payment: the applicant pays at the counter (payments.test.ts pays online)
      for (const fee of await get<Array<{ subcaseId: string; amountFen: number; state: string }>>(who, `/api/me/applications/${appId}/payments`))
        if (fee.state === 'unpaid' && open.some((s) => s.id === fee.subcaseId))
          await post(counterStaff, `/api/counter/subcases/${fee.subcaseId}/payments`, { receiptNo: `RC-${fee.subcaseId.slice(0, 8)}`, amountFen: fee.amountFen }, [204]);
      // the units work in parallel, as they do
      await Promise.all(open.map(async (s) => {
        const kind = ADAPTER_OF.get(s.unitCode) ?? 'back-office';
        paths.add(kind);
        if (kind === 'push' || kind === 'pull') {
          if (kind === 'pull') await systemPulls(s);
          await systemApproves(s, resultFields(s.matterCode, s.unitCode));
        } else {
          const officer = await officerOf(s.unitCode);
          if (kind === 'manual') await clerkEnters(officer, s);
          const detail = await get<{ allowedEvents: string[] }>(officer, `/api/back-office/subcases/${s.id}`);
          if (detail.allowedEvents.includes('accept')) await post(officer, `/api/back-office/subcases/${s.id}/accept`, {});
          await post(officer, `/api/back-office/subcases/${s.id}/approve`, { fields: resultFields(s.matterCode, s.unitCode), documentName: `${s.matterCode} 决定书` });
        }
        handled.add(s.id);
      }));
    }
    const done = await get<AppView>(who, `/api/applications/${appId}`);
    expect(done.status.code, `${code}/${mode}: ${JSON.stringify(done.subcases.map((s) => [s.matterCode, s.status.code]))}`).toBe('10');
    expect(done.subcases.every((s) => s.status.code === '10')).toBe(true);
    expect(handled.size).toBe(done.subcases.length);
    const { rows } = await sql<{ n: string }>`select count(*)::text as n from outbox where topic = 'application.completed' and key = ${appId}`.execute(t.database.db);
    expect(Number(rows[0]!.n)).toBe(1);
    stats.applications++;
    stats.subcases += done.subcases.length;
  }

  it.each(THEME_CODES.map((c, i) => [c, i] as const))('%s', async (code, i) => {
    await Promise.all([applyAndHandle(code, 'first', 1000 + i), applyAndHandle(code, 'all', 2000 + i)]);
  }, 60_000);

  /** Applies for a theme with every matter its answers can switch on; the application as the applicant sees it. */
  async function submitAll(code: string, seed: number, key: string): Promise<{ who: SignedIn; view: AppView }> {
    const lifecycle = lifecycles.get(code) ?? 'person';
    const who = lifecycle === 'person' ? applicants.citizen! : applicants.enterprise!;
    const answers = await answerGuidance(code, 'all');
    const catalog = publishedCatalog(t.database);
    const [bundle, elements] = await Promise.all([catalog.theme(code), catalog.elements()]);
    const form = buildThemeForm(bundle, resolveGuidance(bundle.theme, answers), elements);
    const values = valueGenerator({ seed, today: T0, ...identityOf(lifecycle) }).values(form.elements);
    const created = await post<{ id: string }>(who, '/api/applications', {
      themeCode: code, answers, values, delivery: { way: 'online' }, idempotencyKey: `lifecycle-${code}-${key}`, ...(await materialsFor(who, code, answers)),
    }, [201]);
    return { who, view: await get<AppView>(who, `/api/applications/${created.id}`) };
  }

  /** The unit does something to a released sub-case the way the demo city's unit does it: its officer, its clerk, or its system. */
  async function unitActs(s: SubcaseView, action: 'reject' | 'request-supplement', text: string): Promise<void> {
    const kind = ADAPTER_OF.get(s.unitCode) ?? 'back-office';
    if (kind === 'push' || kind === 'pull') {
      if (kind === 'pull') await systemPulls(s);
      const occurredAt = T0.toISOString();
      if (action === 'reject') {
        await asUnit(s.unitCode, 'POST', `/api/adapter/v1/subcases/${s.id}/events`, { eventId: `${s.id}:1`, sequence: 1, type: 'accept', occurredAt });
        await asUnit(s.unitCode, 'POST', `/api/adapter/v1/subcases/${s.id}/events`, { eventId: `${s.id}:2`, sequence: 2, type: 'reject', reason: text, occurredAt });
      } else await asUnit(s.unitCode, 'POST', `/api/adapter/v1/subcases/${s.id}/events`, { eventId: `${s.id}:1`, sequence: 1, type: 'request-supplement', note: text, occurredAt });
      return;
    }
    const officer = await officerOf(s.unitCode);
    if (kind === 'manual') await clerkEnters(officer, s);
    if (action === 'reject') {
      await post(officer, `/api/back-office/subcases/${s.id}/accept`, {});
      await post(officer, `/api/back-office/subcases/${s.id}/reject`, { reason: text });
    } else await post(officer, `/api/back-office/subcases/${s.id}/request-supplement`, { note: text });
  }

  // one theme of each lifecycle whose matters depend on each other
  it.each([['person', 'newborn'], ['enterprise', 'enterprise-opening'], ['project', 'bidding']] as const)(
    '%s lifecycle (%s): a refusal follows the theme\'s refusal policy, a supplement is answered, a withdrawal ends the application',
    async (_lifecycle, code) => {
      const { theme } = await publishedCatalog(t.database).theme(code);
      // a refusal of a prerequisite: each dependent is voided or goes on as the theme's policy says
      const refused = await submitAll(code, 7001, 'refusal');
      const prerequisite = refused.view.subcases.find((s) => s.status.code === '02' && theme.dependencies.some((d) => d.needs === s.matterCode && refused.view.subcases.some((x) => x.matterCode === d.matter)))!;
      expect(prerequisite, `${code}: a released prerequisite`).toBeDefined();
      await unitActs(prerequisite, 'reject', '经审查，申请不符合办理条件');
      const after = await get<AppView>(refused.who, `/api/applications/${refused.view.id}`);
      const dependents = theme.dependencies.filter((d) => d.needs === prerequisite.matterCode).map((d) => ({ d, sub: after.subcases.find((s) => s.matterCode === d.matter) })).filter((x) => x.sub);
      expect(dependents.length).toBeGreaterThan(0);
      for (const { d, sub } of dependents) expect(sub!.status.code === '12', `${d.matter} after ${d.needs} was refused`).toBe(refusalPolicy(theme, d.matter, d.needs).effect === 'void');

      // a supplement request, answered by the applicant with a new file: the sub-case goes on
      const asked = await submitAll(code, 7002, 'supplement');
      const open = asked.view.subcases.find((s) => s.status.code === '02')!;
      await unitActs(open, 'request-supplement', '请补正：所附材料扫描件不清晰，请重新上传');
      expect((await get<AppView>(asked.who, `/api/applications/${asked.view.id}`)).subcases.find((s) => s.id === open.id)!.status.code).toBe('06');
      const file = await t.app.inject({ method: 'POST', url: '/api/uploads?name=%E8%A1%A5%E6%AD%A3%E6%9D%90%E6%96%99.pdf', headers: { ...asked.who.headers, 'content-type': 'application/pdf' }, payload: Buffer.from('%PDF-1.4\n% supplement\n%%EOF\n') });
      expect(file.statusCode).toBe(201);
      await post(asked.who, `/api/applications/${asked.view.id}/subcases/${open.id}/supplement`, { values: {}, note: `已重新上传（${file.json<{ name: string }>().name}）` });
      expect((await get<AppView>(asked.who, `/api/applications/${asked.view.id}`)).subcases.find((s) => s.id === open.id)!.status.code).not.toBe('06');

      // a withdrawal: the application and every open sub-case end withdrawn (13)
      const withdrawn = await submitAll(code, 7003, 'withdrawal');
      const ended = await post<AppView>(withdrawn.who, `/api/applications/${withdrawn.view.id}/withdraw`, { note: '不再办理' });
      expect(ended.status.code).toBe('13');
      expect(ended.subcases.every((s) => s.status.code === '13')).toBe(true);
    }, 60_000);

  it('went every way the demo city handles a unit: back office, 二次录入, push and pull', () => {
    expect([...paths].sort()).toEqual(['back-office', 'manual', 'pull', 'push']);
  });

  it('refuses an application under which no matter applies (NO_MATTER_APPLIES)', async () => {
    const empty: string[] = [];
    for (const code of THEME_CODES) {
      const answers = await answerGuidance(code, 'least');
      if (resolveGuidance((await publishedCatalog(t.database).theme(code)).theme, answers).matters.length > 0) continue;
      empty.push(code);
      const who = (lifecycles.get(code) ?? 'person') === 'person' ? applicants.citizen! : applicants.enterprise!;
      const res = await t.app.inject({
        method: 'POST', url: '/api/applications', headers: who.headers,
        payload: { themeCode: code, answers, values: {}, delivery: { way: 'online' }, idempotencyKey: `empty-${code}-${kind}` },
      });
      expect(res.statusCode, res.body).toBe(422);
      expect(res.json().error.code).toBe('NO_MATTER_APPLIES');
    }
    expect(empty).toContain('special-groups');
  });

  it('the worklist pages through a unit with keyset cursors, no row twice or missed', async () => {
    const units = [...officers.keys()];
    for (const unit of units.slice(0, 3)) {
      const officer = await officerOf(unit);
      for (const sort of ['deadline', 'newest'] as const) {
        const all = await get<{ items: Array<{ id: string }>; total: number }>(officer, `/api/back-office/subcases?sort=${sort}&limit=100`);
        const seen: string[] = [];
        let cursor: string | null | undefined;
        for (let n = 0; n < 100; n++) {
          const page = await get<{ items: Array<{ id: string }>; nextCursor: string | null; total: number; totalCapped: boolean }>(
            officer, `/api/back-office/subcases?sort=${sort}&limit=3${cursor ? `&cursor=${cursor}` : ''}`);
          seen.push(...page.items.map((x) => x.id));
          expect(page.total).toBe(all.total);
          expect(page.totalCapped).toBe(false);
          cursor = page.nextCursor;
          if (!cursor) break;
        }
        expect(seen).toEqual(all.items.map((x) => x.id));
        expect(new Set(seen).size).toBe(seen.length);
      }
      const bad = await t.app.inject({ method: 'GET', url: '/api/back-office/subcases?sort=newest&cursor=ZHx8MXwy', headers: { cookie: officer.cookie } });
      expect(bad.statusCode).toBe(400);
      expect(bad.json<{ error: { code: string } }>().error.code).toBe('BAD_CURSOR');
    }
  });
});
