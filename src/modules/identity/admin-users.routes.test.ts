import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DB_KINDS, postgresAvailable } from '../../../tests/helpers/databases.ts';
import { createTestApp, signIn, type SignedIn, type TestApp } from '../../../tests/helpers/app.ts';
import { DEMO_ACCOUNTS } from './index.ts';

const PG = await postgresAvailable();

for (const kind of DB_KINDS) {
  describe.skipIf(kind === 'postgres' && !PG)(`account administration (${kind})`, () => {
    let t: TestApp;
    let admin: SignedIn;
    beforeAll(async () => {
      t = await createTestApp(kind, { catalog: 'org' });
      admin = await signIn(t.app, 'admin');
    });
    afterAll(async () => t?.close());

    const get = (url: string, who: SignedIn = admin) => t.app.inject({ method: 'GET', url, headers: { cookie: who.cookie }, remoteAddress: '10.9.0.1' });

    it('lists accounts without personal data, paginated', async () => {
      const res = await get('/api/admin/users?pageSize=5');
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body).toMatchObject({ total: DEMO_ACCOUNTS.length, page: 1, pageSize: 5 });
      expect(body.items).toHaveLength(5);
      expect(body.items[0]).not.toHaveProperty('idNumber');
      expect(body.items[0]).not.toHaveProperty('phone');
      const page3 = (await get('/api/admin/users?pageSize=5&page=3')).json();
      expect(page3.items).toHaveLength(5);
    });

    it('searches by name, username and role', async () => {
      expect((await get(`/api/admin/users?q=${encodeURIComponent('张')}`)).json().items.map((u: { username: string }) => u.username)).toEqual(['citizen']);
      expect((await get('/api/admin/users?q=officer')).json().total).toBe(DEMO_ACCOUNTS.filter((a) => a.username.includes('officer')).length);
      expect((await get('/api/admin/users?role=citizen')).json().items.map((u: { username: string }) => u.username).sort()).toEqual(['citizen', 'citizen2', 'elder']);
      expect((await get('/api/admin/users?q=officer&role=officer&pageSize=2')).json()).toMatchObject({ total: DEMO_ACCOUNTS.filter((a) => a.username.includes('officer') && a.role === 'officer').length });
      expect((await get('/api/admin/users?q=%25')).json().total).toBe(0); // wildcards are literal
      expect((await get('/api/admin/users?role=mayor')).statusCode).toBe(400);
    });

    it('shows one account with personal data only with a reason, and audits the read', async () => {
      const citizen = await t.database.db.selectFrom('users').select(['id', 'id_number']).where('username', '=', 'citizen').executeTakeFirstOrThrow();
      const noReason = await get(`/api/admin/users/${citizen.id}`);
      expect(noReason.statusCode).toBe(400);
      expect(noReason.json().error).toMatchObject({ code: 'REASON_REQUIRED', message: { zh: expect.any(String), en: expect.any(String) } });
      expect((await get(`/api/admin/users/${citizen.id}?reason=%20`)).json().error.code).toBe('REASON_REQUIRED');

      const reason = '核实 12345 工单 GD2023001 中的申请人身份';
      const res = await get(`/api/admin/users/${citizen.id}?reason=${encodeURIComponent(reason)}`);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ id: citizen.id, username: 'citizen', idNumber: citizen.id_number, disabled: false, externalSubject: null });

      const audit = await t.database.db.selectFrom('audit_log').selectAll().where('action', '=', 'user.profile.read').execute();
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({ actor_id: admin.user.id, actor_role: 'platform_admin', target_type: 'user', target_id: String(citizen.id), reason, ip: '10.9.0.1' });
    });

    it('answers 404 USER_NOT_FOUND for a missing account and writes no audit row', async () => {
      const before = await t.database.db.selectFrom('audit_log').select('id').where('action', '=', 'user.profile.read').execute();
      const res = await get('/api/admin/users/999999?reason=test');
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe('USER_NOT_FOUND');
      const after = await t.database.db.selectFrom('audit_log').select('id').where('action', '=', 'user.profile.read').execute();
      expect(after).toHaveLength(before.length);
    });

    it('is for platform administrators only', async () => {
      const officer = await signIn(t.app, 'officer-police');
      expect((await get('/api/admin/users', officer)).statusCode).toBe(403);
      expect((await get('/api/admin/users/1?reason=curious', officer)).statusCode).toBe(403);
    });
  });
}
