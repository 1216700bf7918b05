// 一次送达 online: the result document an officer attaches when approving, and who may download it, on both databases.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestApp, signIn, type SignedIn, type TestApp } from '../../../tests/helpers/app.ts';
import { materialsFor } from '../../../tests/helpers/materials.ts';
import { DB_KINDS, postgresAvailable } from '../../../tests/helpers/databases.ts';
import { NEWBORN_ANSWERS as ANSWERS, NEWBORN_VALUES, withOwnChild } from '../../../tests/fixtures/newborn.ts';

const T0 = new Date('2025-06-10T02:00:00Z');
const PDF = Buffer.from('%PDF-1.4\n% 出生医学证明\n%%EOF\n');

interface SubcaseView {
  id: string; matterCode: string; status: { code: string }; result: Record<string, unknown> | null;
  resultDocument: { uploadId: string; name: string; contentType: string; size: number; url: string } | null;
}

const PG = await postgresAvailable();

for (const kind of DB_KINDS) describe.skipIf(kind === 'postgres' && !PG)(`result documents on ${kind}`, () => {
  let t: TestApp;
  let citizen: SignedIn, health: SignedIn, police: SignedIn, elder: SignedIn;

  beforeAll(async () => {
    t = await createTestApp(kind);
    t.setNow(T0);
    [citizen, health, police, elder] = await Promise.all([signIn(t.app, 'citizen'), signIn(t.app, 'officer-health'), signIn(t.app, 'officer-police'), signIn(t.app, 'elder')]);
  });
  afterAll(async () => {
    await t?.close();
  });

  const post = (who: SignedIn, url: string, payload: unknown = {}) => t.app.inject({ method: 'POST', url, headers: who.headers, payload: payload as object });
  const get = (who: SignedIn, url: string) => t.app.inject({ method: 'GET', url, headers: { cookie: who.cookie } });
  const upload = async (who: SignedIn, name: string) => {
    const res = await t.app.inject({ method: 'POST', url: `/api/uploads?name=${encodeURIComponent(name)}`, headers: { ...who.headers, 'content-type': 'application/pdf' }, payload: PDF });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<{ id: string }>().id;
  };
  const audits = async (id: string) =>
    (await sql<{ n: number }>`select count(*)::int as n from audit_log where action = 'material.upload.read' and target_id = ${id}`.execute(t.database.db)).rows[0]!.n;

  it('stores the officer\'s upload as the result document; the applicant and the unit may download it, others not', async () => {
    const res = await post(citizen, '/api/applications', {
      themeCode: 'newborn', answers: ANSWERS, values: withOwnChild(NEWBORN_VALUES, 'result-doc-0001'), delivery: { way: 'online' }, idempotencyKey: 'result-doc-0001',
      ...(await materialsFor(t.app, citizen, 'newborn', ANSWERS)),
    });
    expect(res.statusCode, res.body).toBe(201);
    const appId = res.json<{ id: string }>().id;
    const view = async () => (await get(citizen, `/api/applications/${appId}`)).json<{ subcases: SubcaseView[] }>();
    const bmc = (await view()).subcases.find((s) => s.matterCode === 'birth-medical-certificate')!.id;
    expect((await post(health, `/api/back-office/subcases/${bmc}/accept`, {})).statusCode).toBe(200);
    const fields = { certificateNo: 'T430123456' };

    // refused: another person's upload, an upload that does not exist, not a uuid; nothing stored
    const citizens = await upload(citizen, '我的.pdf');
    for (const [documentUploadId, status] of [[citizens, 422], ['00000000-0000-4000-8000-000000000000', 422], ['nope', 400]] as const) {
      const refused = await post(health, `/api/back-office/subcases/${bmc}/approve`, { fields, documentUploadId });
      expect(refused.statusCode, refused.body).toBe(status);
      if (status === 422) {
        const error = refused.json<{ error: { code: string; message: { zh: string; en: string } } }>().error;
        expect(error.code).toBe('RESULT_DOCUMENT_INVALID');
        expect(error.message.zh).toMatch(/结果文书/);
      }
      const still = (await view()).subcases.find((s) => s.id === bmc)!;
      expect(still.status.code).toBe('05');
      expect(still.result).toBeNull();
    }
    // the citizen's own file stays out of the officer's reach (no rule gives it to them)
    expect((await get(health, `/api/uploads/${citizens}`)).statusCode).toBe(404);

    // approved with the officer's upload; the name defaults to the file's
    const docId = await upload(health, '出生医学证明.pdf');
    const approved = await post(health, `/api/back-office/subcases/${bmc}/approve`, { fields, documentUploadId: docId });
    expect(approved.statusCode, approved.body).toBe(200);
    const done = (await view()).subcases.find((s) => s.id === bmc)!;
    expect(done.result).toMatchObject({ decision: 'approved', documentName: '出生医学证明.pdf', document: { uploadId: docId, name: '出生医学证明.pdf', contentType: 'application/pdf', size: PDF.length } });
    expect(done.resultDocument).toEqual({ uploadId: docId, name: '出生医学证明.pdf', contentType: 'application/pdf', size: PDF.length, url: `/api/uploads/${docId}` });
    // a sub-case without a document (not approved yet) has none
    expect((await view()).subcases.find((s) => s.id !== bmc)!.resultDocument).toBeNull();

    // the applicant downloads it
    const mine = await get(citizen, done.resultDocument!.url);
    expect(mine.statusCode).toBe(200);
    expect(mine.headers['content-disposition']).toMatch(/^attachment;/);
    expect(mine.rawPayload.equals(PDF)).toBe(true);
    // another citizen and another unit's officer: not found, as for any file they may not read
    expect((await get(elder, done.resultDocument!.url)).statusCode).toBe(404);
    expect((await get(police, done.resultDocument!.url)).statusCode).toBe(404);
    // another officer of the unit reads it, audited; the uploader's own read is not
    const before = await audits(docId);
    expect((await get(health, done.resultDocument!.url)).statusCode).toBe(200);
    expect(await audits(docId)).toBe(before);
    await sql`update uploads set owner_id = ${citizen.user.id} where id = ${docId}`.execute(t.database.db); // as if someone else of the unit had uploaded it
    const officerRead = await get(health, done.resultDocument!.url);
    expect(officerRead.statusCode).toBe(200);
    expect(officerRead.headers['content-disposition']).toMatch(/^attachment;/);
    expect(await audits(docId)).toBe(before + 1);
  });

  it('keeps approving without a document as before (a unit system\'s result, old rows)', async () => {
    const res = await post(citizen, '/api/applications', {
      themeCode: 'newborn', answers: ANSWERS, values: withOwnChild(NEWBORN_VALUES, 'result-doc-0002'), delivery: { way: 'online' }, idempotencyKey: 'result-doc-0002',
      ...(await materialsFor(t.app, citizen, 'newborn', ANSWERS)),
    });
    const appId = res.json<{ id: string }>().id;
    const view = async () => (await get(citizen, `/api/applications/${appId}`)).json<{ subcases: SubcaseView[] }>();
    const bmc = (await view()).subcases.find((s) => s.matterCode === 'birth-medical-certificate')!.id;
    await post(health, `/api/back-office/subcases/${bmc}/accept`, {});
    const approved = await post(health, `/api/back-office/subcases/${bmc}/approve`, { fields: { certificateNo: 'T430123457' }, documentName: '出生医学证明' });
    expect(approved.statusCode, approved.body).toBe(200);
    const done = (await view()).subcases.find((s) => s.id === bmc)!;
    expect(done.result).toMatchObject({ documentName: '出生医学证明' });
    expect(done.result).not.toHaveProperty('document');
    expect(done.resultDocument).toBeNull();
    // a row of an older or odd shape reads as no document
    await sql`update subcases set result = ${JSON.stringify({ decision: 'approved', fields: {}, document: { uploadId: 1 } })}::jsonb where id = ${bmc}`.execute(t.database.db);
    expect((await view()).subcases.find((s) => s.id === bmc)!.resultDocument).toBeNull();
  });
});
