// 一次联办 through the API on both databases: a newborn application from submit to one delivery.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestApp, signIn, type SignedIn, type TestApp } from '../../../tests/helpers/app.ts';
import { materialsFor } from '../../../tests/helpers/materials.ts';
import { DB_KINDS, postgresAvailable } from '../../../tests/helpers/databases.ts';
import { makeResidentId } from '../../platform/identifiers.ts';
import { childFor, NEWBORN_ANSWERS as ANSWERS, NEWBORN_VALUES as VALUES } from '../../../tests/fixtures/newborn.ts';

const FULL_ANSWERS = { ...ANSWERS, vaccination: ['needed'], insurance: ['yes'], 'social-card': ['yes'] };
const FULL_VALUES = {
  ...VALUES,
  'applicant.address': '湖南省长沙市岳麓区岳麓街道示例小区 1 栋 101 室',
  'child.guardian-relation': 'father',
  'medical-insurance.contribution-year': 2025,
  'social-security-card.bank': 'changsha-bank',
  'social-security-card.delivery': 'post',
};
// Tuesday 10:00 in Shanghai, inside office hours
const T0 = new Date('2025-06-10T02:00:00Z');
const later = (hours: number) => new Date(T0.getTime() + hours * 3_600_000);

interface SubcaseView {
  id: string; matterCode: string; unitCode: string; status: { code: string }; promisedAt: string | null; clockPaused: boolean | null; history: Array<{ event: string; to: string; note?: string | null }>; result?: Record<string, unknown> | null;
  resultFieldLabels?: Record<string, { zh: string; en: string }>;
}
interface AppView { id: string; number: string; status: { code: string }; subcases: SubcaseView[]; history: Array<{ event: string; to: string }> }

const PG = await postgresAvailable();

for (const kind of DB_KINDS) describe.skipIf(kind === 'postgres' && !PG)(`joint handling of a newborn application on ${kind}`, () => {
  let t: TestApp;
  let citizen: SignedIn, health: SignedIn, police: SignedIn, elder: SignedIn;

  beforeAll(async () => {
    t = await createTestApp(kind);
    t.setNow(T0);
    await signInAll();
  });
  // sessions expire on the app's clock: sign in again after moving it by days
  async function signInAll() {
    [citizen, health, police, elder] = await Promise.all([signIn(t.app, 'citizen'), signIn(t.app, 'officer-health'), signIn(t.app, 'officer-police'), signIn(t.app, 'elder')]);
  }
  afterAll(async () => {
    await t?.close();
  });

  const post = (who: SignedIn, url: string, payload: unknown = {}) => t.app.inject({ method: 'POST', url, headers: who.headers, payload: payload as object });
  const get = (who: SignedIn, url: string) => t.app.inject({ method: 'GET', url, headers: { cookie: who.cookie } });
  // each application for a child of its own (the same child is applied for once); applicant.name and applicant.id-number come from the profile
  const submit = async (key: string, extra: { answers?: typeof ANSWERS; values?: Record<string, unknown>; themeCode?: string } = {}) => post(citizen, '/api/applications', { themeCode: 'newborn', answers: ANSWERS, delivery: { way: 'express', address: '湖南省长沙市岳麓区示例小区 1 栋 101 室' }, idempotencyKey: key, ...(await materialsFor(t.app, citizen, 'newborn', extra.answers ?? ANSWERS)), ...extra, values: { ...(extra.values ?? VALUES), ...childFor(key) } });
  const view = async (id: string) => (await get(citizen, `/api/applications/${id}`)).json<AppView>();
  const sub = (a: AppView, matter: string) => a.subcases.find((s) => s.matterCode === matter)!;
  const outbox = async (topic: string, key: string) =>
    (await sql<{ n: number }>`select count(*)::int as n from outbox where topic = ${topic} and key = ${key}`.execute(t.database.db)).rows[0]!.n;

  it('goes from one submit to one delivery', async () => {
    // submit, and a retry with the same key returns the same application
    const first = await submit('newborn-key-0001');
    expect(first.statusCode, first.body).toBe(201);
    const app = first.json<{ id: string; number: string; status: { code: string } }>();
    expect(app.number).toMatch(/^YJ20250610\d{6}$/);
    expect(app.status.code).toBe('05');
    const retry = await submit('newborn-key-0001');
    expect(retry.statusCode).toBe(200);
    expect(retry.json<{ id: string }>().id).toBe(app.id);

    let a = await view(app.id);
    expect(a.subcases.map((s) => [s.matterCode, s.unitCode, s.status.code])).toEqual([
      ['birth-medical-certificate', 'city-health', '02'],
      ['household-registration', 'furong-wenyilu-police', '01'], // routed to the applicant's street police station
    ]);
    expect(await outbox('subcase.released', sub(a, 'birth-medical-certificate').id)).toBe(1);
    const bmc = sub(a, 'birth-medical-certificate').id;
    const hr = sub(a, 'household-registration').id;

    // another unit's officer may not act; the owner accepts; a second accept is a conflict
    const foreign = await post(police, `/api/back-office/subcases/${bmc}/accept`);
    expect(foreign.statusCode).toBe(403);
    expect(foreign.json<{ error: { code: string } }>().error.code).toBe('NOT_YOUR_UNIT');
    expect((await get(police, `/api/back-office/subcases/${bmc}`)).statusCode).toBe(403);
    const accepted = await post(health, `/api/back-office/subcases/${bmc}/accept`, {});
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json<SubcaseView>().status.code).toBe('05');
    const twice = await post(health, `/api/back-office/subcases/${bmc}/accept`, {});
    expect(twice.statusCode).toBe(409);
    expect(twice.json<{ error: { code: string } }>().error.code).toBe('INVALID_TRANSITION');

    // bad bodies: no fields; the certificate number the dependent needs is missing
    expect((await post(health, `/api/back-office/subcases/${bmc}/approve`, { note: 'x' })).statusCode).toBe(400);
    expect((await post(health, `/api/back-office/subcases/${bmc}/not-accept`, {})).statusCode).toBe(400);
    const lacking = await post(health, `/api/back-office/subcases/${bmc}/approve`, { fields: { childName: '张小禾' } });
    expect(lacking.statusCode).toBe(422);
    expect(lacking.json<{ error: { code: string } }>().error.code).toBe('RESULT_FIELDS_MISSING');
    // named in Chinese and English, not by its key
    expect(lacking.json<{ error: { message: { zh: string; en: string } } }>().error.message).toEqual({
      zh: '办结结果缺少后续事项所需的信息：证书编号', en: 'The result lacks what later matters need: Certificate number',
    });
    // values are checked against the result field dictionary: a date that does not exist, a gender
    // outside its code table, a field the matter's result does not have; nothing is recorded
    const invalid = await post(health, `/api/back-office/subcases/${bmc}/approve`, { fields: { certificateNo: 'T430123456', birthDate: '2025-02-30', gender: 'M', wardNo: '3' } });
    expect(invalid.statusCode).toBe(422);
    const invalidBody = invalid.json<{ error: { code: string; message: { zh: string; en: string }; details: Array<{ path: string; code: string; zh: string }> } }>().error;
    expect(invalidBody.code).toBe('RESULT_FIELD_INVALID');
    expect(invalidBody.details.map((d) => [d.path, d.code])).toEqual([
      ['fields.birthDate', 'RESULT_FIELD_DATE'], ['fields.gender', 'RESULT_FIELD_CODE'], ['fields.wardNo', 'RESULT_FIELD_UNKNOWN'],
    ]);
    expect(invalidBody.message.zh).toContain('出生日期应为真实的日期');
    expect(invalidBody.message.zh).toContain('性别应为以下代码之一');
    expect(invalidBody.message.en).toContain('Date of birth must be a real date');
    expect(sub(await view(app.id), 'birth-medical-certificate').status.code).toBe('05');

    // a special procedure (特别程序) stops the clock; its end resumes it
    t.setNow(later(1));
    const special = await post(health, `/api/back-office/subcases/${bmc}/start-special`, { note: '核查医院出生记录' });
    expect(special.statusCode, special.body).toBe(200);
    expect(special.json<SubcaseView>()).toMatchObject({ status: { code: '09' }, clockPaused: true, promisedAt: null });
    expect((await post(health, `/api/back-office/subcases/${bmc}/start-special`, { note: '再次' })).statusCode).toBe(409);
    const ended = await post(health, `/api/back-office/subcases/${bmc}/end-special`, {});
    expect(ended.json<SubcaseView>()).toMatchObject({ status: { code: '08' }, clockPaused: false });

    t.setNow(later(2));
    const approved = await post(health, `/api/back-office/subcases/${bmc}/approve`, { fields: { certificateNo: ' T430123456 ', childName: '张小禾' } });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json<SubcaseView>().status.code).toBe('10');
    // the applicant's view names the result fields from the dictionary
    expect(sub(await view(app.id), 'birth-medical-certificate').resultFieldLabels).toEqual({
      certificateNo: { zh: '证书编号', en: 'Certificate number' }, childName: { zh: '新生儿姓名', en: "Child's name" },
    });
    expect(sub(await view(app.id), 'household-registration').resultFieldLabels).toEqual({});

    // released to the police with the certificate number in its slice of data
    const worklist = await get(police, '/api/back-office/subcases?status=02&sort=deadline');
    expect(worklist.statusCode).toBe(200);
    expect(worklist.json<{ items: Array<{ id: string }> }>().items.map((i) => i.id)).toContain(hr);
    const detail = await get(police, `/api/back-office/subcases/${hr}`);
    const data = detail.json<{ data: Record<string, unknown> }>().data;
    expect(data['child.birth-certificate-no']).toBe('T430123456');
    expect(data).not.toHaveProperty('child.birth-weight'); // 数据最小化: not this matter's element
    expect(await outbox('subcase.released', hr)).toBe(1);

    // supplement: the clock pauses, the citizen answers two days later, the clock resumes with the time left
    t.setNow(later(3));
    const acc = await post(police, `/api/back-office/subcases/${hr}/accept`, {});
    expect(acc.statusCode, acc.body).toBe(200);
    const promisedBefore = new Date(acc.json<SubcaseView>().promisedAt!);
    t.setNow(later(4));
    const asked = await post(police, `/api/back-office/subcases/${hr}/request-supplement`, { note: '请补充户主联系电话' });
    expect(asked.statusCode, asked.body).toBe(200);
    expect(asked.json<SubcaseView>()).toMatchObject({ status: { code: '06' }, clockPaused: true, promisedAt: null });
    const asking = await view(app.id);
    expect(asking.status.code).toBe('06');
    // the applicant sees the sub-case's own data, labelled, to correct it from any device; an officer does not
    const fields = (asking.subcases.find((s) => s.id === hr) as unknown as { fields: Array<{ code: string; label: { zh: string } }> }).fields;
    expect(fields.map((f) => f.code)).toContain('applicant.phone');
    expect(fields.find((f) => f.code === 'applicant.phone')!.label.zh).toMatch(/电话/);
    const asOfficer = (await get(police, `/api/applications/${app.id}`)).json<{ subcases: Array<{ fields?: unknown }> }>();
    expect(asOfficer.subcases.every((s) => s.fields === undefined)).toBe(true);
    expect((await post(elder, `/api/applications/${app.id}/subcases/${hr}/supplement`, { values: {} })).statusCode).toBe(404);
    expect((await post(elder, `/api/applications/${app.id}/subcases/${hr}/supplement`, { values: { 'child.birth-weight': 3000 } })).statusCode).toBe(404);
    expect((await post(health, `/api/back-office/subcases/${hr}/approve`, { fields: {} })).statusCode).toBe(403);
    expect((await post(citizen, `/api/applications/${app.id}/subcases/${hr}/supplement`, { values: { 'child.birth-weight': 3000 } })).statusCode).toBe(422);
    t.setNow(later(48));
    await signInAll();
    // the answer carries a file the officer sees on the sub-case page and downloads; another unit cannot
    const scan = Buffer.from('%PDF-1.4\n% 户口簿首页\n%%EOF\n');
    const up = await t.app.inject({ method: 'POST', url: `/api/uploads?name=${encodeURIComponent('户口簿首页.pdf')}`, headers: { ...citizen.headers, 'content-type': 'application/pdf' }, payload: scan });
    expect(up.statusCode, up.body).toBe(201);
    const scanId = up.json<{ id: string }>().id;
    const answered = await post(citizen, `/api/applications/${app.id}/subcases/${hr}/supplement`, { note: '已补充', values: { 'applicant.phone': '13907310009' }, uploadIds: [scanId] });
    expect(answered.statusCode, answered.body).toBe(200);
    const files = (await get(police, `/api/back-office/subcases/${hr}`)).json<{ supplementFiles: Array<{ uploadId: string; name: string; url: string; answeredAt: string }> }>().supplementFiles;
    expect(files).toEqual([expect.objectContaining({ uploadId: scanId, name: '户口簿首页.pdf', url: `/api/uploads/${scanId}` })]);
    const download = await get(police, files[0]!.url);
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.equals(scan)).toBe(true);
    expect((await get(await signIn(t.app, 'officer-tax'), files[0]!.url)).statusCode).toBe(404);
    const resumed = answered.json<SubcaseView>();
    expect(resumed).toMatchObject({ status: { code: '08' }, clockPaused: false });
    // 1 working day = 420 office minutes. Accepted Tue 13:00 (lunch): runs from 14:00, due Wed 12:00.
    // Paused Tue 14:00 with all 420 minutes left; resumed Thu 10:00: due Fri 10:00 (Shanghai).
    expect(promisedBefore.toISOString()).toBe('2025-06-11T04:00:00.000Z');
    expect(resumed.promisedAt).toBe('2025-06-13T02:00:00.000Z');

    // everyone approves: the application completes, with exactly one delivery event
    t.setNow(later(50));
    // a child's ID number "123", or one with a wrong check character, never reaches the message
    const goodId = makeResidentId('430104', '2025-06-01', 12);
    const wrongCheck = goodId.slice(0, 17) + (goodId[17] === '0' ? '1' : '0');
    for (const idNumber of ['123', wrongCheck, 12345]) {
      const refused = await post(police, `/api/back-office/subcases/${hr}/approve`, { fields: { idNumber, householdNo: '430104123456' } });
      expect(refused.statusCode).toBe(422);
      const e = refused.json<{ error: { code: string; message: { zh: string }; details: Array<{ path: string; code: string }> } }>().error;
      expect(e.code).toBe('RESULT_FIELD_INVALID');
      expect(e.details).toEqual([expect.objectContaining({ path: 'fields.idNumber', code: typeof idNumber === 'number' ? 'RESULT_FIELD_TYPE' : 'RESULT_FIELD_ID_NUMBER' })]);
      expect(e.message.zh).toMatch(/^办结结果有误：公民身份号码/);
    }
    expect(sub(await view(app.id), 'household-registration').status.code).toBe('08');
    const done = await post(police, `/api/back-office/subcases/${hr}/approve`, { fields: { idNumber: goodId, householdNo: '430104123456' } });
    expect(done.statusCode, done.body).toBe(200);
    a = await view(app.id);
    expect(a.status.code).toBe('10');
    expect(a.subcases.every((s) => s.status.code === '10')).toBe(true);
    expect(await outbox('application.completed', app.id)).toBe(1);
    expect(sub(a, 'household-registration').history.map((h) => h.event)).toEqual(['submit', 'receive', 'accept', 'requestSupplement', 'supplementAnswered', 'approve']);
    expect(a.history.map((h) => h.to)).toEqual(['02', '05', '08', '06', '08', '10']);

    // acting on a finished sub-case is a conflict; my applications list it
    expect((await post(police, `/api/back-office/subcases/${hr}/reject`, { reason: '重复' })).statusCode).toBe(409);
    const mine = (await get(citizen, '/api/applications')).json<Array<{ id: string }>>();
    expect(mine.map((m) => m.id)).toContain(app.id);
    expect((await get(elder, `/api/applications/${app.id}`)).statusCode).toBe(404);
    expect((await get(police, `/api/applications/${app.id}`)).statusCode).toBe(200);
    const tax = await signIn(t.app, 'officer-tax'); // a unit with no sub-case here
    expect((await get(tax, `/api/applications/${app.id}`)).statusCode).toBe(404);
    const reads = await sql<{ n: number }>`select count(*)::int as n from audit_log where action = 'case.subcase.read' and target_id = ${hr}`.execute(t.database.db);
    expect(reads.rows[0]!.n).toBeGreaterThan(0);
  });

  it('handles the whole theme: parallel where it can, in order where it must, each unit its own', async () => {
    t.setNow(T0);
    await signInAll();
    const officers = new Map<string, SignedIn>();
    for (const u of ['officer-health', 'officer-police', 'officer-hrss', 'officer-medins', 'officer-tax']) {
      const who = await signIn(t.app, u);
      const me = (await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: who.cookie } })).json<{ user?: { unitCode?: string }; unitCode?: string }>();
      officers.set(me.user?.unitCode ?? me.unitCode ?? u, who);
    }
    const res = await submit('newborn-key-full', { answers: FULL_ANSWERS, values: FULL_VALUES });
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json<{ id: string }>().id;
    const fields = { certificateNo: 'T430123456', idNumber: makeResidentId('430104', '2025-06-01', 12), householdNo: '430104123456', insuredNo: 'CS2025060100012' };
    const rounds: string[][] = [];
    const feeSteps: string[] = [];
    for (let a = await view(id); !['10', '12', '13'].includes(a.status.code); a = await view(id)) {
      const ready = a.subcases.filter((s) => s.status.code === '02');
      expect(ready.length, 'a sub-case is stuck').toBeGreaterThan(0);
      rounds.push(ready.map((s) => s.matterCode));
      for (const s of ready) {
        const officer = officers.get(s.unitCode);
        expect(officer, `no demo officer for unit ${s.unitCode} (matter ${s.matterCode})`).toBeDefined();
        expect((await post(officer!, `/api/back-office/subcases/${s.id}/accept`, {})).statusCode).toBe(200);
        // each matter's result carries only the fields it declares (others are refused)
        const declared = (await get(officer!, `/api/back-office/subcases/${s.id}`)).json<{ expectedResult: { fields: string[] } }>().expectedResult.fields;
        const own = Object.fromEntries(Object.entries(fields).filter(([k]) => declared.includes(k)));
        if (s.matterCode === 'medical-insurance-payment') {
          // 医保参保缴费 has a fee: approval waits for the payment, here taken at the counter
          feeSteps.push((await post(officer!, `/api/back-office/subcases/${s.id}/approve`, { fields: own })).json<{ error: { code: string } }>().error.code);
          feeSteps.push(String((await post(await signIn(t.app, 'counter'), `/api/counter/subcases/${s.id}/payments`, { receiptNo: 'HN-0001', amountFen: 38_000 })).statusCode));
        }
        const ok = await post(officer!, `/api/back-office/subcases/${s.id}/approve`, { fields: own });
        expect(ok.statusCode, ok.body).toBe(200);
      }
    }
    expect(rounds).toEqual([
      ['birth-medical-certificate'],
      ['vaccination-certificate', 'household-registration'],
      ['resident-medical-insurance-registration'],
      ['medical-insurance-payment', 'social-security-card'],
    ]);
    expect(feeSteps).toEqual(['PAYMENT_PENDING', '204']);
    expect((await view(id)).status.code).toBe('10');
    expect(await outbox('application.completed', id)).toBe(1);
  });

  it('voids every dependent, all the way down, when the first matter is rejected', async () => {
    t.setNow(T0);
    await signInAll();
    const id = (await submit('newborn-key-cascade', { answers: FULL_ANSWERS, values: FULL_VALUES })).json<{ id: string }>().id;
    const bmc = sub(await view(id), 'birth-medical-certificate').id;
    expect((await post(health, `/api/back-office/subcases/${bmc}/accept`, {})).statusCode).toBe(200);
    expect((await post(health, `/api/back-office/subcases/${bmc}/reject`, { reason: '出生信息与医院记录不符' })).statusCode).toBe(200);
    const a = await view(id);
    expect(a.subcases.map((s) => s.status.code)).toEqual(['10', '12', '12', '12', '12', '12']);
    expect(a.status.code).toBe('10');
    expect(await outbox('application.completed', id)).toBe(1);
    // each voided dependent names its prerequisite and what really happened to it: refused, not "办结";
    // further down, the refused matter the chain started from; in English by the matters' English names
    // (each language apart: a Chinese screen shows only the Chinese)
    const reasonOf = (matter: string) => String(sub(a, matter).result!.reason);
    const reasonEnOf = (matter: string) => String(sub(a, matter).result!.reasonEn);
    expect(reasonOf('household-registration')).toBe('前序事项“出生医学证明签发”不予批准，本事项无法办理');
    expect(reasonEnOf('household-registration')).toBe('the prerequisite "Issuing the Medical Certificate of Birth" was refused, so this matter cannot proceed');
    expect(reasonOf('resident-medical-insurance-registration')).toBe('前序事项“户口登记”因前序事项“出生医学证明签发”不予批准已作废，本事项无法办理');
    expect(reasonEnOf('resident-medical-insurance-registration')).toBe(
      'the prerequisite "Household registration (birth registration)" was voided because "Issuing the Medical Certificate of Birth" was refused, so this matter cannot proceed',
    );
    expect(reasonOf('social-security-card')).toBe('前序事项“城乡居民参保登记（基本医疗保险）”因前序事项“出生医学证明签发”不予批准已作废，本事项无法办理');
    const voidNote = sub(a, 'household-registration').history.find((h) => h.event === 'void')?.note;
    expect(voidNote).toBe(reasonOf('household-registration'));
  });

  it('documents its routes in OpenAPI', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json<{ paths: Record<string, unknown> }>();
    for (const p of ['/api/applications', '/api/applications/{id}', '/api/applications/{id}/withdraw', '/api/applications/{id}/subcases/{sid}/supplement', '/api/back-office/subcases', '/api/back-office/subcases/{id}', '/api/back-office/subcases/{id}/approve'])
      expect(doc.paths, p).toHaveProperty([p]);
  });

  it('makes one application from concurrent retries of one submit', async () => {
    t.setNow(T0);
    await signInAll();
    const results = await Promise.all([submit('newborn-key-race'), submit('newborn-key-race'), submit('newborn-key-race')]);
    const ids = new Set(results.map((r) => r.json<{ id: string }>().id));
    expect(ids.size).toBe(1);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 200, 201]);
    const other = await submit('newborn-key-race', { themeCode: 'marriage' });
    expect(other.statusCode).toBe(409);
  });

  it('voids the dependents of a rejected prerequisite, and lets the applicant withdraw', async () => {
    t.setNow(T0);
    await signInAll();
    const rejectedApp = (await submit('newborn-key-reject')).json<{ id: string }>();
    let a = await view(rejectedApp.id);
    const bmc = sub(a, 'birth-medical-certificate').id;
    expect((await post(health, `/api/back-office/subcases/${bmc}/accept`, {})).statusCode).toBe(200);
    expect((await post(health, `/api/back-office/subcases/${bmc}/reject`, { reason: '出生信息与医院记录不符' })).statusCode).toBe(200);
    a = await view(rejectedApp.id);
    expect(sub(a, 'household-registration').status.code).toBe('12');
    expect(a.status.code).toBe('10');
    expect(await outbox('application.completed', rejectedApp.id)).toBe(1);

    const withdrawn = (await submit('newborn-key-withdraw')).json<{ id: string }>();
    const w = await post(citizen, `/api/applications/${withdrawn.id}/withdraw`, { note: '信息填错，重新申请' });
    expect(w.statusCode, w.body).toBe(200);
    expect(w.json<AppView>().status.code).toBe('13');
    expect(w.json<AppView>().subcases.every((s) => s.status.code === '13')).toBe(true);
    expect(await outbox('application.withdrawn', withdrawn.id)).toBe(2); // one row per subscriber: the message, and refunds of what was paid
    expect((await post(citizen, `/api/applications/${withdrawn.id}/withdraw`, {})).statusCode).toBe(409);
    expect((await post(citizen, '/api/applications', { themeCode: 'newborn' })).statusCode).toBe(400);
    const invalid = await submit('newborn-key-invalid', { values: { ...VALUES, 'mother.id-number': '430105199403020000' } });
    expect(invalid.statusCode).toBe(422);
    expect(invalid.json<{ error: { code: string } }>().error.code).toBe('FORM_INVALID');
    // (a submit missing a required upload: one-form.test.ts — the newborn's only form is now generated and signed online)
  });
});
