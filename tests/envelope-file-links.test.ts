// A unit's system follows the material links of its task envelope as they come: absolute URLs under
// Yijian's PUBLIC_URL, downloaded over real HTTP with no other credential (the pull API is used to
// get the envelope, so the links are the ones a system really receives).
import { createHash } from 'node:crypto';
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOutboxDispatcher } from '../src/worker.ts';
import { signRequest } from '../src/modules/dispatch/signing.ts';
import type { TTaskEnvelope } from '../src/contract/dispatch.ts';
import { createTestApp, signIn, type TestApp } from './helpers/app.ts';
import { DB_KINDS, postgresAvailable } from './helpers/databases.ts';
import { materialsFor } from './helpers/materials.ts';
import { NEWBORN_ANSWERS as ANSWERS, NEWBORN_VALUES as VALUES } from './fixtures/newborn.ts';

const UNIT = 'city-health';

/** A port free right now, so PUBLIC_URL can name it before the app is built. */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

const PG = await postgresAvailable();

for (const kind of DB_KINDS) describe.skipIf(kind === 'postgres' && !PG)(`material links in task envelopes (${kind})`, () => {
  let t: TestApp;
  let publicUrl = '';

  beforeAll(async () => {
    const port = await freePort();
    publicUrl = `http://127.0.0.1:${port}`;
    t = await createTestApp(kind, { env: { PUBLIC_URL: publicUrl } });
    await t.app.listen({ port, host: '127.0.0.1' });
  }, 120_000);
  afterAll(async () => t?.close());

  it('are absolute under PUBLIC_URL, and the unit downloads the file through them', async () => {
    const [admin, citizen] = await Promise.all([signIn(t.app, 'admin'), signIn(t.app, 'citizen')]);
    const adapter = await t.app.inject({ method: 'PUT', url: `/api/admin/adapters/${UNIT}`, headers: admin.headers, payload: { kind: 'pull', endpointUrl: null } });
    expect(adapter.statusCode, adapter.body).toBe(200);
    const key = (await t.app.inject({ method: 'POST', url: `/api/admin/adapters/${UNIT}/keys`, headers: admin.headers, payload: {} })).json<{ keyId: string; secret: string }>();
    const submitted = await t.app.inject({
      method: 'POST', url: '/api/applications', headers: citizen.headers,
      payload: { themeCode: 'newborn', answers: ANSWERS, values: VALUES, delivery: { way: 'online' }, idempotencyKey: `file-links-${kind}-0001`, ...(await materialsFor(t.app, citizen, 'newborn', ANSWERS)) },
    });
    expect(submitted.statusCode, submitted.body).toBe(201);
    await createOutboxDispatcher(t.ctx).drain();

    // the unit's system polls over HTTP, as it would in production
    const path = '/api/adapter/v1/tasks?wait=0&limit=10';
    const polled = await fetch(`${publicUrl}${path}`, { headers: signRequest({ unitCode: UNIT, keyId: key.keyId, secret: key.secret, method: 'GET', pathWithQuery: path }) });
    expect(polled.status).toBe(200);
    const { tasks } = (await polled.json()) as { tasks: TTaskEnvelope[] };
    const files = tasks.flatMap((task) => task.subcase.materials.flatMap((m) => m.files.map((f) => ({ ...f, subcaseId: task.subcase.id }))));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      expect(file.url).toMatch(new RegExp(`^${publicUrl.replace(/\./g, '\\.')}/api/adapter/v1/files/[0-9a-f-]{36}\\?subcase=${file.subcaseId}&expires=\\d+&sig=[0-9a-f]{64}$`));
      const got = await fetch(file.url);
      expect(got.status, got.status === 200 ? '' : await got.text()).toBe(200);
      const bytes = Buffer.from(await got.arrayBuffer());
      expect(bytes.length).toBe(file.size);
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(file.sha256);
    }
    // reading an applicant's file is audited, with the unit's system as the reader
    const reads = await t.database.db.selectFrom('audit_log').select(['actor_id', 'actor_role', 'detail']).where('action', '=', 'material.upload.read').execute();
    expect(reads).toHaveLength(files.length);
    expect(reads[0]).toMatchObject({ actor_id: null, actor_role: 'adapter', detail: { unitCode: UNIT, subcaseId: files[0]!.subcaseId } });
    // the signature still guards the link
    const tampered = files[0]!.url.replace(/sig=([0-9a-f])/, (_, d: string) => `sig=${d === '0' ? '1' : '0'}`);
    expect((await fetch(tampered)).status).toBe(403);
  }, 60_000);
});
