// Refused adapter calls are audited, throttled: a flood of junk from one address makes one row a
// minute per (action, unit, IP), the next row counting what was held back.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, type TestApp } from '../../../tests/helpers/app.ts';
import { DB_KINDS, postgresAvailable } from '../../../tests/helpers/databases.ts';
import { signRequest } from './signing.ts';

const T0 = new Date('2025-06-10T02:00:00Z');
const UNIT = 'city-health';

const PG = await postgresAvailable();

for (const kind of DB_KINDS) describe.skipIf(kind === 'postgres' && !PG)(`refused adapter calls on ${kind}`, () => {
  let t: TestApp;
  let keyId = '';

  beforeAll(async () => {
    t = await createTestApp(kind, { catalog: 'org' });
    t.setNow(T0);
    const admin = await signIn(t.app, 'admin');
    expect((await t.app.inject({ method: 'PUT', url: `/api/admin/adapters/${UNIT}`, headers: admin.headers, payload: { kind: 'pull', endpointUrl: null } })).statusCode).toBe(200);
    keyId = (await t.app.inject({ method: 'POST', url: `/api/admin/adapters/${UNIT}/keys`, headers: admin.headers, payload: {} })).json<{ keyId: string }>().keyId;
  }, 120_000);
  afterAll(async () => t?.close());

  const badlySigned = (now: Date) => {
    const url = '/api/adapter/v1/subcases/00000000-0000-4000-8000-000000000000';
    return t.app.inject({ method: 'GET', url, headers: signRequest({ unitCode: UNIT, keyId, secret: 'not-the-secret', method: 'GET', pathWithQuery: url, now }) });
  };
  const rows = async () =>
    (await sql<{ target_id: string; ip: string; detail: Record<string, unknown> }>`select target_id, ip, detail from audit_log where action = 'dispatch.adapter.signature-invalid' order by id`.execute(t.database.db)).rows;

  it('audits 50 bad signatures in a row once, and the next row a minute later counts the 49 held back', async () => {
    for (let i = 0; i < 50; i++) {
      const res = await badlySigned(T0);
      expect(res.statusCode).toBe(401);
      expect(res.json<{ error: { code: string } }>().error.code).toBe('ADAPTER_SIGNATURE_INVALID');
    }
    expect(await rows()).toHaveLength(1);
    expect((await rows())[0]!.detail.suppressed).toBeUndefined();

    const later = new Date(T0.getTime() + 60_000);
    t.setNow(later);
    expect((await badlySigned(later)).statusCode).toBe(401);
    const written = await rows();
    expect(written).toHaveLength(2);
    expect(written[1]).toMatchObject({ target_id: UNIT, ip: '127.0.0.1', detail: { problem: expect.any(String), suppressed: 49 } });
  });
});
