import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DB_KINDS, postgresAvailable } from '../../tests/helpers/databases.ts';
import { createTestApp, sessionCookieOf, signIn, type TestApp } from '../../tests/helpers/app.ts';
import { SESSION_TTL_MS } from '../platform/sessions.ts';

const PG = await postgresAvailable();

for (const kind of DB_KINDS) {
  describe.skipIf(kind === 'postgres' && !PG)(`session auth and CSRF (${kind})`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp(kind, { catalog: 'org' });
    });
    afterAll(async () => {
      t.setNow(undefined);
      await t?.close();
    });

    it('sets an HttpOnly, SameSite=Lax, path=/ cookie holding a token that is not stored as such', async () => {
      const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'citizen', password: 'Yijian@2023' } });
      expect(res.statusCode).toBe(200);
      const cookie = res.cookies.find((c) => c.name === 'yj_session');
      expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
      expect(cookie?.secure).toBeFalsy(); // SECURE_COOKIES=false in this app
      const stored = await t.database.db.selectFrom('sessions').select('id').execute();
      expect(stored.map((s) => s.id)).not.toContain(cookie?.value);
      expect(stored.every((s) => /^[0-9a-f]{64}$/.test(s.id))).toBe(true);
    });

    it('answers 401 UNAUTHENTICATED without a session and 403 FORBIDDEN for the wrong role', async () => {
      const anon = await t.app.inject({ method: 'GET', url: '/api/admin/users' });
      expect(anon.statusCode).toBe(401);
      expect(anon.json().error).toMatchObject({ code: 'UNAUTHENTICATED', message: { zh: expect.any(String), en: expect.any(String) } });
      const citizen = await signIn(t.app, 'citizen');
      const wrong = await t.app.inject({ method: 'GET', url: '/api/admin/users', headers: { cookie: citizen.cookie } });
      expect(wrong.statusCode).toBe(403);
      expect(wrong.json().error.code).toBe('FORBIDDEN');
      const admin = await signIn(t.app, 'admin');
      expect((await t.app.inject({ method: 'GET', url: '/api/admin/users', headers: { cookie: admin.cookie } })).statusCode).toBe(200);
    });

    it('refuses writes made with a session cookie but without the matching CSRF header', async () => {
      const s = await signIn(t.app, 'citizen2');
      const none = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: s.cookie } });
      expect(none.statusCode).toBe(403);
      expect(none.json().error).toMatchObject({ code: 'CSRF_FAILED', message: { zh: expect.stringContaining('CSRF'), en: expect.stringContaining('CSRF') } });
      const wrong = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: s.cookie, 'x-csrf-token': 'x'.repeat(43) } });
      expect(wrong.statusCode).toBe(403);
      // the session survived both attempts
      expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: s.cookie } })).statusCode).toBe(200);
      const ok = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: s.headers });
      expect(ok.statusCode).toBe(200);
    });

    it('does not ask for a CSRF token on reads, or on writes without a session', async () => {
      const s = await signIn(t.app, 'elder');
      expect((await t.app.inject({ method: 'GET', url: '/api/me/profile', headers: { cookie: s.cookie } })).statusCode).toBe(200);
      const anonLogout = await t.app.inject({ method: 'POST', url: '/api/auth/logout' });
      expect(anonLogout.statusCode).toBe(200);
    });

    it('lets a signed-in browser sign in again without the old token', async () => {
      const s = await signIn(t.app, 'citizen');
      const again = await t.app.inject({ method: 'POST', url: '/api/auth/login', headers: { cookie: s.cookie }, payload: { username: 'citizen2', password: 'Yijian@2023' } });
      expect(again.statusCode).toBe(200);
      expect(again.json().user.username).toBe('citizen2');
      // the replaced session is gone, not left to linger until it expires
      expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: s.cookie } })).statusCode).toBe(401);
    });

    it('refuses a cross-site form post to login (the body must be JSON)', async () => {
      const res = await t.app.inject({
        method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'username=citizen&password=Yijian%402023',
      });
      expect(res.statusCode).toBe(415);
      expect(sessionCookieOf(res)).toBeUndefined();
    });

    it('rejects an expired session and clears the dead cookie', async () => {
      const s = await signIn(t.app, 'officer-health');
      t.setNow(new Date(Date.now() + SESSION_TTL_MS + 60_000));
      try {
        const res = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: s.cookie } });
        expect(res.statusCode).toBe(401);
        expect(res.json().error.code).toBe('UNAUTHENTICATED');
        const cleared = res.cookies.find((c) => c.name === 'yj_session');
        expect(cleared?.value).toBe('');
      } finally {
        t.setNow(undefined);
      }
    });

    it('rejects an unknown token like no session at all', async () => {
      const res = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: 'yj_session=forged' } });
      expect(res.statusCode).toBe(401);
    });

    it('signs out a disabled account at its next request', async () => {
      const s = await signIn(t.app, 'officer-tax');
      await t.database.db.updateTable('users').set({ disabled: true }).where('username', '=', 'officer-tax').execute();
      try {
        expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: s.cookie } })).statusCode).toBe(401);
        const login = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'officer-tax', password: 'Yijian@2023' } });
        expect(login.statusCode).toBe(403);
        expect(login.json().error.code).toBe('ACCOUNT_DISABLED');
      } finally {
        await t.database.db.updateTable('users').set({ disabled: false }).where('username', '=', 'officer-tax').execute();
      }
    });
  });
}

describe('secure cookies and the API document', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('pglite', { catalog: 'org', env: { SECURE_COOKIES: 'auto', TRUSTED_PROXIES: '127.0.0.1' } });
  });
  afterAll(async () => t?.close());

  it('"auto" marks the cookie Secure when the request came over https (via the proxy)', async () => {
    const payload = { username: 'citizen', password: 'Yijian@2023' };
    const https = await t.app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'x-forwarded-proto': 'https' }, payload });
    expect(https.cookies.find((c) => c.name === 'yj_session')?.secure).toBe(true);
    const http = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload });
    expect(http.cookies.find((c) => c.name === 'yj_session')?.secure).toBeFalsy();
  });

  it('documents the identity, audit and org routes in OpenAPI, with tags and summaries', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json<{ paths: Record<string, Record<string, { tags?: string[]; summary?: string }>> }>();
    const expected: Array<[string, string]> = [
      ['/api/auth/login', 'post'], ['/api/auth/logout', 'post'], ['/api/auth/me', 'get'], ['/api/me/profile', 'get'],
      ['/api/admin/users', 'get'], ['/api/admin/users/{id}', 'get'], ['/api/admin/audit', 'get'],
      ['/api/divisions', 'get'], ['/api/units', 'get'], ['/api/units/{code}', 'get'],
    ];
    for (const [p, method] of expected) {
      const op = doc.paths[p]?.[method];
      expect(op, `${method} ${p}`).toBeDefined();
      expect(op?.tags?.length, `${method} ${p}`).toBeGreaterThan(0);
      expect(op?.summary, `${method} ${p}`).toBeTruthy();
    }
  });
});
