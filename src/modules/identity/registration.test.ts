// Registration through the API on both databases, against the registry simulator (own process):
// a citizen and an enterprise's legal representative and agent join; every refusal — wrong, expired,
// used and over-tried codes, a name the household registry does not confirm, an enterprise that does
// not name the person, a weak password, the SMS limits per phone and per address (set as data).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestApp, sessionCookieOf, signIn, type TestApp } from '../../../tests/helpers/app.ts';
import { DB_KINDS, postgresAvailable } from '../../../tests/helpers/databases.ts';
import { startRegistrySimulator, type RunningSimulator } from '../../../sim/registries/start-simulator.ts';
import { demoPeople } from '../../../sim/registries/demo-seed.ts';
import { DEMO_COMPANY } from './demo-accounts.ts';
import { purgeJoinLeftovers } from './registration.repo.ts';
import { makeCreditCode, makeResidentId } from '../../platform/identifiers.ts';

const PG = await postgresAvailable();
const T0 = new Date('2025-06-10T02:00:00Z');
const PASSWORD = 'Chang@sha2025';
const people = demoPeople();

interface ErrorBody { error: { code: string; details?: Array<{ code: string }> } }
const codeOf = (res: { json: <T>() => T }) => res.json<ErrorBody>().error.code;

let registries: RunningSimulator;
beforeAll(async () => {
  registries = await startRegistrySimulator();
});
afterAll(async () => {
  await registries?.stop();
});

for (const kind of DB_KINDS) describe.skipIf(kind === 'postgres' && !PG)(`registration on ${kind}`, () => {
  let t: TestApp;
  let now = T0;
  const at = (ms: number) => {
    now = new Date(now.getTime() + ms);
    t.setNow(now);
  };

  beforeAll(async () => {
    t = await createTestApp(kind, { catalog: 'org', env: { REGISTRY_URL: registries.url } });
    t.setNow(now);
  });
  afterAll(async () => {
    await t?.close();
  });

  const sendCode = (phone: string, ip = '10.0.0.1') =>
    t.app.inject({ method: 'POST', url: '/api/auth/register/sms-code', payload: { phone }, remoteAddress: ip });

  /** the code as the SMS carries it: the outbox row is the only place it is in clear */
  async function smsCode(challengeId: string): Promise<{ code: string; phone: string }> {
    const { rows } = await sql<{ payload: { text: string; phone: string } | string }>`select payload from outbox where topic = 'identity.sms-code' and key = ${challengeId}`.execute(t.database.db);
    const payload = typeof rows[0]!.payload === 'string' ? JSON.parse(rows[0]!.payload) as { text: string; phone: string } : rows[0]!.payload;
    return { code: /验证码 (\d{6})/.exec(payload.text)![1]!, phone: payload.phone };
  }

  async function codeFor(phone: string, ip?: string): Promise<{ challengeId: string; code: string }> {
    const res = await sendCode(phone, ip);
    expect(res.statusCode, res.body).toBe(200);
    const { challengeId } = res.json<{ challengeId: string }>();
    at(61_000); // past the resend pause, so the next test can ask again
    return { challengeId, code: (await smsCode(challengeId)).code };
  }

  const register = (body: object, ip = '10.0.0.1') => t.app.inject({ method: 'POST', url: '/api/auth/register', payload: body, remoteAddress: ip });

  it('registers a citizen whose name and ID number the household registry confirms, signed in at once', async () => {
    const p = people.liuTing;
    const sent = await sendCode('13807310011');
    expect(sent.json()).toMatchObject({ maskedPhone: '138****0011', resendAfterSeconds: 60 });
    const { challengeId } = sent.json<{ challengeId: string }>();
    const sms = await smsCode(challengeId);
    expect(sms.phone).toBe('13807310011');
    // stored only hashed
    const stored = await sql<{ code_hash: string }>`select code_hash from sms_challenges where id = ${challengeId}`.execute(t.database.db);
    expect(stored.rows[0]!.code_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored.rows[0]!.code_hash).not.toContain(sms.code);

    const res = await register({ kind: 'citizen', phone: '138 0731 0011', challengeId, code: sms.code, name: p.name, idNumber: p.idNumber, password: PASSWORD });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ user: { role: 'citizen', name: '刘婷', username: '13807310011' } });
    const cookie = sessionCookieOf(res)!;
    const profile = await t.app.inject({ method: 'GET', url: '/api/me/profile', headers: { cookie } });
    expect(profile.json()).toMatchObject({ idNumber: p.idNumber, phone: '13807310011', divisionCode: p.divisionCode, address: p.address });
    // and signs in with the phone number and the password from now on
    const again = await signIn(t.app, '13807310011', PASSWORD);
    expect(again.user.role).toBe('citizen');
    const audit = await sql<{ detail: { idNumber: string; phone: string } }>`select detail from audit_log where action = 'user.register'`.execute(t.database.db);
    expect(audit.rows[0]!.detail).toMatchObject({ phone: '138****0011' });
    expect(JSON.stringify(audit.rows[0]!.detail)).not.toContain(p.idNumber);

    // the same code cannot make a second account, and the same person cannot register twice
    expect(codeOf(await register({ kind: 'citizen', phone: '13807310011', challengeId, code: sms.code, name: p.name, idNumber: p.idNumber, password: PASSWORD }))).toBe('SMS_CODE_USED');
    const next = await codeFor('13807310019');
    expect(codeOf(await register({ kind: 'citizen', phone: '13807310019', ...next, name: p.name, idNumber: p.idNumber, password: PASSWORD }))).toBe('ALREADY_REGISTERED');
  });

  it('refuses a wrong code, counts the tries, and refuses an expired one', async () => {
    const p = people.zhouJieming;
    const { challengeId, code } = await codeFor('13807310012');
    const wrong = code === '000000' ? '000001' : '000000';
    const body = { kind: 'citizen', phone: '13807310012', challengeId, name: p.name, idNumber: p.idNumber, password: PASSWORD };
    for (let i = 0; i < 4; i++) expect(codeOf(await register({ ...body, code: wrong }))).toBe('SMS_CODE_WRONG');
    // the fifth wrong try uses the code up: even the right one no longer works
    expect(codeOf(await register({ ...body, code: wrong }))).toBe('SMS_CODE_ATTEMPTS');
    expect((await register({ ...body, code })).statusCode).toBe(429);
    // a code of another phone is no code for this one
    const other = await codeFor('13807310013');
    expect(codeOf(await register({ ...body, ...other }))).toBe('SMS_CODE_WRONG');

    const late = await codeFor('13807310012');
    at(10 * 60_000);
    expect(codeOf(await register({ ...body, ...late }))).toBe('SMS_CODE_EXPIRED');
    expect(await t.database.db.selectFrom('users').select('id').where('id_number', '=', p.idNumber).executeTakeFirst()).toBeUndefined();
  });

  it('refuses a name or ID number the household registry does not confirm, and a weak password, without using the code', async () => {
    const p = people.sunLi;
    const { challengeId, code } = await codeFor('13807310014');
    const body = { kind: 'citizen', phone: '13807310014', challengeId, code, name: p.name, idNumber: p.idNumber, password: PASSWORD };
    const mismatch = await register({ ...body, name: '孙莉' });
    expect(mismatch.statusCode).toBe(422);
    expect(mismatch.json()).toMatchObject({ error: { code: 'REALNAME_MISMATCH', message: { zh: expect.stringContaining('户籍') } } });
    // a valid ID number nobody holds: the same answer (who is registered is not told)
    expect(codeOf(await register({ ...body, idNumber: makeResidentId('430102', '1991-01-01', 999) }))).toBe('REALNAME_MISMATCH');
    const weak = await register({ ...body, password: 'abcdefgh' });
    expect(codeOf(weak)).toBe('PASSWORD_WEAK');
    expect(weak.json<ErrorBody>().error.details!.map((d) => d.code)).toContain('PASSWORD_CLASSES');
    expect(codeOf(await register({ ...body, password: `Zz!${'13807310014'}` }))).toBe('PASSWORD_WEAK');
    // the code still works once the person corrects what they typed
    const ok = await register(body);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ user: { name: p.name } });
  });

  it('binds an enterprise for its legal representative and its authorised agent, and refuses anyone else', async () => {
    const rep = people.qianWei;
    const agent = people.chenJing;
    const first = await codeFor('13807310015');
    const asRep = await register({ kind: 'enterprise', phone: '13807310015', ...first, name: rep.name, idNumber: rep.idNumber, password: PASSWORD, enterprise: { creditCode: DEMO_COMPANY.creditCode, capacity: 'legal-representative' } });
    expect(asRep.statusCode, asRep.body).toBe(200);
    expect(asRep.json()).toMatchObject({ user: { role: 'enterprise', creditCode: DEMO_COMPANY.creditCode, enterpriseName: DEMO_COMPANY.name } });

    const second = await codeFor('13807310016');
    const body = { kind: 'enterprise', phone: '13807310016', ...second, name: agent.name, idNumber: agent.idNumber, password: PASSWORD };
    // 陈静 is an agent, not the legal representative
    expect(codeOf(await register({ ...body, enterprise: { creditCode: DEMO_COMPANY.creditCode, capacity: 'legal-representative' } }))).toBe('ENTERPRISE_NOT_AUTHORISED');
    // an enterprise the registry does not have (valid code)
    expect(codeOf(await register({ ...body, enterprise: { creditCode: makeCreditCode('91430102', 'nobody-registered-this'), capacity: 'agent' } }))).toBe('ENTERPRISE_NOT_FOUND');
    expect(codeOf(await register({ ...body, enterprise: { creditCode: `${DEMO_COMPANY.creditCode.slice(0, 17)}0`, capacity: 'agent' } }))).toBe('CREDIT_CODE_INVALID');
    expect(codeOf(await register({ ...body, kind: 'enterprise' }))).toBe('ENTERPRISE_REQUIRED');
    const asAgent = await register({ ...body, enterprise: { creditCode: DEMO_COMPANY.creditCode, capacity: 'agent' } });
    expect(asAgent.statusCode, asAgent.body).toBe(200);
    expect(asAgent.json()).toMatchObject({ user: { role: 'enterprise', creditCode: DEMO_COMPANY.creditCode } });
  });

  it('limits codes per phone (a pause between sends, a number per hour) and per address, as the city sets them', async () => {
    const phone = '13807310020';
    expect((await sendCode(phone, '10.0.0.2')).statusCode).toBe(200);
    const soon = await sendCode(phone, '10.0.0.2');
    expect(soon.statusCode).toBe(429);
    expect(codeOf(soon)).toBe('SMS_RESEND_TOO_SOON');
    for (let i = 0; i < 4; i++) {
      at(61_000);
      expect((await sendCode(phone, '10.0.0.2')).statusCode).toBe(200);
    }
    at(61_000);
    const limited = await sendCode(phone, '10.0.0.2');
    expect(codeOf(limited)).toBe('SMS_PHONE_LIMIT');
    expect(limited.json()).toMatchObject({ error: { message: { zh: expect.stringContaining('5') } } });
    // an hour later the phone may receive codes again
    at(3_600_000);
    expect((await sendCode(phone, '10.0.0.2')).statusCode).toBe(200);

    // the limit per address is data: a city lowers it
    await t.database.db.updateTable('identity_settings').set({ sms_per_ip_per_hour: 2 }).execute();
    try {
      expect((await sendCode('13807310021', '10.0.0.3')).statusCode).toBe(200);
      expect((await sendCode('13807310022', '10.0.0.3')).statusCode).toBe(200);
      expect(codeOf(await sendCode('13807310023', '10.0.0.3'))).toBe('SMS_ADDRESS_LIMIT');
      expect((await sendCode('13807310023', '10.0.0.4')).statusCode).toBe(200);
    } finally {
      await t.database.db.updateTable('identity_settings').set({ sms_per_ip_per_hour: 20 }).execute();
    }
  });

  it('forgets codes a day old (the limits count only the last hour)', async () => {
    const count = async () => Number((await t.database.db.selectFrom('sms_challenges').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
    expect(await count()).toBeGreaterThan(0);
    expect(await purgeJoinLeftovers(t.database.db, now)).toBe(0);
    expect(await purgeJoinLeftovers(t.database.db, new Date(now.getTime() + 25 * 3_600_000))).toBeGreaterThan(0);
    expect(await count()).toBe(0);
  });

  it('answers bad input with a 400 and stores nothing', async () => {
    expect((await sendCode('12345')).statusCode).toBe(400);
    const before = await t.database.db.selectFrom('users').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    const bad = await register({ kind: 'citizen', phone: '13807310011', challengeId: 'x', code: '12', name: '', idNumber: '123', password: '' });
    expect(bad.statusCode).toBe(400);
    const after = await t.database.db.selectFrom('users').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });
});
