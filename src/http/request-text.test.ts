// Text PostgreSQL cannot store is refused at the door with a 4xx on every route (it used to be a 500
// from the query), and the client address comes from forwarding headers only behind a trusted proxy.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../tests/helpers/app.ts';
import { DB_KINDS, postgresAvailable } from '../../tests/helpers/databases.ts';

const PG = await postgresAvailable();

for (const kind of DB_KINDS) describe.skipIf(kind === 'postgres' && !PG)(`text a database cannot store, on ${kind}`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind, { catalog: 'org' });
  });
  afterAll(async () => t?.close());

  const login = (body: string) =>
    t.app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'application/json' }, payload: body });

  it('a lone surrogate (written as a JSON escape) is a 400 INVALID_UNICODE in both languages, also before sign-in', async () => {
    for (const body of ['{"username":"\\ud800","password":"x"}', '{"username":"citizen","password":"a\\udfffb"}', '{"\\udc00":"x","username":"a","password":"b"}']) {
      const res = await login(body);
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ error: { code: 'INVALID_UNICODE', message: { zh: expect.stringMatching(/字符/), en: expect.stringMatching(/Unicode/) } } });
    }
  });

  it('a NUL character is a 400 NUL_CHARACTER, also deep inside a body', async () => {
    const res = await login('{"username":"citizen","password":"x","extra":[{"a":["\\u0000"]}]}');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('NUL_CHARACTER');
  });

  it('a character outside the basic plane (a surrogate pair) is ordinary text: the login simply fails', async () => {
    const res = await login('{"username":"\\ud83d\\ude00","password":"wrong-password"}');
    expect(res.statusCode).toBe(401);
    const rows = await t.database.db.selectFrom('audit_log').select(['detail']).where('action', '=', 'auth.login_failed').execute();
    expect(JSON.stringify(rows)).toContain('😀');
  });
});

describe('the client address', () => {
  let direct: TestApp;
  let proxied: TestApp;
  beforeAll(async () => {
    direct = await createTestApp('pglite', { catalog: 'org' });
    proxied = await createTestApp('pglite', { catalog: 'org', env: { TRUSTED_PROXIES: '127.0.0.1, 10.0.0.0/8' } });
  });
  afterAll(async () => Promise.all([direct?.close(), proxied?.close()]));

  async function failedLoginIp(t: TestApp): Promise<string | null> {
    await t.app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'x-forwarded-for': '203.0.113.9' }, payload: { username: 'citizen', password: 'wrong-password' } });
    const row = await t.database.db.selectFrom('audit_log').select('ip').where('action', '=', 'auth.login_failed').orderBy('id', 'desc').executeTakeFirstOrThrow();
    return row.ip;
  }

  it('without a trusted proxy a forged X-Forwarded-For changes nothing: the connection address is recorded', async () => {
    expect(await failedLoginIp(direct)).toBe('127.0.0.1');
  });

  it('behind a configured proxy the forwarded address is the client', async () => {
    expect(await failedLoginIp(proxied)).toBe('203.0.113.9');
  });
});

describe('security headers', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('pglite', { catalog: 'org', env: { TRUSTED_PROXIES: '127.0.0.1' } });
  });
  afterAll(async () => t?.close());

  it('every answer forbids framing and sniffing and allows only our own scripts; API answers are not stored', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/auth/me' });
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['strict-transport-security']).toBeUndefined();
  });

  it('over https (as the trusted proxy says) browsers are told to keep to https', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { 'x-forwarded-proto': 'https' } });
    expect(res.headers['strict-transport-security']).toMatch(/^max-age=\d{7,}/);
  });
});
