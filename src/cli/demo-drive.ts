// npm run demo:drive -- [BASE_URL] [--themes a,b] [--seed N] [--timeout-min 20] [--concurrency 4]
//
// Drives a running demo city (`npm start` on a fresh data folder) through every theme, over HTTP only,
// with the demo's own accounts and simulators: applies for each theme as the right demo applicant with
// random valid guidance answers and form values, then drives every sub-case to its end — officers
// accept and approve in the back office (with realistic result values and, for a certificate or an
// approval, the document as a PDF), 二次录入 clerks record the task and work it, the simulated
// department systems (push, pull) answer by themselves, and the applicant answers supplement requests.
// Prints the progress and, per theme, completed or not; exits 1 when any theme did not complete.
import { parseArgs } from 'node:util';
import type { TDataElement } from '../contract/catalog.ts';
import { resultFieldDictionary } from '../modules/catalog/index.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../modules/identity/index.ts';
import { renderDocumentPdf } from '../platform/pdf.ts';
import { sampleResultFields } from '../platform/result-values.ts';
import { seededRandom, valueGenerator } from '../platform/valid-values.ts';

const { values: opts, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    themes: { type: 'string' },
    seed: { type: 'string' },
    'timeout-min': { type: 'string', default: '20' },
    concurrency: { type: 'string', default: '4' },
  },
});
const BASE = (positionals[0] ?? 'http://localhost:3000').replace(/\/$/, '');
const SEED = opts.seed ? Number(opts.seed) : Date.now() % 1_000_000;
const DEADLINE = Date.now() + Number(opts['timeout-min']) * 60_000;
const CONCURRENCY = Math.max(1, Number(opts.concurrency));
const rnd = seededRandom(SEED);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// ---------- HTTP as a signed-in person ----------

class HttpError extends Error {
  constructor(readonly status: number, readonly code: string | undefined, message: string) {
    super(message);
  }
}

class Session {
  #cookie = '';
  #csrf = '';
  constructor(readonly username: string) {}

  async signIn(): Promise<this> {
    const res = await fetch(`${BASE}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: this.username, password: DEMO_PASSWORD }) });
    if (res.status !== 200) throw new Error(`${this.username} cannot sign in: ${res.status} ${await res.text()}`);
    this.#csrf = ((await res.json()) as { csrfToken: string }).csrfToken;
    this.#cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]).filter((c) => c?.startsWith('yj_session=')).join('; ');
    return this;
  }

  async call<T>(method: 'GET' | 'POST', path: string, body?: unknown, contentType = 'application/json'): Promise<T> {
    const raw = body === undefined ? undefined : body instanceof Uint8Array ? body : JSON.stringify(body);
    const res = await fetch(`${BASE}${path}`, {
      method, signal: AbortSignal.timeout(60_000),
      headers: { cookie: this.#cookie, ...(method === 'POST' ? { 'x-csrf-token': this.#csrf } : {}), ...(raw !== undefined ? { 'content-type': contentType } : {}) },
      ...(raw !== undefined ? { body: raw } : {}),
    });
    const text = await res.text();
    if (res.status >= 300) {
      let code: string | undefined;
      try {
        code = (JSON.parse(text) as { error?: { code?: string } }).error?.code;
      } catch { /* not JSON */ }
      throw new HttpError(res.status, code, `${method} ${path}: ${res.status} ${text.slice(0, 600)}`);
    }
    return (text ? JSON.parse(text) : undefined) as T;
  }
}

const sessions = new Map<string, Promise<Session>>();
function as(username: string): Promise<Session> {
  let s = sessions.get(username);
  if (!s) sessions.set(username, (s = new Session(username).signIn()));
  return s;
}

// ---------- what the API answers (the parts used here) ----------

interface ThemeSummary { code: string; name: string; lifecycle: 'person' | 'enterprise' | 'project' }
interface Notice { pending: string[]; answers: Record<string, string[]>; questions: Array<{ code: string; multiple: boolean; options: Array<{ code: string }> }>; matters: unknown[] }
interface FormView { elements: Array<{ code: string; producedBy: string | null; required: boolean }>; materials: Array<{ code: string; name: { zh: string }; required: boolean; provision: string; commitmentAllowed: boolean; deferrable: boolean }> }
interface SubcaseView { id: string; matterCode: string; matterName: string; unitCode: string; status: { code: string }; result: { decision?: string } | null }
interface AppView { id: string; number: string; status: { code: string }; subcases: SubcaseView[] }
/** A result field's type and check from the dictionary (catalog/result-fields.yaml): a date gets a date, a code its table's value. */
function fieldSpec(code: string): { type?: string; values?: string[] } {
  const f = resultFieldDictionary().get(code);
  return f ? { type: f.type, ...(f.values ? { values: f.values } : {}) } : {};
}

interface SubcaseDetail { allowedEvents: string[]; data: Record<string, unknown>; applicationNumber: string; expectedResult?: { type: string; name: string | null; fields: string[]; fieldLabels: Record<string, { zh: string }> } }

const APPLICANTS = { person: ['citizen', 'citizen2', 'elder'], enterprise: ['enterprise'], project: ['enterprise'] } as const;
const OFFICER_OF = new Map<string, string>();
for (const a of DEMO_ACCOUNTS) if (a.role === 'officer' && a.unitCode && !OFFICER_OF.has(a.unitCode)) OFFICER_OF.set(a.unitCode, a.username);

// ---------- one theme ----------

interface Outcome { code: string; name: string; applicant: string; completed: boolean; detail: string; subcases: number }

function log(theme: string, message: string): void {
  const t = new Date().toISOString().slice(11, 19);
  console.log(`${t} ${theme.padEnd(34)} ${message}`);
}

async function guidance(code: string): Promise<Record<string, string[]>> {
  let answers: Record<string, string[]> = {};
  for (let round = 0; round < 20; round++) {
    const notice = await (await as('citizen')).call<Notice>('POST', `/api/themes/${code}/notice`, { answers });
    if (notice.pending.length === 0) return notice.answers;
    answers = { ...notice.answers };
    for (const q of notice.questions.filter((x) => notice.pending.includes(x.code))) {
      const codes = q.options.map((o) => o.code);
      answers[q.code] = q.multiple ? (() => {
        const some = codes.filter(() => rnd() < 0.5);
        return some.length > 0 ? some : [pick(codes)];
      })() : [pick(codes)];
    }
  }
  throw new Error('guidance did not finish in 20 rounds');
}

/** A small PDF standing for a scan the applicant uploads, or the document an officer issues. */
function pdf(title: string, lines: Array<{ label: string; value: string }>, issuer?: string): Promise<Uint8Array> {
  return renderDocumentPdf({ title, fields: lines, watermark: '一件事一次办 演示数据', ...(issuer ? { issuer: { name: issuer } } : {}) });
}

async function upload(who: Session, name: string, bytes: Uint8Array): Promise<string> {
  return (await who.call<{ id: string }>('POST', `/api/uploads?name=${encodeURIComponent(name)}`, bytes, 'application/pdf')).id;
}

interface Profile { name: string; idNumber: string | null; creditCode: string | null; enterpriseName: string | null }

async function apply(theme: ThemeSummary, elements: Map<string, TDataElement>, seed: number): Promise<{ who: Session; app: AppView }> {
  let who = await as(pick(APPLICANTS[theme.lifecycle]));
  for (let attempt = 1; ; attempt++) {
    // the applicant is who signed in: the form's identity elements are the person's (or enterprise's) own
    const me = await who.call<Profile>('GET', '/api/me/profile');
    const identity = {
      ...(me.idNumber ? { applicant: { name: me.name, idNumber: me.idNumber } } : {}),
      ...(me.creditCode && me.enterpriseName ? { enterprise: { name: me.enterpriseName, creditCode: me.creditCode } } : {}),
    };
    const answers = await guidance(theme.code);
    const form = await who.call<FormView>('POST', `/api/themes/${theme.code}/form`, { answers });
    if (form.elements.length === 0 && attempt < 10) continue; // no matter applies under these answers: answer again
    const values = valueGenerator({ seed: seed + attempt, today: new Date(), ...identity }).values(
      form.elements.flatMap((e) => (elements.has(e.code) ? [{ code: e.code, element: elements.get(e.code)!, producedBy: e.producedBy ?? undefined }] : [])));
    const materials: Array<Record<string, unknown>> = [];
    let promise = false;
    for (const m of form.materials.filter((x) => x.required && x.provision === 'upload')) {
      if (m.commitmentAllowed && rnd() < 0.3) {
        materials.push({ code: m.code, provision: 'commitment' });
        promise = true;
        continue;
      }
      const id = await upload(who, `${m.name.zh}.pdf`, await pdf(m.name.zh, [{ label: '材料', value: `${m.name.zh}（扫描件）` }]));
      materials.push({ code: m.code, provision: 'upload', uploadIds: [id] });
    }
    const profile = await who.call<{ user: { name: string } }>('GET', '/api/auth/me');
    try {
      const created = await who.call<{ id: string }>('POST', '/api/applications', {
        themeCode: theme.code, answers, values, delivery: { way: 'online' }, idempotencyKey: `demo-drive-${SEED}-${theme.code}-${attempt}`,
        ...(materials.length > 0 ? { materials } : {}), ...(promise ? { promise: { signedName: profile.user.name, agreed: true } } : {}),
      });
      return { who, app: await who.call<AppView>('GET', `/api/applications/${created.id}`) };
    } catch (err) {
      if (err instanceof HttpError && err.code === 'NO_MATTER_APPLIES' && attempt < 10) continue;
      // a theme whose rules the person does not meet (张三 at 35 is not of retirement age): 王奶奶 applies
      if (err instanceof HttpError && err.status === 422 && who.username !== 'elder' && theme.lifecycle === 'person' && attempt < 10) {
        who = await as('elder');
        continue;
      }
      throw err;
    }
  }
}

/** The back office as the unit's officer (or its 二次录入 clerk, who first records the task). */
async function handleAsOfficer(sub: SubcaseView, manual: boolean): Promise<boolean> {
  const username = OFFICER_OF.get(sub.unitCode);
  if (!username) return false;
  const officer = await as(username);
  if (manual) {
    const queue = await officer.call<{ items: Array<{ taskId: string; subcase: { id: string } }> }>('GET', '/api/back-office/re-entry?limit=200');
    for (const task of queue.items.filter((t) => t.subcase.id === sub.id))
      await officer.call('POST', `/api/back-office/re-entry/${task.taskId}`, { externalCaseNo: `ZJ-${new Date().getFullYear()}-${String(Math.floor(rnd() * 1e6)).padStart(6, '0')}` });
  }
  const detail = await officer.call<SubcaseDetail>('GET', `/api/back-office/subcases/${sub.id}`);
  if (detail.allowedEvents.includes('accept')) await officer.call('POST', `/api/back-office/subcases/${sub.id}/accept`, {});
  const expected = detail.expectedResult ?? { type: 'none', name: null, fields: [], fieldLabels: {} };
  const fields = sampleResultFields(expected.fields.map((code) => ({ code, ...fieldSpec(code) })), { subcaseId: sub.id, matterCode: sub.matterCode, unitCode: sub.unitCode, data: detail.data, now: new Date() });
  const documentName = expected.name ?? sub.matterName;
  let documentUploadId: string | undefined;
  if (expected.type === 'certificate' || expected.type === 'approval') {
    const lines = expected.fields.map((f) => ({ label: expected.fieldLabels[f]?.zh ?? f, value: String(fields[f]) }));
    documentUploadId = await upload(officer, `${documentName}.pdf`, await pdf(documentName, [...lines, { label: '申请编号', value: detail.applicationNumber }]));
  }
  await officer.call('POST', `/api/back-office/subcases/${sub.id}/approve`, { fields, documentName, ...(documentUploadId ? { documentUploadId } : {}) });
  return true;
}

async function drive(theme: ThemeSummary, elements: Map<string, TDataElement>, adapters: Map<string, string>, seed: number): Promise<Outcome> {
  const out: Outcome = { code: theme.code, name: theme.name, applicant: '', completed: false, detail: '', subcases: 0 };
  let app: AppView;
  let who: Session;
  try {
    ({ who, app } = await apply(theme, elements, seed));
  } catch (err) {
    out.detail = `could not apply: ${String(err).slice(0, 400)}`;
    log(theme.code, `✗ ${out.detail}`);
    return out;
  }
  out.applicant = who.username;
  out.subcases = app.subcases.length;
  log(theme.code, `applied as ${who.username}: ${app.number}, ${app.subcases.length} sub-cases (${app.subcases.map((s) => `${s.matterCode}→${s.unitCode}[${adapters.get(s.unitCode) ?? 'back-office'}]`).join(', ')})`);
  const working = new Set<string>();
  let last = '';
  let unreachableSince: number | undefined;
  while (Date.now() < DEADLINE) {
    try {
      app = await who.call<AppView>('GET', `/api/applications/${app.id}`);
      unreachableSince = undefined;
    } catch (err) {
      // the server restarting or gone: keep trying for a while, then say so instead of crashing
      unreachableSince ??= Date.now();
      if (Date.now() - unreachableSince > 60_000) {
        out.detail = `${app.number}: Yijian did not answer for a minute (${String(err).slice(0, 200)})`;
        log(theme.code, `✗ ${out.detail}`);
        return out;
      }
      log(theme.code, `! cannot read the application: ${String(err).slice(0, 200)}; trying again`);
      await sleep(2000);
      continue;
    }
    const state = app.subcases.map((s) => s.status.code).join(',');
    if (state !== last) {
      const done = app.subcases.filter((s) => s.status.code === '10').length;
      log(theme.code, `${done}/${app.subcases.length} done · application ${app.status.code}`);
      last = state;
    }
    if (['10', '12', '13'].includes(app.status.code) && app.subcases.every((s) => ['10', '12', '13', '07'].includes(s.status.code))) break;
    // a matter with a fee is approved only once paid: the applicant pays at the counter (综合窗) with a receipt
    try {
      for (const fee of await who.call<Array<{ subcaseId: string; matterCode: string; amountFen: number; state: string }>>('GET', `/api/me/applications/${app.id}/payments`)) {
        if (fee.state !== 'unpaid') continue;
        await (await as('counter')).call('POST', `/api/counter/subcases/${fee.subcaseId}/payments`, { receiptNo: `SJ${String(Math.floor(rnd() * 1e10)).padStart(10, '0')}`, amountFen: fee.amountFen });
        log(theme.code, `${fee.matterCode}: ¥${(fee.amountFen / 100).toFixed(2)} paid at the counter`);
      }
    } catch (err) {
      log(theme.code, `! payment: ${String(err).slice(0, 300)}`); // tried again on the next round
    }
    for (const sub of app.subcases) {
      if (working.has(sub.id)) continue;
      const code = sub.status.code;
      if (code === '06') {
        working.add(sub.id);
        try {
          await who.call('POST', `/api/applications/${app.id}/subcases/${sub.id}/supplement`, { values: {}, note: '已按要求补正材料' });
          log(theme.code, `supplement answered for ${sub.matterCode}`);
        } catch (err) {
          log(theme.code, `! supplement of ${sub.matterCode}: ${String(err).slice(0, 300)}`);
        } finally {
          working.delete(sub.id);
        }
        continue;
      }
      if (!['02', '05', '08'].includes(code)) continue;
      const kind = adapters.get(sub.unitCode) ?? 'back-office';
      if (kind === 'push' || kind === 'pull') continue; // the simulated department system answers
      working.add(sub.id);
      try {
        if (!(await handleAsOfficer(sub, kind === 'manual'))) {
          out.detail = `no demo officer for ${sub.unitCode} (${sub.matterCode})`;
          log(theme.code, `✗ ${out.detail}`);
          return out;
        }
        log(theme.code, `${sub.matterCode} approved by the officer of ${sub.unitCode}${kind === 'manual' ? ' (二次录入)' : ''}`);
      } catch (err) {
        log(theme.code, `! ${sub.matterCode}: ${String(err).slice(0, 300)}`);
        await sleep(2000);
      } finally {
        working.delete(sub.id);
      }
    }
    await sleep(1000);
  }
  const approved = app.subcases.every((s) => s.status.code === '10' && s.result?.decision === 'approved');
  out.completed = app.status.code === '10' && approved;
  out.detail = out.completed ? `${app.number} completed` : `${app.number} ends ${app.status.code}: ${app.subcases.map((s) => `${s.matterCode} ${s.status.code}${s.result?.decision ? ` ${s.result.decision}` : ''}`).join(', ')}`;
  log(theme.code, `${out.completed ? '✓' : '✗'} ${out.detail}`);
  return out;
}

// ---------- all of them ----------

console.log(`Driving the demo city at ${BASE} (seed ${SEED}; rerun with --seed ${SEED} for the same answers)`);
const [themes, elements, adapters] = await Promise.all([
  fetch(`${BASE}/api/themes`).then((r) => r.json() as Promise<ThemeSummary[]>),
  as('catalog').then((s) => s.call<TDataElement[]>('GET', '/api/admin/catalog/elements')),
  as('admin').then((s) => s.call<{ items: Array<{ unitCode: string; kind: string }> }>('GET', '/api/admin/adapters')),
]);
const adapterOf = new Map(adapters.items.map((a) => [a.unitCode, a.kind]));
const elementOf = new Map(elements.map((e) => [e.code, e]));
const wanted = opts.themes ? new Set(opts.themes.split(',')) : undefined;
const todo = themes.filter((t) => !wanted || wanted.has(t.code));
console.log(`${todo.length} themes, ${CONCURRENCY} at a time; department systems: ${adapters.items.map((a) => `${a.unitCode} ${a.kind}`).join(', ')}`);

const outcomes: Outcome[] = [];
let next = 0;
await Promise.all(Array.from({ length: Math.min(CONCURRENCY, todo.length) }, async () => {
  while (next < todo.length) {
    const i = next++;
    outcomes[i] = await drive(todo[i]!, elementOf, adapterOf, SEED * 100 + i);
  }
}));

console.log('\nSummary');
for (const o of outcomes) console.log(`  ${o.completed ? '✓ completed    ' : '✗ NOT completed'} ${o.code.padEnd(34)} ${o.name} · ${o.applicant || '-'} · ${o.detail}`);
const completed = outcomes.filter((o) => o.completed).length;
console.log(`\n${completed} of ${outcomes.length} themes completed (${outcomes.reduce((n, o) => n + o.subcases, 0)} sub-cases)`);
process.exit(completed === outcomes.length ? 0 : 1);
