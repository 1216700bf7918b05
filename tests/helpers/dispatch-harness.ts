// Shared by the dispatch proofs (tests/dispatch-*.test.ts, bench/e2e.bench.ts): a theme application
// made valid once from the catalog and sent many times with fresh idempotency keys, sign-in over
// app.inject or real HTTP, adapters and department simulators for the units an application reaches.
import type { FastifyInstance } from 'fastify';
import { publishedCatalog } from '../../src/modules/catalog/index.ts';
import { buildThemeForm, validateForm } from '../../src/modules/forms/index.ts';
import { resolveGuidance } from '../../src/modules/guidance/index.ts';
import type { Database } from '../../src/platform/db.ts';
import { valueGenerator } from './valid-values.ts';
import { withOwnChild } from '../fixtures/newborn.ts';
import { DEMO_PASSWORD } from '../../src/modules/identity/index.ts';

export interface Answer { status: number; body: unknown; headers: Record<string, string | string[] | undefined> }
/** One HTTP request to Yijian; rejects only when no answer came (connection refused or reset). */
export type Requester = (method: 'GET' | 'POST' | 'PUT', url: string, body?: unknown, headers?: Record<string, string>) => Promise<Answer>;

export function injectRequester(app: FastifyInstance): Requester {
  return async (method, url, body, headers = {}) => {
    const res = await app.inject({ method, url, headers, ...(body !== undefined ? { payload: body as object } : {}) });
    return { status: res.statusCode, body: res.body ? safeJson(res.body) : undefined, headers: res.headers as Answer["headers"] };
  };
}

export function httpRequester(baseUrl: string | (() => string), timeoutMs = 30_000): Requester {
  return async (method, url, body, headers = {}) => {
    const base = typeof baseUrl === 'string' ? baseUrl : baseUrl();
    const res = await fetch(`${base}${url}`, {
      method, signal: AbortSignal.timeout(timeoutMs),
      headers: { ...(body !== undefined && !Buffer.isBuffer(body) ? { 'content-type': 'application/json' } : {}), ...headers },
      ...(body !== undefined ? { body: Buffer.isBuffer(body) ? new Uint8Array(body) : JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    const h: Record<string, string | string[]> = {};
    res.headers.forEach((v, k) => (h[k] = v));
    const cookies = res.headers.getSetCookie();
    if (cookies.length > 0) h['set-cookie'] = cookies;
    return { status: res.status, body: text ? safeJson(text) : undefined, headers: h };
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export interface Session { cookie: string; headers: { cookie: string; 'x-csrf-token': string } }

export async function signInAs(req: Requester, username: string, password = DEMO_PASSWORD): Promise<Session> {
  const res = await req('POST', '/api/auth/login', { username, password });
  if (res.status !== 200) throw new Error(`sign-in of ${username}: ${res.status} ${JSON.stringify(res.body)}`);
  const set = res.headers['set-cookie'];
  const cookieLine = (Array.isArray(set) ? set : [set ?? '']).find((c) => c.startsWith('yj_session='));
  if (!cookieLine) throw new Error(`sign-in of ${username}: no session cookie`);
  const cookie = cookieLine.split(';')[0]!;
  const csrf = (res.body as { csrfToken: string }).csrfToken;
  return { cookie, headers: { cookie, 'x-csrf-token': csrf } };
}

interface Notice { pending: string[]; questions: Array<{ code: string; options: Array<{ code: string }> }>; answers: Record<string, string[]> }
interface FormView { materials?: Array<{ code: string; required: boolean; provision: string; commitmentAllowed: boolean; deferrable: boolean }> }

export interface ApplicationTemplate {
  themeCode: string;
  /** the body of POST /api/applications without materials and idempotency key */
  body: Record<string, unknown>;
  /** materials that need a fresh upload per application */
  uploads: string[];
  /** materials promised (告知承诺) or deferred (容缺) */
  promised: Array<{ code: string; provision: 'commitment' | 'deferred' }>;
  matters: string[];
}

/** Which option to answer a question with (by default the first). */
export type ChooseOption = (question: { code: string; options: Array<{ code: string }> }) => string;

/** A valid application of a theme (first option of every question, or `choose`'s), from the published catalog. */
export async function applicationTemplate(req: Requester, database: Database, who: Session, themeCode: string, seed: number, today = new Date(), choose: ChooseOption = (q) => q.options[0]!.code): Promise<ApplicationTemplate> {
  let answers: Record<string, string[]> = {};
  for (let round = 0; ; round++) {
    if (round > 20) throw new Error(`${themeCode}: guidance did not finish`);
    const notice = (await req('POST', `/api/themes/${themeCode}/notice`, { answers })).body as Notice;
    if (notice.pending.length === 0) {
      answers = notice.answers;
      break;
    }
    answers = { ...notice.answers };
    for (const q of notice.questions.filter((x) => notice.pending.includes(x.code))) answers[q.code] = [choose(q)];
  }
  const catalog = publishedCatalog(database);
  const [bundle, elements] = await Promise.all([catalog.theme(themeCode), catalog.elements()]);
  const resolution = resolveGuidance(bundle.theme, answers);
  const form = buildThemeForm(bundle, resolution, elements);
  // the applicant is who signed in: the identity elements are the account's
  const profile = (await req('GET', '/api/me/profile', undefined, who.headers)).body as { name: string; idNumber: string | null; creditCode: string | null; enterpriseName: string | null };
  const values = valueGenerator({
    seed, today, ...(profile.idNumber ? { applicant: { name: profile.name, idNumber: profile.idNumber } } : {}),
    ...(profile.creditCode ? { enterprise: { name: profile.enterpriseName ?? '', creditCode: profile.creditCode } } : {}),
  }).values(form.elements);
  const checked = validateForm(form, values, today);
  if (!checked.ok) throw new Error(`${themeCode}: generated values are not valid: ${JSON.stringify(checked.problems).slice(0, 1000)}`);
  const view = (await req('POST', `/api/themes/${themeCode}/form`, { answers }, who.headers)).body as FormView;
  const uploads: string[] = [];
  const promised: ApplicationTemplate['promised'] = [];
  for (const m of view.materials ?? []) {
    if (!m.required || m.provision !== 'upload') continue;
    if (m.commitmentAllowed) promised.push({ code: m.code, provision: 'commitment' });
    else if (m.deferrable) promised.push({ code: m.code, provision: 'deferred' });
    else uploads.push(m.code);
  }
  return { themeCode, body: { themeCode, answers, values, delivery: { way: 'online' } }, uploads, promised, matters: resolution.matters.map((m) => (typeof m === 'string' ? m : (m as { code: string }).code)) };
}

const uploaded = new WeakMap<ApplicationTemplate, Promise<Array<Record<string, unknown>>>>();

/**
 * The full submit body: the template's uploads (made once and reused, as an applicant may hand in the
 * same file again — uploads are limited per person and day), the promise where materials are promised.
 */
export async function applicationBody(req: Requester, who: Session, t: ApplicationTemplate, idempotencyKey: string): Promise<Record<string, unknown>> {
  let files = uploaded.get(t);
  if (!files) {
    files = (async () => {
      const out: Array<Record<string, unknown>> = [];
      for (const code of t.uploads) {
        const up = await req('POST', `/api/uploads?name=${encodeURIComponent(`${code}.pdf`)}`, Buffer.from(`%PDF-1.4\n% ${code}\n%%EOF\n`), { ...who.headers, 'content-type': 'application/pdf' });
        if (up.status !== 201) throw new Error(`upload ${code}: ${up.status} ${JSON.stringify(up.body)}`);
        out.push({ code, provision: 'upload', uploadIds: [(up.body as { id: string }).id] });
      }
      return out;
    })();
    uploaded.set(t, files);
    files.catch(() => uploaded.delete(t));
  }
  const materials = [...t.promised.map((p) => ({ code: p.code, provision: p.provision })), ...(await files)];
  // a child of its own per application: the same child is applied for once
  return { ...t.body, values: withOwnChild(t.body.values as Record<string, unknown>, idempotencyKey), idempotencyKey, ...(materials.length > 0 ? { materials } : {}), ...(t.promised.length > 0 ? { promise: { signedName: '张三', agreed: true } } : {}) };
}

export async function until<T>(what: string, f: () => Promise<T | undefined | false> | T | undefined | false, ms = 30_000, everyMs = 100): Promise<T> {
  const t0 = Date.now();
  for (;;) {
    const v = await f();
    if (v !== undefined && v !== false) return v;
    if (Date.now() - t0 > ms) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
