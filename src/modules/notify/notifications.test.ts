// Notifications end to end on both databases: a newborn application driven through the officer API,
// the outbox dispatcher, a real SMTP server receiving the mail and the SMS simulator as a child
// process receiving the SMS; a failed SMS is retried without a second in-app message or mail.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { SMTPServer } from 'smtp-server';
import { createTestApp, signIn, type SignedIn, type TestApp } from '../../../tests/helpers/app.ts';
import { materialsFor } from '../../../tests/helpers/materials.ts';
import { DB_KINDS, postgresAvailable } from '../../../tests/helpers/databases.ts';
import { startSmsSimulator, type RunningSmsSimulator } from '../../../sim/sms/start-simulator.ts';
import { makeResidentId } from '../../platform/identifiers.ts';
import { OutboxDispatcher } from '../../platform/outbox.ts';
import { notifySubscribers } from './notify.subscribers.ts';
import { remindDeferredMaterials } from '../materials/index.ts';
import { NEWBORN_ANSWERS as ANSWERS, NEWBORN_VALUES, withOwnChild } from '../../../tests/fixtures/newborn.ts';

const T0 = new Date('2025-06-10T02:00:00Z');
const later = (hours: number) => new Date(T0.getTime() + hours * 3_600_000);
const PHONE = '13807310001';
const EMAIL = 'zhangsan@example.cn';

interface Mail {
  to: string[];
  raw: string;
}

/** The text of a simple (single-part) mail: headers off, transfer encoding undone. */
function mailText(raw: string): string {
  const [head = '', ...rest] = raw.split(/\r?\n\r?\n/);
  const body = rest.join('\n\n');
  if (/content-transfer-encoding:\s*base64/i.test(head)) return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (/content-transfer-encoding:\s*quoted-printable/i.test(head)) {
    const bytes = body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_, h: string) => `%${h}`);
    return decodeURIComponent(bytes.replace(/%(?![0-9A-F]{2})/gi, '%25'));
  }
  return body;
}

function startSmtp(): Promise<{ port: number; mails: Mail[]; close(): Promise<void> }> {
  const mails: Mail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        mails.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8') });
        callback();
      });
    },
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const port = (server.server.address() as { port: number }).port;
      resolve({ port, mails, close: () => new Promise<void>((r) => server.close(() => r())) });
    });
  });
}

interface NotificationView { id: string; kind: string; title: { zh: string; en: string }; body: { zh: string; en: string }; link: string | null; readAt: string | null }

const PG = await postgresAvailable();

for (const kind of DB_KINDS) describe.skipIf(kind === 'postgres' && !PG)(`notifications on ${kind}`, () => {
  let t: TestApp;
  let sms: RunningSmsSimulator;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let dispatcher: OutboxDispatcher;
  let citizen: SignedIn, citizen2: SignedIn, health: SignedIn, police: SignedIn;
  // the dispatcher's own clock, so that retries can be made due
  let clock = later(24 * 30);

  beforeAll(async () => {
    [sms, smtp] = await Promise.all([startSmsSimulator(), startSmtp()]);
    t = await createTestApp(kind, { env: { SMTP_URL: `smtp://127.0.0.1:${smtp.port}`, SMS_URL: sms.url } });
    t.setNow(T0);
    dispatcher = new OutboxDispatcher(t.database, { now: () => clock, baseBackoffMs: 1000, random: () => 1 });
    dispatcher.subscribe(...notifySubscribers(t.ctx));
    await signInAll();
  }, 240_000); // generous: setting up waits for events (app, servers), a busy machine only makes it slower
  async function signInAll() {
    [citizen, citizen2, health, police] = await Promise.all([signIn(t.app, 'citizen'), signIn(t.app, 'citizen2'), signIn(t.app, 'officer-health'), signIn(t.app, 'officer-police')]);
  }
  afterAll(async () => {
    await t?.close();
    await sms?.stop();
    await smtp?.close();
  });

  const post = (who: SignedIn, url: string, payload: unknown = {}) => t.app.inject({ method: 'POST', url, headers: who.headers, payload: payload as object });
  const put = (who: SignedIn, url: string, payload: unknown) => t.app.inject({ method: 'PUT', url, headers: who.headers, payload: payload as object });
  const get = (who: SignedIn, url: string) => t.app.inject({ method: 'GET', url, headers: { cookie: who.cookie } });
  const inbox = async (who: SignedIn, query = '') => (await get(who, `/api/me/notifications${query}`)).json<{ items: NotificationView[]; unread: number }>();
  const outboxRow = async (topic: string) =>
    (await sql<{ attempts: number; done_at: Date | null; last_error: string | null }>`select attempts, done_at, last_error from outbox where topic = ${topic}`.execute(t.database.db)).rows;

  it('keeps notification settings, defaulting to the profile and refusing bad input', async () => {
    const def = await get(citizen, '/api/me/notification-settings');
    expect(def.statusCode).toBe(200);
    expect(def.json()).toEqual({ email: EMAIL, phone: PHONE, channels: { email: true, sms: true } });
    expect((await get(citizen2, '/api/me/notification-settings')).json()).toMatchObject({ email: null, channels: { email: false, sms: true } });

    const badPhone = await put(citizen, '/api/me/notification-settings', { email: EMAIL, phone: '1234', channels: { email: true, sms: true } });
    expect(badPhone.statusCode).toBe(400);
    const noPhone = await put(citizen, '/api/me/notification-settings', { email: EMAIL, phone: null, channels: { email: true, sms: true } });
    expect(noPhone.statusCode).toBe(422);
    expect(noPhone.json<{ error: { code: string } }>().error.code).toBe('PHONE_REQUIRED');
    expect((await put(citizen, '/api/me/notification-settings', { email: 'not-an-address', phone: PHONE, channels: { email: true, sms: true } })).statusCode).toBe(400);
    expect((await put(citizen, '/api/me/notification-settings', { email: EMAIL, phone: PHONE, channels: { email: true } })).statusCode).toBe(400);
    const noCsrf = await t.app.inject({ method: 'PUT', url: '/api/me/notification-settings', headers: { cookie: citizen.cookie }, payload: { email: null, phone: null, channels: { email: false, sms: false } } });
    expect(noCsrf.statusCode).toBe(403);
    expect((await get(citizen, '/api/me/notification-settings')).json()).toEqual({ email: EMAIL, phone: PHONE, channels: { email: true, sms: true } });
    expect((await t.app.inject({ method: 'GET', url: '/api/me/notifications' })).statusCode).toBe(401);

    const saved = await put(citizen, '/api/me/notification-settings', { email: EMAIL, phone: PHONE, channels: { email: true, sms: true } });
    expect(saved.statusCode, saved.body).toBe(200);
  });

  it('tells the applicant once per event: a supplement request, then one completion listing every result', async () => {
    const submitted = await post(citizen, '/api/applications', {
      themeCode: 'newborn', answers: ANSWERS, values: withOwnChild(NEWBORN_VALUES, 'notify-key-0001'), delivery: { way: 'express', address: '湖南省长沙市岳麓区示例小区 1 栋 101 室' }, idempotencyKey: 'notify-key-0001', ...(await materialsFor(t.app, citizen, 'newborn', ANSWERS)),
    });
    expect(submitted.statusCode, submitted.body).toBe(201);
    const app = submitted.json<{ id: string; number: string }>();
    const view = (await get(citizen, `/api/applications/${app.id}`)).json<{ subcases: Array<{ id: string; matterCode: string }> }>();
    const bmc = view.subcases.find((s) => s.matterCode === 'birth-medical-certificate')!.id;
    const hr = view.subcases.find((s) => s.matterCode === 'household-registration')!.id;
    expect(view.subcases).toHaveLength(2);

    // the receipt: one message that the application was received, with its number
    await dispatcher.drain();
    const receipt = (await inbox(citizen)).items;
    expect(receipt.map((n) => n.kind)).toEqual(['application.submitted']);
    expect(receipt[0]!.body.zh).toContain(app.number);
    expect(smtp.mails).toHaveLength(1);

    expect((await post(health, `/api/back-office/subcases/${bmc}/accept`)).statusCode).toBe(200);
    t.setNow(later(1));
    const approved = await post(health, `/api/back-office/subcases/${bmc}/approve`, { fields: { certificateNo: 'T430123456', childName: '张小禾' } });
    expect(approved.statusCode, approved.body).toBe(200);
    t.setNow(later(2));
    expect((await post(police, `/api/back-office/subcases/${hr}/accept`)).statusCode).toBe(200);
    const asked = await post(police, `/api/back-office/subcases/${hr}/request-supplement`, { note: '请补充户主联系电话' });
    expect(asked.statusCode, asked.body).toBe(200);

    // the supplement request reaches the inbox, the mail and the SMS
    await dispatcher.drain();
    let mine = await inbox(citizen);
    const supplement = mine.items.filter((n) => n.kind === 'subcase.supplement-requested');
    expect(supplement).toHaveLength(1);
    expect(supplement[0]!.body.zh).toContain('请补充户主联系电话');
    expect(supplement[0]!.link).toBe(`/me/applications/${app.id}`);
    expect(smtp.mails).toHaveLength(2);
    expect(mailText(smtp.mails[1]!.raw)).toContain('请补充户主联系电话');
    expect((await sms.messages(PHONE)).map((m) => m.text).join('\n')).toContain('请补充户主联系电话');

    t.setNow(later(3));
    const answered = await post(citizen, `/api/applications/${app.id}/subcases/${hr}/supplement`, { note: '已补充', values: { 'applicant.phone': '13907310009' } });
    expect(answered.statusCode, answered.body).toBe(200);
    t.setNow(later(4));
    // the SMS provider is down for the first try of the completion message
    await sms.inject({ failNext: 1, status: 503 });
    const done = await post(police, `/api/back-office/subcases/${hr}/approve`, { fields: { idNumber: makeResidentId('430104', '2025-06-01', 12), householdNo: '430104123456' } });
    expect(done.statusCode, done.body).toBe(200);

    expect(await dispatcher.drain()).toBe(1);
    let [row] = await outboxRow('application.completed');
    expect(row).toMatchObject({ attempts: 1, done_at: null });
    expect(row!.last_error).toContain('503');
    expect((await inbox(citizen)).items.filter((n) => n.kind === 'application.completed')).toHaveLength(1);
    expect(smtp.mails).toHaveLength(3);
    const smsBefore = (await sms.messages(PHONE)).length;

    // not yet due: nothing happens; once due, only the SMS is sent
    expect(await dispatcher.drain()).toBe(0);
    clock = new Date(clock.getTime() + 1000);
    expect(await dispatcher.drain()).toBe(1);
    [row] = await outboxRow('application.completed');
    expect(row).toMatchObject({ attempts: 2, last_error: null });
    expect(row!.done_at).not.toBeNull();
    mine = await inbox(citizen);
    const completed = mine.items.filter((n) => n.kind === 'application.completed');
    expect(completed).toHaveLength(1);
    expect(smtp.mails).toHaveLength(3);
    const texts = await sms.messages(PHONE);
    expect(texts).toHaveLength(smsBefore + 1);
    expect(texts.at(-1)!.text).toContain(app.number);

    // one message with every sub-case's result and the delivery way, Chinese and English
    const body = completed[0]!.body;
    expect(body.zh).toContain(app.number);
    expect(body.zh).toContain('出生医学证明');
    expect(body.zh).toContain('T430123456');
    expect(body.zh).toContain('430104123456');
    expect(body.zh).toMatch(/2 个事项/);
    expect(body.zh).toContain('邮寄送达');
    expect(body.en).toContain('Delivery: by post');
    const mail = mailText(smtp.mails[2]!.raw);
    expect(smtp.mails[2]!.to).toEqual([EMAIL]);
    expect(mail).toContain('T430123456');
    expect(mail).toContain('430104123456');
    expect(mail.indexOf('送达方式')).toBeLessThan(mail.indexOf('Delivery'));
  });

  it('reminds of a deferred material (容缺) when the reminder is due, not before, and once', async () => {
    const appId = (await sql<{ id: string }>`select id from applications limit 1`.execute(t.database.db)).rows[0]!.id;
    const remindAt = new Date(clock.getTime() + 86_400_000);
    await t.database.db.insertInto('application_materials').values({
      application_id: appId, code: 'test-deferred-proof', name_zh: '结婚证', name_en: 'Marriage certificate', provision: 'deferred',
      upload_ids: [], matters: ['household-registration'], deferred_until: '2025-06-20', remind_at: remindAt,
    }).execute();
    const sweep = (at: Date) => t.database.db.transaction().execute((tx) => remindDeferredMaterials(tx, at));
    expect(await sweep(clock)).toBe(0);
    expect(await dispatcher.drain()).toBe(0);
    clock = remindAt;
    expect(await sweep(remindAt)).toBe(1);
    expect(await sweep(remindAt)).toBe(0);
    expect(await dispatcher.drain()).toBe(1);
    const reminder = (await inbox(citizen)).items.find((n) => n.kind === 'material.deferred-due')!;
    expect(reminder.body.zh).toContain('结婚证');
    expect(reminder.body.zh).toContain('2025-06-20');
    expect((await sms.messages(PHONE)).at(-1)!.text).toContain('结婚证');
  });

  it('lists, reads and reads all, each person seeing only their own', async () => {
    await signInAll(); // the app clock moved: sessions are renewed
    const all = await inbox(citizen);
    expect(all.items).toHaveLength(4);
    expect(all.unread).toBe(4);
    expect((await inbox(citizen, '?limit=1')).items).toHaveLength(1);
    expect((await get(citizen, '/api/me/notifications?limit=0')).statusCode).toBe(400);
    expect((await get(citizen, '/api/me/notifications?unread=maybe')).statusCode).toBe(400);
    expect((await inbox(citizen2)).items).toHaveLength(0);

    const first = all.items[0]!;
    expect((await post(citizen2, `/api/me/notifications/${first.id}/read`)).statusCode).toBe(404);
    expect((await post(citizen, '/api/me/notifications/not-a-uuid/read')).statusCode).toBe(400);
    expect((await post(citizen, `/api/me/notifications/${first.id}/read`)).statusCode).toBe(204);
    expect((await post(citizen, `/api/me/notifications/${first.id}/read`)).statusCode).toBe(204);
    const after = await inbox(citizen, '?unread=true');
    expect(after.unread).toBe(3);
    expect(after.items.map((n) => n.id)).not.toContain(first.id);
    expect((await post(citizen, '/api/me/notifications/read-all')).statusCode).toBe(204);
    const none = await inbox(citizen);
    expect(none.unread).toBe(0);
    expect(none.items.every((n) => n.readAt !== null)).toBe(true);
  });

  it('sends a counter confirmation code by SMS only, once', async () => {
    const before = await t.database.db.selectFrom('notifications').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    await t.database.db.insertInto('outbox').values({
      topic: 'counter.confirmation-code', subscriber: 'notify.counter-sms', key: 'intake-1', created_at: clock, available_at: clock,
      payload: JSON.stringify({ phone: '13807310002', text: '您在窗口办理的申请确认码为 123456，15 分钟内有效。', userId: citizen2.user.id, intakeId: 'intake-1', purpose: 'counter-confirmation' }),
    }).execute();
    await sms.inject({ failNext: 1, status: 500 });
    expect(await dispatcher.drain()).toBe(1);
    clock = new Date(clock.getTime() + 1000);
    expect(await dispatcher.drain()).toBe(1);
    const texts = await sms.messages('13807310002');
    expect(texts).toHaveLength(1);
    expect(texts[0]!.text).toMatch(/^【一件事一次办】.*123456/);
    const after = await t.database.db.selectFrom('notifications').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('tells the applicant of a withdrawal, in-app and by SMS, and tells the unit holding a sub-case', async () => {
    t.setNow(later(24 * 31));
    await signInAll();
    const submitted = await post(citizen, '/api/applications', {
      themeCode: 'newborn', answers: ANSWERS, values: withOwnChild(NEWBORN_VALUES, 'notify-key-0002'), delivery: { way: 'online' }, idempotencyKey: 'notify-key-0002', ...(await materialsFor(t.app, citizen, 'newborn', ANSWERS)),
    });
    expect(submitted.statusCode, submitted.body).toBe(201);
    const app = submitted.json<{ id: string; number: string }>();
    clock = later(24 * 31);
    await dispatcher.drain();
    const withdrawn = await post(citizen, `/api/applications/${app.id}/withdraw`, { note: '信息填写有误' });
    expect(withdrawn.statusCode, withdrawn.body).toBe(200);
    expect(await dispatcher.drain()).toBe(1);
    const message = (await inbox(citizen)).items.find((n) => n.kind === 'application.withdrawn')!;
    expect(message.body.zh).toContain(app.number);
    expect(message.body.zh).toContain('信息填写有误');
    expect((await sms.messages(PHONE)).at(-1)!.text).toContain(`${app.number}`);
    // the released sub-case goes to its unit's system as 'subcase.withdrawn' (the dispatch subscriber)
    const rows = await sql<{ topic: string; subscriber: string }>`select topic, subscriber from outbox where payload->>'applicationId' = ${app.id} and topic like '%withdrawn' order by id`.execute(t.database.db);
    expect(rows.rows).toEqual([
      { topic: 'subcase.withdrawn', subscriber: 'dispatch.deliver' },
      { topic: 'application.withdrawn', subscriber: 'notify.applicant' },
      { topic: 'application.withdrawn', subscriber: 'payments.refund-refused' }, // refunds what was paid (nothing here)
    ]);
  });
});
