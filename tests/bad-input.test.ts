// No input may produce a 5xx: every route of the OpenAPI document gets malformed params, queries and
// bodies, signed in as a platform admin (the widest access) and anonymously. Every answer is a 4xx
// (or a 2xx where the input happens to be acceptable) in the one error shape.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, type SignedIn, type TestApp } from './helpers/app.ts';

const NASTY_STRINGS = ['', ' ', '%00', '../../etc/passwd', "' or 1=1 --", '<script>alert(1)</script>', '长'.repeat(300), '9'.repeat(40), '-1', 'null', '\u0000', '😀'];
const NASTY_BODIES: unknown[] = [null, 0, 'x', [], {}, { answers: 'x' }, { code: 1 }, { a: { b: { c: [1, 2, { d: '长'.repeat(5000) }] } } }, Array(1000).fill({ x: 1 })];
const RAW_BODIES = ['{', '{"a":', 'not json', '\u0000\u0001', '{"__proto__":{"polluted":true}}'];

interface Operation { method: string; path: string }

describe('bad input never yields a 5xx', () => {
  let t: TestApp;
  let admin: SignedIn;
  let ops: Operation[] = [];
  beforeAll(async () => {
    t = await createTestApp('pglite');
    admin = await signIn(t.app, 'admin');
    const doc = (await t.app.inject({ url: '/openapi.json' })).json<{ paths: Record<string, Record<string, unknown>> }>();
    ops = Object.entries(doc.paths).flatMap(([p, methods]) => Object.keys(methods).map((m) => ({ method: m.toUpperCase(), path: p })));
  });
  afterAll(async () => t?.close());

  it('the OpenAPI 3.1 document lists the API', async () => {
    const doc = (await t.app.inject({ url: '/openapi.json' })).json<{ openapi: string; paths: Record<string, unknown> }>();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/health', '/api/themes', '/api/themes/{code}/notice']));
    expect((await t.app.inject({ url: '/docs/' })).statusCode).toBe(200);
    expect(ops.length).toBeGreaterThan(15);
  });

  it('every route answers malformed input with a 4xx in the one error shape', async () => {
    const failures: string[] = [];
    let count = 0;
    for (const op of ops) {
      for (const s of NASTY_STRINGS) {
        const url = op.path.replace(/\{[^}]+\}/g, encodeURIComponent(s) || 'x');
        const query = `?q=${encodeURIComponent(s)}&limit=${encodeURIComponent(s)}&cursor=${encodeURIComponent(s)}&from=${encodeURIComponent(s)}&reason=${encodeURIComponent(s)}`;
        for (const headers of [admin.headers, {}]) {
          const bodies: Array<{ payload?: string; type?: string }> =
            op.method === 'GET' ? [{}] : [...NASTY_BODIES.map((b) => ({ payload: JSON.stringify(b), type: 'application/json' })), ...RAW_BODIES.map((b) => ({ payload: b, type: 'application/json' })), { payload: 'a=1', type: 'application/x-www-form-urlencoded' }];
          for (const b of bodies) {
            const res = await t.app.inject({
              method: op.method as 'GET',
              url: url + query,
              headers: { ...headers, ...(b.type ? { 'content-type': b.type } : {}) },
              ...(b.payload !== undefined ? { payload: b.payload } : {}),
            });
            count++;
            if (res.statusCode >= 500) failures.push(`${op.method} ${url.slice(0, 80)} ${b.payload?.slice(0, 40) ?? ''} → ${res.statusCode} ${res.body.slice(0, 200)}`);
            else if (res.statusCode >= 400) {
              const body = res.json<{ error?: { code?: unknown; message?: { zh?: unknown; en?: unknown } } }>();
              if (typeof body.error?.code !== 'string' || typeof body.error.message?.zh !== 'string' || typeof body.error.message.en !== 'string')
                failures.push(`${op.method} ${url.slice(0, 80)} → ${res.statusCode} without the error shape: ${res.body.slice(0, 120)}`);
            }
          }
        }
      }
    }
    expect(failures.slice(0, 20)).toEqual([]);
    expect(count).toBeGreaterThan(500);
  }, 300_000);

  it('nothing was stored by the malformed writes', async () => {
    // the fuzzing also called logout with the admin's session: sign in again
    const audit = await t.app.inject({ url: '/api/admin/audit?action=catalog.matter.save', headers: (await signIn(t.app, 'admin')).headers });
    expect(audit.statusCode).toBe(200);
    expect(JSON.stringify(audit.json())).not.toContain('catalog.matter.save');
  });
});
