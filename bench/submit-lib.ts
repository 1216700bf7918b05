// Shared by the submit benches: a real package (newborn, guidance answered to switch on the most
// matters, generated valid values, uploads for the required materials), closed-loop HTTP clients, and
// the raw-SQL baseline — the statements one real submit sends, recorded at the driver, replayed with
// fresh keys either as a pgbench script (PostgreSQL) or directly on PGlite.
import http from 'node:http';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { loadConfig } from '../src/config.ts';
import type { AppContext } from '../src/platform/context.ts';
import type { Database } from '../src/platform/db.ts';
import { createLogger } from '../src/platform/logger.ts';
import { publishedCatalog } from '../src/modules/catalog/index.ts';
import { buildThemeForm } from '../src/modules/forms/index.ts';
import { resolveGuidance } from '../src/modules/guidance/index.ts';
import { submitApplication } from '../src/modules/cases/index.ts';
import type { TSubmitApplication } from '../src/modules/cases/index.ts';
import { percentiles } from './open-loop.ts';
import { valueGenerator } from '../tests/helpers/valid-values.ts';

export const THEME = process.env.BENCH_THEME ?? 'newborn';

export interface Signed {
  cookie: string;
  csrf: string;
  userId: number;
}

async function json<T>(port: number, method: string, url: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: T }> {
  const res = await fetch(`http://127.0.0.1:${port}${url}`, {
    method, headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers }, ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
}

export async function signInHttp(port: number, username: string, password = 'Yijian@2023'): Promise<Signed> {
  const res = await fetch(`http://127.0.0.1:${port}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  const b = (await res.json()) as { csrfToken: string; user: { id: number } };
  const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]!).find((c) => c.startsWith('yj_session='))!;
  return { cookie, csrf: b.csrfToken, userId: b.user.id };
}

/**
 * The package to submit: guidance answered through the notice API (multiple choice: every option;
 * single choice: the one switching on the most matters), values from the generator over the published
 * catalog's element definitions, and uploads for the required upload materials of the form API.
 */
export async function makeSubmitBody(port: number, who: Signed, database: Database, today: Date): Promise<Omit<TSubmitApplication, 'idempotencyKey'>> {
  const catalog = publishedCatalog(database);
  const [bundle, elements] = await Promise.all([catalog.theme(THEME), catalog.elements()]);
  let answers: Record<string, string[]> = {};
  for (let round = 0; round < 20; round++) {
    const n = await json<{ pending: string[]; answers: Record<string, string[]>; questions: Array<{ code: string; multiple: boolean; options: Array<{ code: string }> }> }>(port, 'POST', `/api/themes/${THEME}/notice`, { answers });
    if (n.body.pending.length === 0) {
      answers = n.body.answers;
      break;
    }
    answers = { ...n.body.answers };
    for (const q of n.body.questions.filter((x) => n.body.pending.includes(x.code))) {
      if (q.multiple) answers[q.code] = q.options.map((o) => o.code);
      else {
        const def = bundle.theme.questions.find((x) => x.code === q.code)!;
        answers[q.code] = [[...def.options].sort((a, b) => b.matters.length * 10 + b.followUps.length - (a.matters.length * 10 + a.followUps.length))[0]!.code];
      }
    }
  }
  const resolution = resolveGuidance(bundle.theme, answers);
  const form = buildThemeForm(bundle, resolution, elements);
  const values = valueGenerator({ seed: 7, today }).values(form.elements);
  const headers = { cookie: who.cookie, 'x-csrf-token': who.csrf };
  const view = await json<{ materials?: Array<{ code: string; required: boolean; provision: string; commitmentAllowed: boolean; deferrable: boolean }> }>(port, 'POST', `/api/themes/${THEME}/form`, { answers }, headers);
  const materials: NonNullable<TSubmitApplication['materials']> = [];
  let promise = false;
  if (view.status === 200)
    for (const m of view.body.materials ?? []) {
      if (!m.required || m.provision !== 'upload') continue;
      const up = await fetch(`http://127.0.0.1:${port}/api/uploads?name=${encodeURIComponent(`${m.code}.pdf`)}`, {
        method: 'POST', headers: { ...headers, 'content-type': 'application/pdf' }, body: Buffer.from(`%PDF-1.4\n% ${m.code}\n%%EOF\n`),
      });
      if (up.status === 201) materials.push({ code: m.code, provision: 'upload', uploadIds: [((await up.json()) as { id: string }).id] });
      else if (m.commitmentAllowed || m.deferrable) {
        materials.push({ code: m.code, provision: m.commitmentAllowed ? 'commitment' : 'deferred' });
        promise = true;
      }
    }
  return {
    themeCode: THEME, answers, values, delivery: { way: 'online' },
    ...(materials.length > 0 ? { materials } : {}),
    ...(promise ? { promise: { signedName: '张三', agreed: true as const } } : {}),
  } as Omit<TSubmitApplication, 'idempotencyKey'>;
}

// ---------- closed-loop HTTP submissions ----------

export interface SubmitLoad {
  clients: number;
  done: number;
  errors: number;
  seconds: number;
  perSecond: number;
  p50: number;
  p99: number;
  firstError?: string;
  /** each successful submit's latency, ms (to combine several windows) */
  latencies: number[];
}

/** Closed loop: `clients` keep one submit in flight each; requests go round the server processes' ports. */
export async function driveSubmits(portOrPorts: number | number[], who: Signed, body: object, clients: number, seconds: number, tag: string): Promise<SubmitLoad> {
  const ports = Array.isArray(portOrPorts) ? portOrPorts : [portOrPorts];
  const agent = new http.Agent({ keepAlive: true, maxSockets: clients });
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  let n = 0;
  const one = () =>
    new Promise<void>((resolve) => {
      const payload = JSON.stringify({ ...body, idempotencyKey: `bench-${tag}-${process.pid}-${n++}` });
      const t = performance.now();
      const req = http.request({
        host: '127.0.0.1', port: ports[n % ports.length]!, path: '/api/applications', method: 'POST', agent,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload), cookie: who.cookie, 'x-csrf-token': who.csrf },
      }, (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => {
          if (res.statusCode !== 201) {
            errors++;
            firstError ??= `${res.statusCode} ${text.slice(0, 400)}`;
          } else latencies.push(performance.now() - t);
          resolve();
        });
      });
      req.on('error', (e) => {
        errors++;
        firstError ??= String(e);
        resolve();
      });
      req.end(payload);
    });
  const t0 = performance.now();
  const deadline = t0 + seconds * 1000;
  await Promise.all(Array.from({ length: clients }, async () => {
    while (performance.now() < deadline) await one();
  }));
  const secs = (performance.now() - t0) / 1000;
  agent.destroy();
  const p = percentiles(latencies);
  return { clients, done: latencies.length, errors, seconds: secs, perSecond: latencies.length / secs, p50: p.p50, p99: p.p99, ...(firstError ? { firstError } : {}), latencies };
}

// ---------- recording the SQL of one submit ----------

export interface Recorded {
  text: string;
  params: unknown[];
  rows: Array<Record<string, unknown>>;
}

function benchCtx(database: Database, now: () => Date): AppContext {
  const config = loadConfig({ LOG_LEVEL: 'silent', SEED_DEMO: 'false', SECURE_COOKIES: 'false', SIMULATORS: 'off' }, []);
  return { config, database, log: createLogger('silent'), now } as AppContext;
}

async function actorOf(database: Database, username: string) {
  const u = await database.db.selectFrom('users').select(['id', 'username', 'role', 'display_name', 'unit_code', 'enterprise_credit_code']).where('username', '=', username).executeTakeFirstOrThrow();
  return { id: u.id, username: u.username, role: u.role as 'citizen', name: u.display_name, unitCode: u.unit_code, creditCode: u.enterprise_credit_code };
}

/**
 * Runs one submit in this process (a first one warms the catalog caches, as a running server has them)
 * and records every statement it sends, in order, with its parameters and rows: begin and commit too.
 */
export async function recordSubmit(database: Database, username: string, body: Omit<TSubmitApplication, 'idempotencyKey'>, now: () => Date): Promise<{ statements: Recorded[]; key: string; generated: string[] }> {
  const ctx = benchCtx(database, now);
  const actor = await actorOf(database, username);
  await submitApplication(ctx, actor, { ...body, idempotencyKey: `bench-record-warm-${process.pid}` } as TSubmitApplication);
  const statements: Recorded[] = [];
  const key = `bench-record-${process.pid}-${Date.now()}`;
  const restore: Array<() => void> = [];
  const wrap = <T extends object>(proto: T, name: keyof T, textOf: (args: unknown[]) => { text: string; params: unknown[] } | undefined, rowsOf: (r: unknown) => Array<Record<string, unknown>>) => {
    const orig = proto[name] as unknown as (...a: unknown[]) => unknown;
    (proto as Record<string, unknown>)[name as string] = function (this: unknown, ...args: unknown[]) {
      const q = textOf(args);
      const out = orig.apply(this, args);
      if (q && out && typeof (out as Promise<unknown>).then === 'function') {
        const entry: Recorded = { ...q, rows: [] };
        statements.push(entry);
        return (out as Promise<unknown>).then((r) => {
          entry.rows = rowsOf(r);
          return r;
        });
      }
      return out;
    };
    restore.push(() => ((proto as Record<string, unknown>)[name as string] = orig));
  };
  if (database.kind === 'postgres') {
    wrap(pg.Client.prototype, 'query', (a) => (typeof a[0] === 'string' ? { text: a[0], params: (a[1] as unknown[]) ?? [] } : undefined), (r) => ((r as { rows?: [] }).rows ?? []));
  } else {
    wrap(PGlite.prototype, 'query', (a) => ({ text: a[0] as string, params: (a[1] as unknown[]) ?? [] }), (r) => ((r as { rows?: [] }).rows ?? []));
    wrap(PGlite.prototype, 'exec', (a) => ({ text: a[0] as string, params: [] }), (r) => ((r as Array<{ rows: [] }>).at(-1)?.rows ?? []));
  }
  let applicationId: string;
  try {
    applicationId = (await submitApplication(ctx, actor, { ...body, idempotencyKey: key } as TSubmitApplication)).application.id;
  } finally {
    restore.forEach((f) => f());
  }
  // the ids the submit made itself (randomUUID): a replay needs fresh ones per transaction
  const subs = await database.db.selectFrom('subcases').select('id').where('application_id', '=', applicationId).execute();
  return { statements, key, generated: [applicationId, ...subs.map((r) => r.id)] };
}

// ---------- replaying it with fresh keys ----------

type Part = { lit: string } | { var: string };
type Param = { kind: 'value'; value: unknown } | { kind: 'text'; parts: Part[] } | { kind: 'array'; items: Part[][] };
export interface Step {
  text: string;
  params: Param[];
  /** variables this step's single row provides (pgbench \gset prefix) */
  gset?: string;
}

/** A fresh UUID per transaction from five random variables (decimal digits are hex digits too): 8-4-4-4-12, version 4, variant 8. */
const UUID_DIGITS: Array<[string, number, number]> = [['a', 1e7, 1e8 - 1], ['b', 1e3, 1e4 - 1], ['c', 100, 999], ['d', 100, 999], ['e', 1e11, 1e12 - 1]];
const uuidParts = (name: string): Part[] => [
  { var: `${name}a` }, { lit: '-' }, { var: `${name}b` }, { lit: '-4' }, { var: `${name}c` }, { lit: '-8' }, { var: `${name}d` }, { lit: '-' }, { var: `${name}e` },
];

/**
 * Generalises the recorded statements: values an earlier statement returned (ids, the number's
 * sequence value) become variables; the idempotency key and the application number become unique
 * per transaction (client id + a random number; the sequence value); the ids the submit made itself
 * (`generated`) become fresh UUIDs per transaction.
 */
export function planReplay(recorded: Recorded[], key: string, generated: string[] = []): Step[] {
  const known: Array<{ value: string; varName: string }> = [];
  let seqVar: { value: string; varName: string } | undefined;
  const used = new Set<number>();
  const toParts = (s: string): Part[] => {
    let parts: Part[] = [{ lit: s }];
    const subst = (needle: string, repl: Part[]) => {
      parts = parts.flatMap((p) => {
        if (!('lit' in p) || !p.lit.includes(needle)) return [p];
        const pieces = p.lit.split(needle);
        return pieces.flatMap((piece, i) => (i === 0 ? [{ lit: piece }] : [...repl, { lit: piece }]));
      });
    };
    subst(key, [{ lit: 'bench-' }, { var: 'client_id' }, { lit: '-' }, { var: 'rk' }]);
    for (const [i, id] of generated.entries()) subst(id, uuidParts(`u${i}`));
    if (seqVar) {
      const m = /YJ\d{8}0*(\d+)/.exec(s);
      if (m && m[1] === seqVar.value) {
        subst(m[0], [{ lit: 'YJB' }, { var: seqVar.varName }, { lit: '-' }, { var: 'client_id' }]);
        used.add(Number(seqVar.varName.slice(1, seqVar.varName.indexOf('_'))));
      }
    }
    for (const k of known)
      if (s.includes(k.value)) {
        subst(k.value, [{ var: k.varName }]);
        used.add(Number(k.varName.slice(1, k.varName.indexOf('_'))));
      }
    return parts.filter((p) => !('lit' in p) || p.lit !== '');
  };
  const steps: Step[] = recorded.map((r, i) => {
    const params: Param[] = r.params.map((v) => {
      if (typeof v === 'string') return { kind: 'text', parts: toParts(v) };
      if (v instanceof Date) return { kind: 'text', parts: [{ lit: v.toISOString() }] };
      if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return { kind: 'array', items: (v as string[]).map(toParts) };
      if (v !== null && typeof v === 'object') return { kind: 'text', parts: toParts(JSON.stringify(v)) };
      return { kind: 'value', value: v };
    });
    const step: Step = { text: r.text.replace(/\s+/g, ' ').trim(), params };
    if (r.rows.length === 1) {
      for (const [col, val] of Object.entries(r.rows[0]!)) {
        if (/nextval/i.test(r.text) && (typeof val === 'number' || typeof val === 'string')) seqVar = { value: String(val), varName: `r${i}_${col}` };
        else if (typeof val === 'string' && /^[0-9a-f]{8}-[0-9a-f]{4}-/.test(val)) known.push({ value: val, varName: `r${i}_${col}` });
      }
    }
    return step;
  });
  for (const i of used) steps[i]!.gset = `r${i}_`;
  return steps;
}

/** the random variables behind the fresh UUIDs the steps use (u<n><digit group>), with their ranges; found once per plan */
const uuidVariablesOf = new WeakMap<Step[], Array<[string, number, number]>>();
function uuidVariables(steps: Step[]): Array<[string, number, number]> {
  const known = uuidVariablesOf.get(steps);
  if (known) return known;
  const names = new Set<string>();
  for (const s of steps)
    for (const p of s.params) for (const parts of p.kind === 'text' ? [p.parts] : p.kind === 'array' ? p.items : []) for (const x of parts) if ('var' in x && /^u\d+[a-e]$/.test(x.var)) names.add(x.var);
  const range = new Map(UUID_DIGITS.map(([d, lo, hi]) => [d, [lo, hi] as const]));
  const found = [...names].map((v): [string, number, number] => [v, ...range.get(v.at(-1)!)!]);
  uuidVariablesOf.set(steps, found);
  return found;
}

const sqlString = (s: string) => `'${s.replace(/'/g, "''")}'`;
const partsToPgbench = (parts: Part[]) => parts.map((p) => ('lit' in p ? p.lit.replace(/'/g, "''") : `:${p.var}`)).join('');

/** The pgbench script: `$n` replaced by literals (pgbench substitutes :variables inside them too). */
export function pgbenchScript(steps: Step[]): string {
  const lines = ['\\set rk random(1, 9000000000000000)', ...uuidVariables(steps).map(([v, lo, hi]) => `\\set ${v} random(${lo}, ${hi})`)];
  for (const s of steps) {
    let text = s.text.replace(/\$(\d+)/g, (_m, n: string) => {
      const p = s.params[Number(n) - 1]!;
      if (p.kind === 'text') return `'${partsToPgbench(p.parts)}'`;
      if (p.kind === 'array') return `'{${p.items.map((it) => `"${partsToPgbench(it).replace(/"/g, '\\"')}"`).join(',')}}'`;
      const v = p.value;
      return v === null || v === undefined ? 'NULL' : typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint' ? String(v) : sqlString(String(v));
    });
    if (/^(begin|commit|rollback)\b/i.test(text)) text = text.toUpperCase();
    lines.push(s.gset ? `${text} \\gset ${s.gset}` : `${text};`);
  }
  return `${lines.join('\n')}\n`;
}

/** Runs the steps once on PGlite with fresh variables (JS does what pgbench's substitution does). */
export async function replayOnPglite(lite: PGlite, steps: Step[], clientId: number): Promise<void> {
  const vars = new Map<string, string>([['client_id', String(clientId)], ['rk', String(Math.floor(Math.random() * 9e15))]]);
  for (const [v, lo, hi] of uuidVariables(steps)) vars.set(v, String(lo + Math.floor(Math.random() * (hi - lo + 1))));
  const render = (parts: Part[]) => parts.map((p) => ('lit' in p ? p.lit : vars.get(p.var) ?? `:${p.var}`)).join('');
  for (const s of steps) {
    const params = s.params.map((p) => (p.kind === 'text' ? render(p.parts) : p.kind === 'array' ? p.items.map(render) : p.value));
    const rows = params.length === 0 ? ((await lite.exec(s.text)).at(-1)?.rows ?? []) : (await lite.query(s.text, params)).rows;
    if (s.gset) {
      const row = rows[0] as Record<string, unknown> | undefined;
      if (!row) throw new Error(`replay: ${s.text.slice(0, 80)} returned no row`);
      for (const [c, v] of Object.entries(row)) vars.set(`${s.gset}${c}`, String(v));
    }
  }
}

export interface PgbenchResult {
  clients: number;
  tps: number;
  p50: number;
  p99: number;
  failed: number;
  done: number;
}

/** pgbench at `clients` connections for `seconds`, per-transaction log for the percentiles. */
export function runPgbench(url: string, scriptFile: string, clients: number, seconds: number, logDir: string): PgbenchResult {
  const prefix = path.join(logDir, `pgb${clients}`);
  const r = spawnSync('pgbench', ['-n', '-c', String(clients), '-j', String(Math.min(clients, 2)), '-T', String(seconds), '-f', scriptFile, '-l', `--log-prefix=${prefix}`, url], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`pgbench failed (${r.status}): ${r.stderr}\n${r.stdout}`);
  const tps = Number(/tps = ([\d.]+)/.exec(r.stdout)?.[1] ?? 0);
  const failed = Number(/number of failed transactions: (\d+)/.exec(r.stdout)?.[1] ?? 0);
  const lat: number[] = [];
  for (const f of readdirSync(logDir).filter((x) => x.startsWith(`pgb${clients}.`)))
    for (const line of readFileSync(path.join(logDir, f), 'utf8').split('\n')) {
      const cols = line.split(' ');
      if (cols.length >= 3 && cols[2] !== 'failed' && cols[2] !== 'skipped') lat.push(Number(cols[2]) / 1000);
    }
  const p = percentiles(lat);
  return { clients, tps, p50: p.p50, p99: p.p99, failed, done: lat.length };
}

export function writeScript(file: string, text: string): void {
  writeFileSync(file, text);
}
