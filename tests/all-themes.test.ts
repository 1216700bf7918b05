// Every one of the 29 themes, through the HTTP API, on both databases: guidance answered two ways
// (the first option of every question; every option / the last one), generated valid values,
// submitted as the citizen or the enterprise, then every sub-case handled to its end by an officer
// of its unit — accept, approve with the result fields the matter declares, so dependents are
// released — until the application is completed (10) with exactly one 'application.completed'.
// One app per database, shared by all themes.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { findRootDir } from '../src/config.ts';
import { publishedCatalog, type TDataElement } from '../src/modules/catalog/index.ts';
import { buildThemeForm, validateForm } from '../src/modules/forms/index.ts';
import { resolveGuidance } from '../src/modules/guidance/index.ts';
import { hashPassword } from '../src/modules/identity/index.ts';
import { insertUserIfAbsent } from '../src/modules/identity/identity.repo.ts';
import { createTestApp, signIn, type SignedIn, type TestApp } from './helpers/app.ts';
import { DB_KINDS, postgresAvailable } from './helpers/databases.ts';
import { valueGenerator } from './helpers/valid-values.ts';

const THEME_CODES = readdirSync(path.join(findRootDir(), 'catalog', 'themes'))
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => f.replace(/^\d+-/, '').replace(/\.yaml$/, ''));
// Tuesday 10:00 in Shanghai, inside office hours, in a year the working-day calendar covers
const T0 = new Date('2025-06-10T02:00:00Z');
const PASSWORD = 'Officer@2025!';
const MAX_ROUNDS = 20;

type Mode = 'first' | 'all' | 'least';
interface NoticeQuestion { code: string; multiple: boolean; options: Array<{ code: string }> }
interface Notice { pending: string[]; questions: NoticeQuestion[]; answers: Record<string, string[]> }
interface SubcaseView { id: string; matterCode: string; unitCode: string; status: { code: string } }
interface AppView { id: string; status: { code: string }; subcases: SubcaseView[] }
interface FormView { materials: Array<{ code: string; required: boolean; provision: string; commitmentAllowed: boolean; deferrable: boolean }> }

const PG = await postgresAvailable();

for (const kind of DB_KINDS) describe.skipIf(kind === 'postgres' && !PG)(`every theme applied for and handled to its end on ${kind}`, () => {
  let t: TestApp;
  const applicants: Record<'citizen' | 'enterprise', SignedIn | undefined> = { citizen: undefined, enterprise: undefined };
  const officers = new Map<string, Promise<SignedIn>>();
  let officerHash: Promise<string>;
  let counterStaff: SignedIn;
  let lifecycles = new Map<string, string>();
  const stats = { applications: 0, subcases: 0, empty: [] as string[] };

  beforeAll(async () => {
    t = await createTestApp(kind);
    t.setNow(T0);
    officerHash = hashPassword(PASSWORD);
    [applicants.citizen, applicants.enterprise, counterStaff] = await Promise.all([signIn(t.app, 'citizen'), signIn(t.app, 'enterprise'), signIn(t.app, 'counter')]);
  }, 240_000); // generous: setting up waits for events (app, servers), a busy machine only makes it slower
  afterAll(async () => {
    console.log(`${kind}: ${stats.applications} applications, ${stats.subcases} sub-cases completed; no matter applies for ${stats.empty.join(', ') || 'none'}`);
    await t?.close();
  });

  /** An officer of the unit: made on first use (the identity module's own insert), signed in through the login route. */
  function officerOf(unitCode: string): Promise<SignedIn> {
    let o = officers.get(unitCode);
    if (!o) {
      o = (async () => {
        const username = `officer-all-${unitCode}`;
        await insertUserIfAbsent(t.database.db, { username, role: 'officer', name: `${unitCode} 经办人`, passwordHash: await officerHash, unitCode });
        return signIn(t.app, username, PASSWORD);
      })();
      officers.set(unitCode, o);
    }
    return o;
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
    return { materials, ...(promise ? { promise: { signedName: '张三', agreed: true } } : {}) };
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
    const gen = valueGenerator({ seed, today: T0 });
    const values = gen.values(form.elements);
    const checked = validateForm(form, values, T0);
    if (!checked.ok) throw new Error(`${code}/${mode}: generated values are not valid: ${JSON.stringify(checked.problems, null, 1)}`);

    const created = await post<{ id: string; status: { code: string } }>(who, '/api/applications', {
      themeCode: code, answers, values, delivery: { way: 'online' }, idempotencyKey: `all-themes-${code}-${mode}-${seed}`,
      ...(await materialsFor(who, code, answers)),
    }, [201]);
    const appId = created.id;

    // result fields of each matter: the dependents' elements filled from them get a valid value
    const resultFields = (matterCode: string): Record<string, string | number | boolean> => {
      const matter = bundle.matters.get(matterCode)!;
      const out: Record<string, string | number | boolean> = {};
      for (const field of matter.result.fields ?? []) {
        const target = [...elements.values()].find((e: TDataElement) => e.prefill.some((p) => p.source === 'matterResult' && p.matter === matterCode && p.field === field));
        out[field] = target ? (Object.hasOwn(values, target.code) ? values[target.code]! : gen.value({ code: target.code, element: target })) : `${matterCode}-${field}-${seed}`;
      }
      return out;
    };

    const handled = new Set<string>();
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const view = await get<AppView>(who, `/api/applications/${appId}`);
      if (view.status.code === '10') break;
      const open = view.subcases.filter((s) => !handled.has(s.id) && s.status.code !== '01');
      if (open.length === 0) throw new Error(`${code}/${mode}: application ${view.status.code} but no sub-case to handle: ${JSON.stringify(view.subcases.map((s) => [s.matterCode, s.status.code]))}`);
      // the units work in parallel, as they do
      await Promise.all(open.map(async (s) => {
        const officer = await officerOf(s.unitCode);
        const detail = await get<{ allowedEvents: string[] }>(officer, `/api/back-office/subcases/${s.id}`);
        if (detail.allowedEvents.includes('accept')) await post(officer, `/api/back-office/subcases/${s.id}/accept`, {});
        // a matter with a fee waits for its payment: taken at the counter (payments.test.ts pays online)
        const fee = await get<{ amountFen: number } | null>(officer, `/api/back-office/subcases/${s.id}/payment`);
        if (fee) await post(counterStaff, `/api/counter/subcases/${s.id}/payments`, { receiptNo: `RC-${s.id.slice(0, 8)}`, amountFen: fee.amountFen }, [204]);
        await post(officer, `/api/back-office/subcases/${s.id}/approve`, { fields: resultFields(s.matterCode), documentName: `${s.matterCode} 决定书` });
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
  }, 30_000);

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
