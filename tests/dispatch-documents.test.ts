// A unit's system delivers its result document: the simulated department system approves a
// certificate with realistic values (出生医学证明: a letter and 9 digits) and sends the certificate
// itself as a generated PDF (signed POST /api/adapter/v1/documents) before the approval that names
// it; the applicant downloads that PDF from the status page's link. A document sent unsigned, or of
// another type, is refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOutboxDispatcher } from '../src/worker.ts';
import { signRequest } from '../src/modules/dispatch/index.ts';
import { startDepartmentSimulator, type RunningDepartmentSimulator } from '../sim/departments/start-simulator.ts';
import { createTestApp, signIn, type TestApp } from './helpers/app.ts';
import { DB_KINDS, postgresAvailable } from './helpers/databases.ts';
import { applicationBody, applicationTemplate, injectRequester, until, type Session } from './helpers/dispatch-harness.ts';

interface AppView {
  id: string;
  subcases: Array<{ id: string; matterCode: string; unitCode: string; status: { code: string }; result: { fields?: Record<string, unknown> } | null; resultDocument: { url: string; name: string; contentType: string } | null }>;
}

const PG = await postgresAvailable();

for (const kind of DB_KINDS) describe.skipIf(kind === 'postgres' && !PG)(`a department system delivers its result document (${kind})`, () => {
  let t: TestApp;
  let stopWorker: (() => Promise<void>) | undefined;
  let sim: RunningDepartmentSimulator | undefined;

  beforeAll(async () => {
    t = await createTestApp(kind);
    await t.app.listen({ port: 0, host: '127.0.0.1' });
  }, 120_000);
  afterAll(async () => {
    await stopWorker?.();
    await sim?.stop();
    await t?.close();
  });

  it('approves a certificate with its number and its PDF, which the applicant downloads', async () => {
    const address = t.app.server.address();
    const yijianUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    const req = injectRequester(t.app);
    const [citizen, admin] = await Promise.all([signIn(t.app, 'citizen'), signIn(t.app, 'admin')]);
    const who: Session = { cookie: citizen.cookie, headers: citizen.headers };
    const unitCode = 'city-health'; // 出生医学证明 (a certificate), the newborn theme's first matter
    const key = (await req('POST', `/api/admin/adapters/${unitCode}/keys`, {}, admin.headers)).body as { keyId: string; secret: string };
    sim = await startDepartmentSimulator({ unitCode, unitName: '长沙市卫生健康委员会', keyId: key.keyId, secret: key.secret, mode: 'push', yijianUrl, delayMs: 20, approve: 1 });
    expect((await req('PUT', `/api/admin/adapters/${unitCode}`, { kind: 'push', endpointUrl: sim.url }, admin.headers)).status).toBe(200);
    stopWorker = createOutboxDispatcher(t.ctx).start(50);

    // a document of another type, or unsigned, is refused and stored nowhere
    const path = '/api/adapter/v1/documents?name=x.pdf';
    const text = Buffer.from('not a document');
    const wrongType = await t.app.inject({ method: 'POST', url: path, payload: text, headers: { 'content-type': 'application/octet-stream', ...signRequest({ unitCode, ...key, method: 'POST', pathWithQuery: path, body: text }) } });
    expect(wrongType.statusCode).toBe(422);
    const unsigned = await t.app.inject({ method: 'POST', url: path, payload: Buffer.from('%PDF-1.4\n%%EOF\n'), headers: { 'content-type': 'application/pdf' } });
    expect(unsigned.statusCode).toBe(401);

    const template = await applicationTemplate(req, t.database, who, 'newborn', 7);
    const created = await req('POST', '/api/applications', await applicationBody(req, who, template, `documents-${kind}`), who.headers);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id = (created.body as { id: string }).id;
    const view = async () => (await req('GET', `/api/applications/${id}`, undefined, { cookie: who.cookie })).body as AppView;
    const approved = await until('the certificate approved', async () => {
      const sub = (await view()).subcases.find((s) => s.matterCode === 'birth-medical-certificate');
      return sub?.status.code === '10' ? sub : undefined;
    }, 30_000);

    expect(approved.result?.fields?.certificateNo).toMatch(/^[A-Z]\d{9}$/);
    expect(approved.resultDocument).toMatchObject({ contentType: 'application/pdf', name: '出生医学证明.pdf' });
    const file = await t.app.inject({ method: 'GET', url: approved.resultDocument!.url, headers: { cookie: who.cookie } });
    expect(file.statusCode).toBe(200);
    expect(file.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect(file.rawPayload.length).toBeGreaterThan(1000);
  }, 90_000);
});
