// The demo city's clock: a platform admin moves time forward (audited), the scheduler then finds the
// work that became due; nobody else may, and a server without the demo has no such route.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, type TestApp } from '../../tests/helpers/app.ts';
import { createScheduler } from '../worker.ts';

describe('demo clock', () => {
  let demo: TestApp;
  let plain: TestApp;
  beforeAll(async () => {
    [demo, plain] = await Promise.all([createTestApp('pglite', { catalog: 'org', demoClock: true }), createTestApp('pglite', { catalog: 'org' })]);
  });
  afterAll(async () => {
    await demo?.close();
    await plain?.close();
  });

  it('moves the server clock forward for a platform admin, audited, and the scheduler follows it', async () => {
    const admin = await signIn(demo.app, 'admin');
    const before = demo.ctx.now().getTime();
    const scheduler = createScheduler(demo.ctx);
    const first = await scheduler.run('identity.purge-expired-sessions');
    expect(first.count).toBeDefined();
    expect((await scheduler.run('identity.purge-expired-sessions')).count).toBeUndefined(); // not due again yet

    const res = await demo.app.inject({ method: 'POST', url: '/api/admin/demo-clock/advance', headers: admin.headers, payload: { minutes: 120 } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<{ offsetMinutes: number }>().offsetMinutes).toBe(120);
    expect(demo.ctx.now().getTime() - before).toBeGreaterThanOrEqual(120 * 60_000);
    expect((await scheduler.run('identity.purge-expired-sessions')).count).toBeDefined(); // due by the moved clock
    const audit = await demo.database.db.selectFrom('audit_log').select(['action', 'detail']).where('action', '=', 'platform.demo-clock.advance').execute();
    expect(audit).toHaveLength(1);
  });

  it('refuses other roles, bad input, and exists only with the demo', async () => {
    const citizen = await signIn(demo.app, 'citizen');
    expect((await demo.app.inject({ method: 'POST', url: '/api/admin/demo-clock/advance', headers: citizen.headers, payload: { minutes: 5 } })).statusCode).toBe(403);
    const admin = await signIn(demo.app, 'admin');
    const back = await demo.app.inject({ method: 'POST', url: '/api/admin/demo-clock/advance', headers: admin.headers, payload: { minutes: -5 } });
    expect(back.statusCode).toBe(400);
    const plainAdmin = await signIn(plain.app, 'admin');
    expect((await plain.app.inject({ method: 'GET', url: '/api/admin/demo-clock', headers: { cookie: plainAdmin.cookie } })).statusCode).toBe(404);
  });
});
