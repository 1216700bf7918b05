import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DB_KINDS, postgresAvailable } from '../../../tests/helpers/databases.ts';
import { createTestApp, sessionCookieOf, signIn, type TestApp } from '../../../tests/helpers/app.ts';
import { isMobilePhone, isValidCreditCode, isValidResidentId } from '../../platform/identifiers.ts';
import { ROLES } from '../../platform/actor.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDemoAccounts } from './index.ts';

const PG = await postgresAvailable();

for (const kind of DB_KINDS) {
  describe.skipIf(kind === 'postgres' && !PG)(`sign-in and profile (${kind})`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp(kind, { catalog: 'org' });
    });
    afterAll(async () => t?.close());

    const auditRows = (action: string) =>
      t.database.db.selectFrom('audit_log').selectAll().where('action', '=', action).orderBy('id').execute();

    it('signs in, tells who is signed in, and signs out', async () => {
      const login = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'enterprise', password: DEMO_PASSWORD }, remoteAddress: '10.1.0.1' });
      expect(login.statusCode).toBe(200);
      const body = login.json();
      expect(body.user).toMatchObject({ username: 'enterprise', role: 'enterprise', name: '赵六', creditCode: '91430102MA4L1W3A7F', enterpriseName: '长沙示例餐饮有限公司', unitCode: null });
      expect(body.user).not.toHaveProperty('idNumber'); // no personal data in the session view
      expect(body.csrfToken).toMatch(/^[\w-]{43}$/);
      const cookie = sessionCookieOf(login)!;

      const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
      expect(me.statusCode).toBe(200);
      expect(me.json()).toEqual(body);

      const out = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie, 'x-csrf-token': body.csrfToken }, remoteAddress: '10.1.0.1' });
      expect(out.statusCode).toBe(200);
      expect(out.cookies.find((c) => c.name === 'yj_session')?.value).toBe('');
      expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } })).statusCode).toBe(401);

      const userId = String(body.user.id);
      expect((await auditRows('auth.login')).filter((r) => r.target_id === userId).at(-1)).toMatchObject({ actor_id: body.user.id, actor_role: 'enterprise', ip: '10.1.0.1' });
      expect((await auditRows('auth.logout')).filter((r) => r.target_id === userId)).toHaveLength(1);
    });

    it('accepts the username in any case', async () => {
      const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: ' Citizen ', password: DEMO_PASSWORD } });
      expect(res.statusCode).toBe(200);
    });

    it('answers unknown user and wrong password with the same 401 LOGIN_FAILED, and audits both', async () => {
      const unknown = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'nobody', password: 'x' }, remoteAddress: '10.2.0.1' });
      const wrong = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'citizen', password: 'wrong' }, remoteAddress: '10.2.0.1' });
      expect(unknown.statusCode).toBe(401);
      expect(wrong.statusCode).toBe(401);
      expect(unknown.json()).toEqual(wrong.json());
      expect(unknown.json().error).toMatchObject({ code: 'LOGIN_FAILED', message: { zh: '用户名或密码错误', en: 'Wrong username or password' } });
      expect(sessionCookieOf(wrong)).toBeUndefined();
      const failed = (await auditRows('auth.login_failed')).filter((r) => r.ip === '10.2.0.1');
      expect(failed.map((r) => r.detail)).toEqual([
        expect.objectContaining({ username: 'nobody', reason: 'unknown_user' }),
        expect.objectContaining({ username: 'citizen', reason: 'bad_credentials' }),
      ]);
      expect(failed[0]).toMatchObject({ actor_id: null, target_id: null });
    });

    it('validates the body', async () => {
      const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: '' } });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION_FAILED');
    });

    it('rate-limits failures per IP and username: 10 in 15 minutes, then 429 even with the right password', async () => {
      const attempt = (password: string, ip = '10.3.0.1', username = 'citizen2') =>
        t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress: ip });
      for (let i = 0; i < 10; i++) expect((await attempt('guess' + i)).statusCode).toBe(401);
      const blocked = await attempt(DEMO_PASSWORD);
      expect(blocked.statusCode).toBe(429);
      expect(blocked.json().error).toMatchObject({ code: 'LOGIN_RATE_LIMITED', message: { zh: expect.stringContaining('15 分钟'), en: expect.stringContaining('15 minutes') } });
      expect((await attempt(DEMO_PASSWORD, '10.3.0.2')).statusCode).toBe(200); // another IP
      expect((await attempt(DEMO_PASSWORD, '10.3.0.1', 'elder')).statusCode).toBe(200); // another username
      t.setNow(new Date(Date.now() + 15 * 60_000 + 1000));
      try {
        expect((await attempt(DEMO_PASSWORD)).statusCode).toBe(200);
      } finally {
        t.setNow(undefined);
      }
    });

    it('counts parallel guesses too: a burst cannot slip past the limit', async () => {
      const burst = await Promise.all(
        Array.from({ length: 15 }, (_, i) =>
          t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'counter', password: `burst${i}` }, remoteAddress: '10.4.0.1' }),
        ),
      );
      const codes = burst.map((r) => r.statusCode).sort();
      expect(codes.filter((c) => c === 401)).toHaveLength(10);
      expect(codes.filter((c) => c === 429)).toHaveLength(5);
    });

    it('shows the signed-in person their own real-name profile', async () => {
      const s = await signIn(t.app, 'citizen');
      const res = await t.app.inject({ method: 'GET', url: '/api/me/profile', headers: { cookie: s.cookie } });
      expect(res.statusCode).toBe(200);
      const p = res.json();
      expect(p).toMatchObject({ username: 'citizen', name: '张三', role: 'citizen', divisionCode: '430102001' });
      expect(isValidResidentId(p.idNumber)).toBe(true);
      expect(p.idNumber.slice(0, 6)).toBe('430102');
      expect(isMobilePhone(p.phone)).toBe(true);
      expect(p.address).toContain('芙蓉区');
      expect((await t.app.inject({ method: 'GET', url: '/api/me/profile' })).statusCode).toBe(401);
    });

    it('seeds one demo account per role, with valid identifiers, idempotently', async () => {
      expect(new Set(DEMO_ACCOUNTS.map((a) => a.role))).toEqual(new Set(ROLES));
      expect(await seedDemoAccounts(t.database.db)).toEqual({ created: [] });
      const users = await t.database.db.selectFrom('users').selectAll().execute();
      expect(users.map((u) => u.username).sort()).toEqual(DEMO_ACCOUNTS.map((a) => a.username).sort());
      for (const u of users) {
        if (u.id_number) expect(isValidResidentId(u.id_number), u.username).toBe(true);
        if (u.phone) expect(isMobilePhone(u.phone), u.username).toBe(true);
        if (u.enterprise_credit_code) expect(isValidCreditCode(u.enterprise_credit_code)).toBe(true);
        if (u.role === 'officer' || u.role === 'counter') expect(u.unit_code, u.username).toBeTruthy();
      }
      const byName = new Map(users.map((u) => [u.username, u]));
      expect(byName.get('elder')?.id_number?.slice(6, 10)).toBe('1945');
      expect(byName.get('citizen2')?.division_code?.startsWith('430104')).toBe(true);
      expect(byName.get('officer-medins')?.unit_code).toBe('furong-medical-insurance');
      expect((await t.database.db.selectFrom('audit_log').select('id').where('action', '=', 'user.create').execute()).length).toBe(DEMO_ACCOUNTS.length);
    });
  });
}
