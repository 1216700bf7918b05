// Fees through the payment provider simulator (a real child process speaking HTTP) and at the
// counter, on both databases: the newborn's 医保参保缴费 (380 元) cannot be approved unpaid; paid
// online its approval goes through; a bad signature, a replayed or tampered callback change nothing;
// a refused sub-case that was paid is refunded once.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestApp, signIn, type SignedIn, type TestApp } from '../../../tests/helpers/app.ts';
import { materialsFor } from '../../../tests/helpers/materials.ts';
import { DB_KINDS, postgresAvailable } from '../../../tests/helpers/databases.ts';
import { freePort } from '../../../tests/helpers/ports.ts';
import { childFor, NEWBORN_ANSWERS, NEWBORN_VALUES } from '../../../tests/fixtures/newborn.ts';
import { makeResidentId } from '../../platform/identifiers.ts';
import { callbackSignature } from '../../../sim/payment/signing.ts';
import { startPaymentSimulator, type RunningPaymentSimulator } from '../../../sim/payment/start-simulator.ts';
import { createOutboxDispatcher } from '../../worker.ts';
import type { TSubcasePayment } from '../../contract/payments.ts';
import type { TTaskEnvelope } from '../../contract/dispatch.ts';
import { buildEnvelopes, signRequest } from '../dispatch/index.ts';

const ANSWERS = { ...NEWBORN_ANSWERS, vaccination: ['done'], insurance: ['yes'], 'social-card': ['no'] };
// the applicant's name and ID number come from the signed-in citizen's profile (the applicant is who signed in)
const VALUES = {
  ...NEWBORN_VALUES,
  'applicant.address': '湖南省长沙市岳麓区岳麓街道示例小区 1 栋 101 室',
  'child.guardian-relation': 'father',
  'medical-insurance.contribution-year': 2025,
};
const FIELDS = { certificateNo: 'T430123456', idNumber: makeResidentId('430104', '2025-06-01', 12), householdNo: '430104123456', insuredNo: 'CS2025060100012', receiptNo: 'SB2025000123' };
const MATTER = 'medical-insurance-payment';
/** what 医保参保缴费 returns (its declared result fields) */
const FIELDS_OF_TAX = { receiptNo: FIELDS.receiptNo };
const DUE_FEN = 38_000;
const PG = await postgresAvailable();

interface AppView { id: string; status: { code: string }; subcases: Array<{ id: string; matterCode: string; unitCode: string; status: { code: string } }> }

/** polls until `probe` holds; the bound is generous (a busy machine only makes it slower) */
async function until<T>(probe: () => Promise<T>, ok: (v: T) => boolean, what: string): Promise<T> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const v = await probe();
    if (ok(v)) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

for (const kind of DB_KINDS) describe.skipIf(kind === 'postgres' && !PG)(`fees paid online and at the counter on ${kind}`, () => {
  let t: TestApp;
  let sim: RunningPaymentSimulator;
  let citizen: SignedIn, counter: SignedIn, tax: SignedIn;
  const officers = new Map<string, SignedIn>();
  const secret = randomBytes(32).toString('hex');

  beforeAll(async () => {
    sim = await startPaymentSimulator({ secret });
    const port = await freePort();
    t = await createTestApp(kind, { env: { PAYMENT_URL: sim.url, PAYMENT_MERCHANT_ID: sim.merchantId, PAYMENT_SECRET: secret, PUBLIC_URL: `http://127.0.0.1:${port}` } });
    await t.app.listen({ port, host: '127.0.0.1' });
    [citizen, counter, tax] = await Promise.all([signIn(t.app, 'citizen'), signIn(t.app, 'counter'), signIn(t.app, 'officer-tax')]);
    for (const u of ['officer-health', 'officer-police', 'officer-medins', 'officer-tax']) {
      const who = await signIn(t.app, u);
      const me = (await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: who.cookie } })).json<{ user?: { unitCode?: string }; unitCode?: string }>();
      officers.set(me.user?.unitCode ?? me.unitCode ?? u, who);
    }
  }, 240_000);
  afterAll(async () => {
    await t?.close();
    await sim?.stop();
  });

  const post = (who: SignedIn, url: string, payload: unknown = {}) => t.app.inject({ method: 'POST', url, headers: who.headers, payload: payload as object });
  const get = (who: SignedIn, url: string) => t.app.inject({ method: 'GET', url, headers: { cookie: who.cookie } });
  const view = async (id: string) => (await get(citizen, `/api/applications/${id}`)).json<AppView>();
  const payments = async (id: string) => (await get(citizen, `/api/me/applications/${id}/payments`)).json<TSubcasePayment[]>();
  const paidAt = async (subcaseId: string) => (await sql<{ paid_at: Date | null }>`select paid_at from subcases where id = ${subcaseId}`.execute(t.database.db)).rows[0]!.paid_at;
  const refundRows = () => createOutboxDispatcher({ ...t.ctx, config: { ...t.ctx.config, outboxHandlers: ['payments'] } }).drain();

  /** FIELDS narrowed to those the sub-case's matter declares (a result carries only its own fields). */
  async function declaredOf(officer: SignedIn, subcaseId: string): Promise<Record<string, string>> {
    const declared = (await t.app.inject({ method: 'GET', url: `/api/back-office/subcases/${subcaseId}`, headers: { cookie: officer.cookie } })).json<{ expectedResult: { fields: string[] } }>().expectedResult.fields;
    return Object.fromEntries(Object.entries(FIELDS).filter(([k]) => declared.includes(k)));
  }

  /** A newborn application driven until 医保参保缴费 has reached 市税务局 and is accepted there. */
  async function untilPaymentIsDue(key: string): Promise<{ applicationId: string; subcaseId: string }> {
    const res = await post(citizen, '/api/applications', {
      themeCode: 'newborn', answers: ANSWERS, values: { ...VALUES, ...childFor(key) }, delivery: { way: 'online', address: null, counter: null }, idempotencyKey: key,
      ...(await materialsFor(t.app, citizen, 'newborn', ANSWERS)),
    });
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json<{ id: string }>().id;
    for (let a = await view(id); !a.subcases.some((s) => s.matterCode === MATTER && s.status.code === '02'); a = await view(id)) {
      const ready = a.subcases.filter((s) => s.status.code === '02');
      expect(ready.length, `stuck: ${JSON.stringify(a.subcases)}`).toBeGreaterThan(0);
      for (const s of ready) {
        const officer = officers.get(s.unitCode)!;
        expect((await post(officer, `/api/back-office/subcases/${s.id}/accept`)).statusCode).toBe(200);
        const ok = await post(officer, `/api/back-office/subcases/${s.id}/approve`, { fields: await declaredOf(officer, s.id) });
        expect(ok.statusCode, ok.body).toBe(200);
      }
    }
    const subcaseId = (await view(id)).subcases.find((s) => s.matterCode === MATTER)!.id;
    expect((await post(tax, `/api/back-office/subcases/${subcaseId}/accept`)).statusCode).toBe(200);
    return { applicationId: id, subcaseId };
  }

  it('cannot approve 医保参保缴费 unpaid; paid online through the provider, the callback lets it complete', async () => {
    const { applicationId, subcaseId } = await untilPaymentIsDue('pay-online-1');
    const [due] = await payments(applicationId);
    expect(due).toMatchObject({ subcaseId, matterCode: MATTER, amountFen: DUE_FEN, state: 'unpaid', canPayOnline: true, canPayAtCounter: true });
    expect((await get(tax, `/api/back-office/subcases/${subcaseId}/payment`)).json()).toMatchObject({ state: 'unpaid', amountFen: DUE_FEN });

    const refused = await post(tax, `/api/back-office/subcases/${subcaseId}/approve`, { fields: await declaredOf(tax, subcaseId) });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ error: { code: 'PAYMENT_PENDING', message: { zh: expect.stringContaining('380.00 元') } } });

    const started = await post(citizen, `/api/me/subcases/${subcaseId}/payment`);
    expect(started.statusCode, started.body).toBe(200);
    const { orderNo, payUrl } = started.json<{ orderNo: string; payUrl: string }>();
    expect(payUrl).toMatch(new RegExp(`^${sim.url}/pay/`));
    // asking again gives the same order, not a second one
    expect((await post(citizen, `/api/me/subcases/${subcaseId}/payment`)).json()).toEqual({ orderNo, payUrl });
    expect(await sim.order(orderNo)).toMatchObject({ amountFen: DUE_FEN, status: 'created' });
    expect((await payments(applicationId))[0]).toMatchObject({ state: 'pending', payUrl });

    await sim.pay(payUrl); // the citizen presses 确认支付; the provider calls back asynchronously
    const paid = await until(() => payments(applicationId), (p) => p[0]?.state === 'paid', 'the callback');
    expect(paid[0]).toMatchObject({ channel: 'online', orderNo, canPayOnline: false });
    expect(await paidAt(subcaseId)).not.toBeNull();

    // the same callback again (a replay of its notification id) is answered and changes nothing
    const audits = async () => (await sql<{ n: number }>`select count(*)::int as n from audit_log where action = 'payment.paid' and detail->>'orderNo' = ${orderNo}`.execute(t.database.db)).rows[0]!.n;
    expect(await audits()).toBe(1);
    expect(await sim.renotify(orderNo)).toBe(200);
    expect(await audits()).toBe(1);
    expect((await sql<{ n: number }>`select count(*)::int as n from payment_callbacks where order_no = ${orderNo}`.execute(t.database.db)).rows[0]!.n).toBe(1);
    expect((await post(citizen, `/api/me/subcases/${subcaseId}/payment`)).json()).toMatchObject({ error: { code: 'ALREADY_PAID' } });

    const ok = await post(tax, `/api/back-office/subcases/${subcaseId}/approve`, { fields: await declaredOf(tax, subcaseId) });
    expect(ok.statusCode, ok.body).toBe(200);
    expect((await view(applicationId)).status.code).toBe('10');
  }, 240_000);

  it('refuses a callback with a bad signature, a wrong amount or an unknown order, and applies a good one once', async () => {
    const { applicationId, subcaseId } = await untilPaymentIsDue('pay-callbacks-1');
    const { orderNo } = (await post(citizen, `/api/me/subcases/${subcaseId}/payment`)).json<{ orderNo: string }>();
    const callback = (body: object, opts: { secret?: string; ts?: number } = {}) => {
      const text = JSON.stringify(body);
      const ts = String(opts.ts ?? Math.floor(Date.now() / 1000));
      return t.app.inject({
        method: 'POST', url: '/api/payments/notify', payload: text,
        headers: { 'content-type': 'application/json', 'x-pay-timestamp': ts, 'x-pay-signature': callbackSignature(opts.secret ?? secret, ts, text) },
      });
    };
    const good = { notifyId: 'n-1', orderNo, orderId: 'o-1', amountFen: DUE_FEN, status: 'paid', paidAt: new Date().toISOString(), transactionId: 'T1' };

    const forged = await callback(good, { secret: `${secret}x` });
    expect(forged.statusCode).toBe(401);
    expect(forged.json()).toMatchObject({ error: { code: 'PAYMENT_SIGNATURE_INVALID' } });
    const stale = await callback(good, { ts: Math.floor(Date.now() / 1000) - 3600 });
    expect(stale.statusCode).toBe(401);
    expect(stale.json()).toMatchObject({ error: { code: 'PAYMENT_CALLBACK_STALE' } });
    const cheap = await callback({ ...good, notifyId: 'n-2', amountFen: 1 });
    expect(cheap.statusCode).toBe(422);
    expect(cheap.json()).toMatchObject({ error: { code: 'PAYMENT_AMOUNT_MISMATCH', message: { zh: expect.stringContaining('380.00 元') } } });
    expect((await callback({ ...good, notifyId: 'n-3', orderNo: 'P0000000000' })).statusCode).toBe(404);
    expect((await callback({ ...good, notifyId: 'n-4', status: 'bogus' })).statusCode).toBe(400);
    // nothing of those was stored, nothing paid
    expect((await sql<{ n: number }>`select count(*)::int as n from payment_callbacks where order_no = ${orderNo}`.execute(t.database.db)).rows[0]!.n).toBe(0);
    expect((await payments(applicationId))[0]!.state).toBe('pending');

    // the provider's own tampered callback (a valid signature, the wrong amount) is refused too
    await sim.inject({ tamperNextCallback: 'amount', dropCallbacks: false });
    const again = (await post(citizen, `/api/me/subcases/${subcaseId}/payment`)).json<{ payUrl: string }>();
    await sim.pay(again.payUrl);
    // the provider got our 422 for it (and stops: retrying a refusal will not help); nothing was paid here
    await until(() => sim.order(orderNo), (o) => o?.status === 'paid' && o.lastNotifyStatus !== undefined, 'the tampered callback');
    expect((await sim.order(orderNo))!.lastNotifyStatus).toBe(422);
    expect((await payments(applicationId))[0]!.state).toBe('pending');

    // a good callback applies; the same one again is a duplicate
    const first = await callback(good);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toEqual({ result: 'applied' });
    const second = await callback(good);
    expect(second.json()).toEqual({ result: 'duplicate' });
    const third = await callback({ ...good, notifyId: 'n-5' });
    expect(third.json()).toEqual({ result: 'duplicate' });
    expect((await payments(applicationId))[0]!.state).toBe('paid');
  }, 240_000);

  it('takes the fee at the counter with a receipt number, the amount due exactly', async () => {
    const { applicationId, subcaseId } = await untilPaymentIsDue('pay-counter-1');
    const wrong = await post(counter, `/api/counter/subcases/${subcaseId}/payments`, { receiptNo: 'HN-2025-0001', amountFen: 100 });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json()).toMatchObject({ error: { code: 'PAYMENT_AMOUNT_MISMATCH' } });
    expect((await post(counter, `/api/counter/subcases/${subcaseId}/payments`, { receiptNo: '票', amountFen: DUE_FEN })).statusCode).toBe(400);
    expect((await post(citizen, `/api/counter/subcases/${subcaseId}/payments`, { receiptNo: 'HN-2025-0001', amountFen: DUE_FEN })).statusCode).toBe(403);
    const ok = await post(counter, `/api/counter/subcases/${subcaseId}/payments`, { receiptNo: 'HN-2025-0001', amountFen: DUE_FEN });
    expect(ok.statusCode, ok.body).toBe(204);
    expect((await post(counter, `/api/counter/subcases/${subcaseId}/payments`, { receiptNo: 'HN-2025-0002', amountFen: DUE_FEN })).json()).toMatchObject({ error: { code: 'ALREADY_PAID' } });
    expect((await payments(applicationId))[0]).toMatchObject({ state: 'paid', channel: 'counter', receiptNo: 'HN-2025-0001' });
    const audit = await sql<{ actor_role: string }>`select actor_role from audit_log where action = 'payment.counter' and detail->>'subcaseId' = ${subcaseId}`.execute(t.database.db);
    expect(audit.rows).toEqual([{ actor_role: 'counter' }]);
    expect((await post(tax, `/api/back-office/subcases/${subcaseId}/approve`, { fields: await declaredOf(tax, subcaseId) })).statusCode).toBe(200);
  }, 240_000);

  it('a department system that collected the fee itself reports it with its approval (部门代收)', async () => {
    const admin = await signIn(t.app, 'admin');
    const { applicationId, subcaseId } = await untilPaymentIsDue('pay-unit-1');
    // 市税务局 connects its own system (pull) with a key of its own
    expect((await t.app.inject({ method: 'PUT', url: '/api/admin/adapters/city-tax', headers: admin.headers, payload: { kind: 'pull' } })).statusCode).toBe(200);
    const key = (await post(admin, '/api/admin/adapters/city-tax/keys')).json<{ keyId: string; secret: string }>();
    const signed = (method: 'GET' | 'POST', url: string, body?: unknown) => {
      const raw = body === undefined ? '' : JSON.stringify(body);
      const headers = signRequest({ unitCode: 'city-tax', keyId: key.keyId, secret: key.secret, method, pathWithQuery: url, body: raw });
      return t.app.inject({ method, url, headers: { ...headers, ...(raw ? { 'content-type': 'application/json' } : {}) }, ...(raw ? { payload: raw } : {}) });
    };
    // the task tells the unit what is due and that it is not paid through Yijian
    const envelope = (await buildEnvelopes(t.ctx, [{ taskId: '00000000-0000-4000-8000-000000000001', event: 'subcase.released', sequence: 1, subcaseId, at: new Date() }])).values().next().value as TTaskEnvelope;
    expect(envelope.subcase.fee).toEqual({ amountFen: DUE_FEN, paid: false });
    const approve = (extra: object, eventId = 'tax-approve-1') => signed('POST', `/api/adapter/v1/subcases/${subcaseId}/events`, {
      eventId, sequence: 1, type: 'approve', result: { fields: FIELDS_OF_TAX }, occurredAt: new Date().toISOString(), ...extra,
    });

    // unpaid and not collected: 409, not kept, so the same sequence can come again
    const pending = await approve({});
    expect(pending.statusCode, pending.body).toBe(409);
    expect(pending.json()).toMatchObject({ error: { code: 'PAYMENT_PENDING' } });
    // collected, but not the amount due: 422, nothing recorded
    const wrong = await approve({ payment: { receiptNo: '43010000000000000001', amountFen: 100 } }, 'tax-approve-2');
    expect(wrong.statusCode, wrong.body).toBe(422);
    expect(wrong.json()).toMatchObject({ error: { code: 'PAYMENT_AMOUNT_MISMATCH' } });
    expect(await paidAt(subcaseId)).toBeNull();
    // a payment on another kind of event is malformed
    expect((await signed('POST', `/api/adapter/v1/subcases/${subcaseId}/events`, { eventId: 'tax-x', sequence: 1, type: 'request-supplement', note: '请补正', payment: { receiptNo: '1', amountFen: DUE_FEN }, occurredAt: new Date().toISOString() })).statusCode).toBe(400);

    const ok = await approve({ payment: { receiptNo: '43010000000000000002', amountFen: DUE_FEN } }, 'tax-approve-3');
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ applied: true, status: '10' });
    // the applicant sees it paid, collected by the unit, with the unit's receipt number; audited once
    expect((await payments(applicationId))[0]).toMatchObject({ state: 'paid', channel: 'unit', receiptNo: '43010000000000000002' });
    const audit = await sql<{ n: number }>`select count(*)::int as n from audit_log where action = 'payment.unit' and detail->>'subcaseId' = ${subcaseId}`.execute(t.database.db);
    expect(audit.rows[0]!.n).toBe(1);
    // the same event again is a duplicate and records nothing more
    const again = await approve({ payment: { receiptNo: '43010000000000000002', amountFen: DUE_FEN } }, 'tax-approve-3');
    expect(again.json()).toMatchObject({ duplicate: true });
    expect((await sql<{ n: number }>`select count(*)::int as n from payments where subcase_id = ${subcaseId}`.execute(t.database.db)).rows[0]!.n).toBe(1);
    expect((await view(applicationId)).status.code).toBe('10');
    // back to the demo's officer for the other tests
    expect((await t.app.inject({ method: 'PUT', url: '/api/admin/adapters/city-tax', headers: admin.headers, payload: { kind: 'back-office' } })).statusCode).toBe(200);
  }, 240_000);

  it('refunds a paid sub-case the unit refuses, once, through the outbox', async () => {
    const { applicationId, subcaseId } = await untilPaymentIsDue('pay-refund-1');
    const { orderNo, payUrl } = (await post(citizen, `/api/me/subcases/${subcaseId}/payment`)).json<{ orderNo: string; payUrl: string }>();
    await sim.pay(payUrl);
    await until(() => payments(applicationId), (p) => p[0]?.state === 'paid', 'the callback');
    expect((await post(tax, `/api/back-office/subcases/${subcaseId}/reject`, { reason: '当年度已缴费' })).statusCode).toBe(200);
    expect((await sql<{ n: number }>`select count(*)::int as n from outbox where topic = 'subcase.refused' and subscriber = 'payments.refund-refused' and key = ${applicationId}`.execute(t.database.db)).rows[0]!.n).toBe(1);

    await refundRows();
    const refunded = (await payments(applicationId))[0]!;
    expect(refunded).toMatchObject({ state: 'refunded', canPayOnline: false });
    expect(refunded.refundedAt).not.toBeNull();
    const order = await sim.order(orderNo);
    expect(order).toMatchObject({ status: 'refunded' });
    expect(order!.refunds).toHaveLength(1);
    expect(order!.refunds[0]!.amountFen).toBe(DUE_FEN);

    // the refund again (a crash after the provider paid it back, a resent dead letter) pays nothing more
    const { refundSubcases } = await import('./index.ts');
    expect(await refundSubcases(t.ctx, [subcaseId], 'again')).toBe(0);
    expect((await sim.order(orderNo))!.refunds).toHaveLength(1);
  }, 240_000);
});
