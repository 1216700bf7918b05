// OUTBOX_HANDLERS: a worker runs the dispatch handlers, the notification handlers, or both, and
// claims only the topics it handles, so dispatch-only workers with large claims can run next to
// workers that send the messages (PGlite: the outbox of one newborn application).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { loadConfig } from '../src/config.ts';
import { createOutboxDispatcher } from '../src/worker.ts';
import { createTestApp, signIn, type TestApp } from './helpers/app.ts';
import { materialsFor } from './helpers/materials.ts';
import { NEWBORN_ANSWERS as ANSWERS, NEWBORN_VALUES as VALUES } from './fixtures/newborn.ts';

describe('OUTBOX_HANDLERS', () => {
  it('takes dispatch, notify and/or payments, and refuses anything else at start', () => {
    expect(loadConfig({}, []).outboxHandlers).toEqual(['dispatch', 'notify', 'payments']);
    expect(loadConfig({ OUTBOX_HANDLERS: ' dispatch ' }, []).outboxHandlers).toEqual(['dispatch']);
    expect(loadConfig({ OUTBOX_HANDLERS: 'notify,notify' }, []).outboxHandlers).toEqual(['notify']);
    expect(() => loadConfig({ OUTBOX_HANDLERS: 'dispatch,email' }, [])).toThrow(/OUTBOX_HANDLERS must list some of dispatch, notify, payments, not email/);
    expect(() => loadConfig({ OUTBOX_HANDLERS: ',' }, [])).toThrow(/OUTBOX_HANDLERS/);
  });

  describe('a worker claims only what it handles', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp('pglite');
    });
    afterAll(async () => t?.close());

    it('dispatch-only leaves the messages, notify-only then sends them', async () => {
      const citizen = await signIn(t.app, 'citizen');
      const res = await t.app.inject({
        method: 'POST', url: '/api/applications', headers: citizen.headers,
        payload: { themeCode: 'newborn', answers: ANSWERS, values: VALUES, delivery: { way: 'online' }, idempotencyKey: 'outbox-handlers-0001', ...(await materialsFor(t.app, citizen, 'newborn', ANSWERS)) },
      });
      expect(res.statusCode, res.body).toBe(201);
      const open = async () => (await sql<{ topic: string }>`select topic from outbox where done_at is null order by topic`.execute(t.database.db)).rows.map((r) => r.topic);
      expect(await open()).toEqual(['application.submitted', 'subcase.released']);

      const dispatchOnly = createOutboxDispatcher({ ...t.ctx, config: { ...t.ctx.config, outboxHandlers: ['dispatch'] } });
      expect(dispatchOnly.subscribers).toEqual(['dispatch.deliver']);
      await dispatchOnly.drain();
      expect(await open()).toEqual(['application.submitted']);

      const notifyOnly = createOutboxDispatcher({ ...t.ctx, config: { ...t.ctx.config, outboxHandlers: ['notify'] } });
      expect(notifyOnly.subscribers).toEqual(['notify.applicant', 'notify.counter-sms', 'notify.identity-sms']);
      await notifyOnly.drain();
      expect(await open()).toEqual([]);
    });
  });
});
