// Sign-in through the unified identity against the OIDC simulator (its own process) on both
// databases: the authorization-code flow with PKCE end to end; the first sign-in links 张三's
// account by his ID number, a person Yijian does not know gets a citizen account from the real-name
// claims; a state that is not this browser's, a token signed by another key, another nonce or
// audience, an expired token and a failing token endpoint are refused and audited.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestApp, sessionCookieOf, type TestApp } from '../../../tests/helpers/app.ts';
import { DB_KINDS, postgresAvailable } from '../../../tests/helpers/databases.ts';
import { startOidcSimulator, type RunningOidcSimulator } from '../../../sim/oidc/start-simulator.ts';
import { OIDC_DEMO_PASSWORD } from '../../../sim/oidc/store.ts';
import { demoPeople } from '../../../sim/registries/demo-seed.ts';
import { forgetOidcProviders } from './oidc-login.ts';

const PG = await postgresAvailable();
const PUBLIC_URL = 'http://yijian.test';
const CLIENT = { clientId: 'yijian-test', clientSecret: 'test-secret-0123456789' };
const people = demoPeople();

let idp: RunningOidcSimulator;
beforeAll(async () => {
  idp = await startOidcSimulator({ ...CLIENT, redirectUris: [`${PUBLIC_URL}/api/auth/oidc/callback`] });
});
afterAll(async () => {
  await idp?.stop();
});

for (const kind of DB_KINDS) describe.skipIf(kind === 'postgres' && !PG)(`unified identity sign-in on ${kind}`, () => {
  let t: TestApp;

  beforeAll(async () => {
    forgetOidcProviders();
    t = await createTestApp(kind, { catalog: 'org', env: { PUBLIC_URL, OIDC_ISSUER: idp.issuer, OIDC_CLIENT_ID: CLIENT.clientId, OIDC_CLIENT_SECRET: CLIENT.clientSecret } });
  });
  afterAll(async () => {
    await idp.inject({ mode: 'none' });
    await t?.close();
  });

  /** Start at Yijian, sign in at the provider's page (real HTTP), and come back with code and state. */
  async function throughProvider(username: string, returnTo = '/me'): Promise<{ callback: string; stateCookie: string }> {
    const start = await t.app.inject({ method: 'GET', url: `/api/auth/oidc/start?returnTo=${encodeURIComponent(returnTo)}` });
    expect(start.statusCode).toBe(302);
    const authorize = new URL(start.headers.location as string);
    expect(authorize.origin).toBe(idp.issuer);
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('nonce')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const stateCookie = start.cookies.find((c) => c.name === 'yj_oidc_state')!;
    expect(stateCookie).toMatchObject({ httpOnly: true, value: authorize.searchParams.get('state') });
    const page = await fetch(authorize);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('统一身份认证');
    const form = new URLSearchParams([...authorize.searchParams, ['username', username], ['password', OIDC_DEMO_PASSWORD]]);
    const back = await fetch(`${idp.issuer}/authorize`, { method: 'POST', body: form, redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(back.status).toBe(302);
    const callback = new URL(back.headers.get('location')!);
    expect(`${callback.origin}${callback.pathname}`).toBe(`${PUBLIC_URL}/api/auth/oidc/callback`);
    return { callback: `${callback.pathname}${callback.search}`, stateCookie: `yj_oidc_state=${stateCookie.value}` };
  }

  const callback = (url: string, cookie?: string) => t.app.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} });
  const failures = async () => (await sql<{ detail: { reason: string } }>`select detail from audit_log where action = 'auth.login_failed' order by id`.execute(t.database.db)).rows.map((r) => r.detail.reason);

  it('offers the unified identity when it is configured', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/auth/options' });
    expect(res.json()).toMatchObject({ unifiedIdentity: { name: { zh: '湖南省统一身份认证' }, startUrl: '/api/auth/oidc/start' }, registration: true });
  });

  it('links 张三\'s existing account by his ID number on the first sign-in, and finds it by the subject afterwards', async () => {
    const { callback: url, stateCookie } = await throughProvider('13807310001', '/me/applications');
    const res = await callback(url, stateCookie);
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe('/me/applications');
    const cookie = sessionCookieOf(res)!;
    const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
    expect(me.json()).toMatchObject({ user: { username: 'citizen', name: '张三', role: 'citizen' } });
    const linked = await t.database.db.selectFrom('users').select('external_subject').where('username', '=', 'citizen').executeTakeFirstOrThrow();
    expect(linked.external_subject).toMatch(new RegExp(`^${idp.issuer.replace(/[.:/]/g, '\\$&')}\\|`));
    const again = await throughProvider('13807310001');
    const second = await callback(again.callback, again.stateCookie);
    expect(second.headers.location).toBe('/me');
    const audit = await sql<{ action: string }>`select action from audit_log where action like 'user.external.%'`.execute(t.database.db);
    expect(audit.rows.map((r) => r.action)).toEqual(['user.external.link']);
  });

  it('creates a citizen account from the provider\'s real-name claims for someone Yijian does not know', async () => {
    const { callback: url, stateCookie } = await throughProvider('13807310011');
    const res = await callback(url, stateCookie);
    expect(res.statusCode).toBe(302);
    const profile = await t.app.inject({ method: 'GET', url: '/api/me/profile', headers: { cookie: sessionCookieOf(res)! } });
    expect(profile.json()).toMatchObject({ role: 'citizen', name: '刘婷', idNumber: people.liuTing.idNumber, phone: '13807310011' });
  });

  it('refuses a callback whose state is not this browser\'s, or used twice', async () => {
    const { callback: url, stateCookie } = await throughProvider('13807310001');
    const forged = await callback(url, 'yj_oidc_state=someone-elses-state');
    expect(forged.headers.location).toBe('/login?signin=OIDC_STATE');
    expect(sessionCookieOf(forged)).toBeUndefined();
    expect((await callback(url)).headers.location).toBe('/login?signin=OIDC_STATE');
    const ok = await callback(url, stateCookie);
    expect(ok.headers.location).toBe('/me');
    const replay = await callback(url, stateCookie);
    expect(replay.headers.location).toBe('/login?signin=OIDC_STATE');
    expect(sessionCookieOf(replay)).toBeUndefined();
    expect(await failures()).toEqual(expect.arrayContaining(['state_mismatch', 'state_unknown_or_expired']));
  });

  for (const [mode, detail] of [['bad-signature', 'signature'], ['wrong-nonce', 'nonce'], ['wrong-audience', 'audience'], ['expired', 'expired']] as const) {
    it(`refuses an ID token that fails the ${detail} check`, async () => {
      const { callback: url, stateCookie } = await throughProvider('13807310001');
      await idp.inject({ mode, count: 1 });
      const res = await callback(url, stateCookie);
      expect(res.headers.location).toBe('/login?signin=OIDC_TOKEN');
      expect(sessionCookieOf(res)).toBeUndefined();
      expect(await failures()).toContain(`invalid_token:${detail}`);
    });
  }

  it('says the provider is unavailable when its token endpoint fails', async () => {
    const { callback: url, stateCookie } = await throughProvider('13807310001');
    await idp.inject({ mode: 'token-error', count: 1 });
    const res = await callback(url, stateCookie);
    expect(res.headers.location).toBe('/login?signin=OIDC_UNAVAILABLE');
  });

  it('never redirects outside Yijian after sign-in', async () => {
    const { callback: url, stateCookie } = await throughProvider('13807310001', 'https://evil.example/x');
    expect((await callback(url, stateCookie)).headers.location).toBe('/me/applications');
    const slashes = await throughProvider('13807310001', '//evil.example');
    expect((await callback(slashes.callback, slashes.stateCookie)).headers.location).toBe('/me/applications');
  });
});

describe('without a unified identity provider', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('pglite', { catalog: 'none', seedDemo: false });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('offers only passwords and answers the start with a 404', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/options' })).json()).toMatchObject({ unifiedIdentity: null });
    const res = await t.app.inject({ method: 'GET', url: '/api/auth/oidc/start' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ error: { code: 'OIDC_NOT_CONFIGURED' } });
  });
});
