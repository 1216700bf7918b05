import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DB_KINDS, postgresAvailable } from '../../../tests/helpers/databases.ts';
import { createTestApp, signIn, type SignedIn, type TestApp } from '../../../tests/helpers/app.ts';
import { recordAudit } from './index.ts';

const PG = await postgresAvailable();

interface Page {
  items: Array<{ id: number; at: string; action: string; targetId: string | null; actorId: number | null; detail: Record<string, unknown> }>;
  nextCursor: string | null;
}

for (const kind of DB_KINDS) {
  describe.skipIf(kind === 'postgres' && !PG)(`audit trail (${kind})`, () => {
    let t: TestApp;
    let admin: SignedIn;
    beforeAll(async () => {
      t = await createTestApp(kind, { catalog: 'org' });
      admin = await signIn(t.app, 'admin');
    });
    afterAll(async () => t?.close());

    const query = async (qs: string, who: SignedIn = admin) => {
      const res = await t.app.inject({ method: 'GET', url: `/api/admin/audit${qs}`, headers: { cookie: who.cookie } });
      return res;
    };

    it('refuses a malformed entry', async () => {
      await expect(recordAudit(t.database.db, { actorId: null, actorRole: null, action: 'Did Something', targetType: 'x' })).rejects.toThrow();
      await expect(recordAudit(t.database.db, { actorId: null, actorRole: null, action: 'x.y', targetType: '' })).rejects.toThrow();
    });

    it('commits and rolls back with the transaction of the change', async () => {
      await expect(
        t.database.db.transaction().execute(async (tx) => {
          await recordAudit(tx, { actorId: null, actorRole: 'system', action: 'test.rolled_back', targetType: 'test' });
          throw new Error('the change failed');
        }),
      ).rejects.toThrow('the change failed');
      const rows = await t.database.db.selectFrom('audit_log').select('id').where('action', '=', 'test.rolled_back').execute();
      expect(rows).toHaveLength(0);
    });

    it('is append-only: updates and deletes are refused by the database', async () => {
      await recordAudit(t.database.db, { actorId: null, actorRole: 'system', action: 'test.kept', targetType: 'test', targetId: 7 });
      await expect(sql`update audit_log set reason = 'tampered' where action = 'test.kept'`.execute(t.database.db)).rejects.toThrow(/append-only/);
      await expect(sql`delete from audit_log where action = 'test.kept'`.execute(t.database.db)).rejects.toThrow(/append-only/);
      const row = await t.database.db.selectFrom('audit_log').selectAll().where('action', '=', 'test.kept').executeTakeFirstOrThrow();
      expect(row).toMatchObject({ reason: null, target_id: '7', detail: {} });
    });

    it('pages newest first with a stable keyset cursor, even for rows written in the same instant', async () => {
      // one transaction: now() is the same for every row, so only the id orders them
      await t.database.db.transaction().execute(async (tx) => {
        for (let i = 1; i <= 7; i++) await recordAudit(tx, { actorId: null, actorRole: 'system', action: 'test.page', targetType: 'test', targetId: i, detail: { i } });
      });
      const seen: number[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const res = await query(`?action=test.page&limit=3${cursor ? `&cursor=${cursor}` : ''}`);
        expect(res.statusCode).toBe(200);
        const page = res.json<Page>();
        seen.push(...page.items.map((r) => Number(r.detail.i)));
        cursor = page.nextCursor;
        pages++;
      } while (cursor);
      expect(seen).toEqual([7, 6, 5, 4, 3, 2, 1]);
      expect(pages).toBe(3);
    });

    it('filters by action prefix, actor, target and time range', async () => {
      await signIn(t.app, 'citizen');
      await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'citizen', password: 'nope' } });

      const auth = (await query('?action=auth.*&limit=200')).json<Page>();
      expect(new Set(auth.items.map((r) => r.action))).toEqual(new Set(['auth.login', 'auth.login_failed']));
      const failed = (await query('?action=auth.login_failed')).json<Page>();
      expect(failed.items).toHaveLength(1);

      const citizenId = (await t.database.db.selectFrom('users').select('id').where('username', '=', 'citizen').executeTakeFirstOrThrow()).id;
      const byActor = (await query(`?actorId=${citizenId}`)).json<Page>();
      expect(byActor.items.map((r) => r.action)).toEqual(['auth.login']);
      const byTarget = (await query(`?targetType=user&targetId=${citizenId}`)).json<Page>();
      expect(byTarget.items.map((r) => r.action).sort()).toEqual(['auth.login', 'auth.login_failed', 'user.create']);

      const future = new Date(Date.now() + 3_600_000).toISOString();
      expect((await query(`?from=${encodeURIComponent(future)}`)).json<Page>().items).toHaveLength(0);
      expect((await query(`?to=${encodeURIComponent(future)}&action=test.page`)).json<Page>().items).toHaveLength(7);
      const first = (await query('?action=test.page&limit=1')).json<Page>().items[0]!;
      expect(Date.parse(first.at)).toBeLessThanOrEqual(Date.now());
    });

    it('answers 400 INVALID_CURSOR for a forged cursor and 403 for anyone but a platform administrator', async () => {
      const forged = ['not-a-cursor', ['1', 5], ['2025-02-30 10:00:00+08', 5], ['0000-01-01 00:00:00+00', 5], ['2025-06-10 10:00:00+08', 1e300], ['2025-06-10 10:00:00+08', -1], ['2025-06-10 10:00:00+08', 5, 6], { at: 'x' }]
        .map((c) => (typeof c === 'string' ? c : Buffer.from(JSON.stringify(c)).toString('base64url')));
      for (const cursor of forged) {
        const bad = await query(`?cursor=${cursor}`);
        expect(bad.statusCode, cursor).toBe(400);
        expect(bad.json().error.code).toBe('INVALID_CURSOR');
      }
      expect((await query('?from=yesterday')).statusCode).toBe(400);
      const supervisor = await signIn(t.app, 'supervisor');
      expect((await query('', supervisor)).statusCode).toBe(403);
      expect((await t.app.inject({ method: 'GET', url: '/api/admin/audit' })).statusCode).toBe(401);
    });
  });
}
