import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DB_KINDS, postgresAvailable } from '../../../tests/helpers/databases.ts';
import { createTestApp, signIn, type SignedIn, type TestApp } from '../../../tests/helpers/app.ts';

const PG = await postgresAvailable();

const bilingual = { zh: expect.stringMatching(/[\u4e00-\u9fff]/), en: expect.stringMatching(/[A-Za-z]/) };

for (const kind of DB_KINDS) {
  describe.skipIf(kind === 'postgres' && !PG)(`staff administration (${kind})`, () => {
    let t: TestApp;
    let admin: SignedIn;
    beforeAll(async () => {
      t = await createTestApp(kind, { catalog: 'org' });
      admin = await signIn(t.app, 'admin');
    });
    afterAll(async () => t?.close());

    const get = (url: string, who: SignedIn = admin) => t.app.inject({ method: 'GET', url, headers: { cookie: who.cookie } });
    const post = (url: string, payload: unknown, who: SignedIn = admin) => t.app.inject({ method: 'POST', url, headers: who.headers, payload: payload as object });
    const audits = (action: string) => t.database.db.selectFrom('audit_log').selectAll().where('action', '=', action).execute();
    const userCount = async () => Number((await t.database.db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    /** Signs in with the initial password and changes it to `password`. */
    const firstSignIn = async (username: string, initial: string, password = 'Changed2026pw') => {
      const s = await signIn(t.app, username, initial);
      const res = await post('/api/auth/password', { currentPassword: initial, newPassword: password }, s);
      expect(res.statusCode).toBe(200);
      return s;
    };

    it('creates an account with a random initial password shown once, audited; the person must change it before anything else', async () => {
      const res = await post('/api/admin/staff', { username: 'Health-Li', name: '李医', phone: '138 0731 9001', roles: [{ role: 'officer', unitCode: 'city-health' }] });
      expect(res.statusCode).toBe(201);
      const created = res.json();
      expect(created).toMatchObject({ username: 'health-li', initialPassword: expect.stringMatching(/^[A-Za-z2-9]{12}$/) });
      const [row] = await audits('staff.account.create');
      expect(row).toMatchObject({ actor_id: admin.user.id, actor_role: 'platform_admin', target_type: 'user', target_id: String(created.id) });
      expect(JSON.stringify(row!.detail)).not.toContain(created.initialPassword);

      const login = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'health-li', password: created.initialPassword } });
      expect(login.json()).toMatchObject({ mustChangePassword: true, user: { role: 'officer', unitCode: 'city-health' }, unitRoles: [{ role: 'officer', unitCode: 'city-health' }] });
      const s = await signIn(t.app, 'health-li', created.initialPassword);
      const blocked = await get('/api/back-office/subcases', s);
      expect(blocked.statusCode).toBe(403);
      expect(blocked.json().error).toMatchObject({ code: 'PASSWORD_CHANGE_REQUIRED', message: bilingual });
      expect((await get('/api/auth/me', s)).json().mustChangePassword).toBe(true);

      const weak = await post('/api/auth/password', { currentPassword: created.initialPassword, newPassword: 'short' }, s);
      expect(weak.statusCode).toBe(422);
      expect(weak.json().error).toMatchObject({ code: 'PASSWORD_TOO_WEAK', message: bilingual });
      const wrong = await post('/api/auth/password', { currentPassword: 'not-it-123', newPassword: 'Longenough123' }, s);
      expect(wrong.json().error.code).toBe('CURRENT_PASSWORD_WRONG');
      expect((await post('/api/auth/password', { currentPassword: created.initialPassword, newPassword: 'Longenough123' }, s)).statusCode).toBe(200);
      expect((await get('/api/me/profile', s)).statusCode).toBe(200);
      expect((await get('/api/auth/me', s)).json().mustChangePassword).toBe(false);
      expect(await audits('auth.password.change')).toHaveLength(1);
    });

    it("lists a unit's staff with usernames, roles and masked phones", async () => {
      const res = await get('/api/admin/staff?unit=city-health');
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body.unit).toMatchObject({ code: 'city-health', name: '市卫生健康委' });
      const li = body.items.find((p: { username: string }) => p.username === 'health-li');
      expect(li).toMatchObject({ name: '李医', phone: '138****9001', disabled: false, unitRoles: [{ role: 'officer', unitCode: 'city-health' }] });
      expect(body.items.map((p: { username: string }) => p.username)).toContain('officer-health');
      expect(body.items.some((p: { username: string }) => p.username.startsWith('adapter.'))).toBe(false);
      expect((await get('/api/admin/staff?unit=no-such-unit')).statusCode).toBe(404);
    });

    it('refuses bad input with a bilingual 4xx and stores nothing', async () => {
      const before = await userCount();
      const cases: Array<[unknown, number, string]> = [
        [{ username: '1x', name: '甲', phone: '13807319002', roles: [{ role: 'officer', unitCode: 'city-health' }] }, 400, 'VALIDATION_FAILED'],
        [{ username: 'adapter.city-health', name: '甲', phone: '13807319002', roles: [{ role: 'officer', unitCode: 'city-health' }] }, 400, 'VALIDATION_FAILED'],
        [{ username: 'jia', name: '甲', phone: '12345', roles: [{ role: 'officer', unitCode: 'city-health' }] }, 400, 'VALIDATION_FAILED'],
        [{ username: 'jia', name: '甲', phone: '13807319002', roles: [] }, 400, 'VALIDATION_FAILED'],
        [{ username: 'jia', name: '甲', phone: '13807319002', roles: [{ role: 'mayor', unitCode: 'city-health' }] }, 400, 'VALIDATION_FAILED'],
        [{ username: 'jia', name: '甲', phone: '13807319002', roles: [{ role: 'officer', unitCode: 'no-such-unit' }] }, 422, 'UNIT_NOT_FOUND'],
        [{ username: 'jia', name: '甲', phone: '13807319002', roles: [{ role: 'officer', unitCode: null }] }, 422, 'ROLE_NEEDS_UNIT'],
        [{ username: 'jia', name: '甲', phone: '13807319002', roles: [{ role: 'officer', unitCode: 'city-health' }, { role: 'supervisor', unitCode: null }] }, 422, 'ROLE_NOT_PER_UNIT'],
        [{ username: 'jia', name: '甲', phone: '13807319002', roles: [{ role: 'officer', unitCode: 'city-health' }], password: 'abc' }, 422, 'PASSWORD_TOO_WEAK'],
        [{ username: 'officer-health', name: '甲', phone: '13807319002', roles: [{ role: 'officer', unitCode: 'city-health' }] }, 409, 'USERNAME_TAKEN'],
      ];
      for (const [payload, status, code] of cases) {
        const res = await post('/api/admin/staff', payload);
        expect(res.statusCode, JSON.stringify(payload)).toBe(status);
        expect(res.json().error).toMatchObject({ code, message: bilingual });
      }
      expect(await userCount()).toBe(before);
    });

    describe('a unit administrator', () => {
      let unitAdmin: SignedIn;
      let taxOfficerId: number;
      beforeAll(async () => {
        const res = await post('/api/admin/staff', { username: 'health-admin', name: '王管', phone: '13807319003', roles: [{ role: 'unit_admin', unitCode: 'city-health' }], password: 'Initial2026x' });
        expect(res.json().initialPassword).toBeNull();
        unitAdmin = await firstSignIn('health-admin', 'Initial2026x');
        taxOfficerId = (await t.database.db.selectFrom('users').select('id').where('username', '=', 'officer-tax').executeTakeFirstOrThrow()).id;
      });

      it('manages the staff of its own unit', async () => {
        expect((await get('/api/admin/staff?unit=city-health', unitAdmin)).statusCode).toBe(200);
        expect((await get('/api/admin/staff/units', unitAdmin)).json()).toEqual({ all: false, units: [{ code: 'city-health', name: '市卫生健康委', nameEn: expect.any(String) }] });
        const res = await post('/api/admin/staff', { username: 'health-zhao', name: '赵护', phone: '13807319004', roles: [{ role: 'officer', unitCode: 'city-health' }] }, unitAdmin);
        expect(res.statusCode).toBe(201);
        const [row] = (await audits('staff.account.create')).filter((a) => a.target_id === String(res.json().id));
        expect(row).toMatchObject({ actor_id: unitAdmin.user.id, actor_role: 'unit_admin' });
        expect((await post(`/api/admin/staff/${res.json().id}/password-reset`, {}, unitAdmin)).statusCode).toBe(200);
      });

      it('cannot touch another unit, and a 403 stores nothing', async () => {
        const before = await t.database.db.selectFrom('audit_log').select('id').execute();
        const forbidden = [
          await get('/api/admin/staff?unit=city-tax', unitAdmin),
          await get('/api/admin/staff?unit=no-such-unit', unitAdmin),
          await post('/api/admin/staff', { username: 'tax-new', name: '钱', phone: '13807319005', roles: [{ role: 'officer', unitCode: 'city-tax' }] }, unitAdmin),
          await post('/api/admin/staff', { username: 'sup-new', name: '钱', phone: '13807319005', roles: [{ role: 'supervisor', unitCode: null }] }, unitAdmin),
          await post(`/api/admin/staff/${taxOfficerId}/disable`, {}, unitAdmin),
          await post(`/api/admin/staff/${taxOfficerId}/password-reset`, {}, unitAdmin),
          await post(`/api/admin/staff/${taxOfficerId}/roles`, { role: 'officer', unitCode: 'city-tax' }, unitAdmin),
          await post(`/api/admin/staff/${taxOfficerId}/roles`, { role: 'officer', unitCode: 'city-health' }, unitAdmin), // a person of another unit, as a whole? no: granting in own unit is allowed below
        ];
        for (const res of forbidden.slice(0, 7)) {
          expect(res.statusCode).toBe(403);
          expect(res.json().error).toMatchObject({ code: 'STAFF_FORBIDDEN', message: bilingual });
        }
        // granting a role in one's own unit to someone of another unit is allowed (the last call above)
        expect(forbidden[7]!.statusCode).toBe(200);
        const after = await t.database.db.selectFrom('audit_log').select('id').execute();
        expect(after.length).toBe(before.length + 1);
        // now officer-tax also works for city-health: the unit admin still cannot disable the whole account
        expect((await post(`/api/admin/staff/${taxOfficerId}/disable`, {}, unitAdmin)).statusCode).toBe(403);
        expect((await post(`/api/admin/staff/${taxOfficerId}/roles/revoke`, { role: 'officer', unitCode: 'city-health' }, unitAdmin)).statusCode).toBe(200);
      });

      it('is not a power other staff have', async () => {
        const officer = await signIn(t.app, 'officer-police');
        expect((await get('/api/admin/staff?unit=furong-wenyilu-police', officer)).statusCode).toBe(403);
        expect((await post('/api/admin/staff/import/rows', { rows: [{ row: 2, username: 'x-y', name: 'x', phone: '13807310000', unitCode: 'furong-wenyilu-police', roles: 'officer' }] }, officer)).statusCode).toBe(403);
      });
    });

    it('assigns roles in several units; a session acts for one of them; revokes, but never the last role', async () => {
      const res = await post('/api/admin/staff', { username: 'multi', name: '多单位', phone: '13807319006', roles: [{ role: 'officer', unitCode: 'city-health' }], password: 'Initial2026x' });
      const id = res.json().id as number;
      expect((await post(`/api/admin/staff/${id}/roles`, { role: 'counter', unitCode: 'city-approval' })).statusCode).toBe(200);
      const again = await post(`/api/admin/staff/${id}/roles`, { role: 'counter', unitCode: 'city-approval' });
      expect(again.statusCode).toBe(409);
      expect(again.json().error).toMatchObject({ code: 'ROLE_ALREADY_HELD', message: bilingual });
      expect((await post(`/api/admin/staff/${id}/roles`, { role: 'officer', unitCode: 'nowhere' })).json().error.code).toBe('UNIT_NOT_FOUND');
      expect(await audits('staff.role.assign')).toEqual(expect.arrayContaining([expect.objectContaining({ target_id: String(id), detail: expect.objectContaining({ role: 'counter', unitCode: 'city-approval' }) })]));

      const s = await firstSignIn('multi', 'Initial2026x');
      const me = (await get('/api/auth/me', s)).json();
      expect(me.user).toMatchObject({ role: 'officer', unitCode: 'city-health' });
      expect(me.unitRoles).toEqual([{ role: 'officer', unitCode: 'city-health' }, { role: 'counter', unitCode: 'city-approval' }]);
      expect((await post('/api/auth/acting-unit', { role: 'counter', unitCode: 'city-approval' }, s)).statusCode).toBe(200);
      expect((await get('/api/auth/me', s)).json().user).toMatchObject({ role: 'counter', unitCode: 'city-approval' });
      expect((await post('/api/auth/acting-unit', { role: 'unit_admin', unitCode: 'city-approval' }, s)).statusCode).toBe(404);

      // revoking the role the session acts for: it falls back to the account's own at once
      expect((await post(`/api/admin/staff/${id}/roles/revoke`, { role: 'counter', unitCode: 'city-approval' })).statusCode).toBe(200);
      expect((await get('/api/auth/me', s)).json().user).toMatchObject({ role: 'officer', unitCode: 'city-health' });
      const last = await post(`/api/admin/staff/${id}/roles/revoke`, { role: 'officer', unitCode: 'city-health' });
      expect(last.statusCode).toBe(409);
      expect(last.json().error).toMatchObject({ code: 'LAST_ROLE', message: bilingual });
      expect((await post(`/api/admin/staff/${id}/roles/revoke`, { role: 'counter', unitCode: 'city-approval' })).json().error.code).toBe('ROLE_NOT_HELD');

      // revoking the own role moves the account to its next one
      await post(`/api/admin/staff/${id}/roles`, { role: 'officer', unitCode: 'city-tax' });
      expect((await post(`/api/admin/staff/${id}/roles/revoke`, { role: 'officer', unitCode: 'city-health' })).statusCode).toBe(200);
      expect((await get('/api/auth/me', s)).json()).toMatchObject({ user: { role: 'officer', unitCode: 'city-tax' }, unitRoles: [{ role: 'officer', unitCode: 'city-tax' }] });
      expect(await audits('staff.role.revoke')).toHaveLength(3);
    });

    it('disables an account: its sessions end and it cannot sign in; enabling lets it in again', async () => {
      const res = await post('/api/admin/staff', { username: 'leaver', name: '离职者', phone: '13807319007', roles: [{ role: 'officer', unitCode: 'city-hrss' }], password: 'Initial2026x' });
      const id = res.json().id as number;
      const s = await firstSignIn('leaver', 'Initial2026x');
      expect((await post(`/api/admin/staff/${id}/disable`, { reason: '调离' })).statusCode).toBe(200);
      expect((await get('/api/auth/me', s)).statusCode).toBe(401);
      const login = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'leaver', password: 'Changed2026pw' } });
      expect(login.statusCode).toBe(403);
      expect(login.json().error.code).toBe('ACCOUNT_DISABLED');
      expect((await post(`/api/admin/staff/${id}/disable`, {})).json().error).toMatchObject({ code: 'ALREADY_DISABLED', message: bilingual });
      expect(await audits('staff.account.disable')).toEqual([expect.objectContaining({ target_id: String(id), reason: '调离' })]);
      expect((await post(`/api/admin/staff/${id}/enable`, {})).statusCode).toBe(200);
      expect((await signIn(t.app, 'leaver', 'Changed2026pw')).user.username).toBe('leaver');
      expect((await post(`/api/admin/staff/${admin.user.id}/disable`, {})).json().error.code).toBe('CANNOT_CHANGE_OWN_ACCOUNT');
      const citizen = await t.database.db.selectFrom('users').select('id').where('username', '=', 'citizen').executeTakeFirstOrThrow();
      expect((await post(`/api/admin/staff/${citizen.id}/disable`, {})).json().error.code).toBe('NOT_STAFF');
      expect((await post('/api/admin/staff/999999/disable', {})).statusCode).toBe(404);
    });

    it('resets a password: the old one stops working and the new one must be changed again', async () => {
      const res = await post('/api/admin/staff', { username: 'forgetful', name: '健忘', phone: '13807319008', roles: [{ role: 'counter', unitCode: 'city-approval' }], password: 'Initial2026x' });
      const id = res.json().id as number;
      await firstSignIn('forgetful', 'Initial2026x');
      const reset = await post(`/api/admin/staff/${id}/password-reset`, {});
      expect(reset.statusCode).toBe(200);
      const { initialPassword } = reset.json();
      expect(initialPassword).toMatch(/^[A-Za-z2-9]{12}$/);
      expect((await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'forgetful', password: 'Changed2026pw' } })).statusCode).toBe(401);
      const s = await signIn(t.app, 'forgetful', initialPassword);
      expect((await get('/api/me/profile', s)).json().error.code).toBe('PASSWORD_CHANGE_REQUIRED');
      expect(await audits('staff.password.reset')).toEqual(expect.arrayContaining([expect.objectContaining({ target_id: String(id), actor_id: admin.user.id })]));
    });
  });
}
