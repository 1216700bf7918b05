// The unit worklist in keyset pages over the HTTP API, on both databases: every listing (both sorts,
// with and without a status filter) pages through all rows exactly once, in order, including the rows
// without a sort key (promised/released time not set) that come last; the capped count; bad cursors.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { hashPassword } from '../src/modules/identity/index.ts';
import { insertUserIfAbsent } from '../src/modules/identity/identity.repo.ts';
import { createTestApp, signIn, type SignedIn, type TestApp } from './helpers/app.ts';
import { DB_KINDS, postgresAvailable } from './helpers/databases.ts';

const UNIT = 'city-police';
const APPS = 420; // × 3 sub-cases of the unit = 1,260 > the count cap of 1,000
const STATUSES = ['01', '02', '05', '08', '10', '10'];

const PG = await postgresAvailable();

for (const kind of DB_KINDS) describe.skipIf(kind === 'postgres' && !PG)(`worklist keyset paging on ${kind}`, () => {
  let t: TestApp;
  let officer: SignedIn;
  beforeAll(async () => {
    t = await createTestApp(kind, { catalog: 'org' });
    await insertUserIfAbsent(t.database.db, { username: 'wl-officer', role: 'officer', name: '经办人', passwordHash: await hashPassword('Officer@2025!'), unitCode: UNIT });
    officer = await signIn(t.app, 'wl-officer', 'Officer@2025!');
    const applicant = (await t.database.db.selectFrom('users').select('id').where('username', '=', 'citizen').executeTakeFirstOrThrow()).id;
    // equal keys on purpose (ids break the ties), and some rows without a key
    await sql`insert into applications (id, number, theme_code, theme_version, applicant_id, channel, status, delivery_way, idempotency_key)
      select ('a0000000-0000-4000-8000-' || lpad(to_hex(g), 12, '0'))::uuid, 'YJT' || g, 'newborn', 1, ${applicant}, 'web', '05', 'online', 'k' || g
        from generate_series(1, ${APPS}) g`.execute(t.database.db);
    await sql`insert into subcases (id, application_id, seq, matter_code, matter_version, matter_name, unit_code, status, time_limit, promised_at, released_at)
      select ('b0000000-0000-4000-8000-' || lpad(to_hex(g * 3 + k), 12, '0'))::uuid, ('a0000000-0000-4000-8000-' || lpad(to_hex(g), 12, '0'))::uuid, k, 'm' || k, 1, '事项',
             case when k = 2 and g % 3 = 0 then 'city-health' else ${UNIT} end,
             (${STATUSES}::text[])[1 + (g * 3 + k) % 6],
             '{"value":1,"unit":"workday"}'::jsonb,
             case when (g * 3 + k) % 17 = 0 then null else timestamptz '2025-06-01' + ((g * 7 + k) % 50) * interval '1 hour' end,
             case when (g * 3 + k) % 13 = 0 then null else timestamptz '2025-05-01' + ((g * 11 + k) % 40) * interval '1 hour' end
        from generate_series(1, ${APPS}) g, generate_series(0, 2) k`.execute(t.database.db);
  }, 240_000); // generous: setting up waits for events (app, servers), a busy machine only makes it slower
  afterAll(async () => {
    await t?.close();
  });

  const page = async (qs: string) => {
    const res = await t.app.inject({ method: 'GET', url: `/api/back-office/subcases?${qs}`, headers: { cookie: officer.cookie } });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<{ items: Array<{ id: string; status: { code: string } }>; total: number; totalCapped: boolean; nextCursor: string | null; offset: number }>();
  };

  for (const sort of ['deadline', 'newest'] as const)
    for (const status of [undefined, '02', '10'])
      it(`${sort}${status ? `, status ${status}` : ''}: every row once, in order`, async () => {
        const col = sort === 'deadline' ? sql.ref('promised_at') : sql.ref('released_at');
        const dir = sort === 'deadline' ? sql`asc` : sql`desc`;
        const expected = (await sql<{ id: string }>`select id from subcases where unit_code = ${UNIT} and ${status ? sql`status = ${status}` : sql`status <> '01'`}
          order by ${col} ${dir} nulls last, id ${dir}`.execute(t.database.db)).rows.map((r) => r.id);
        const seen: string[] = [];
        let cursor: string | null = null;
        let first: { total: number; totalCapped: boolean } | undefined;
        for (let n = 0; n < 200; n++) {
          const p = await page(`sort=${sort}&limit=100${status ? `&status=${status}` : ''}${cursor ? `&cursor=${cursor}` : ''}`);
          first ??= { total: p.total, totalCapped: p.totalCapped };
          expect({ total: p.total, totalCapped: p.totalCapped }).toEqual(first);
          seen.push(...p.items.map((i) => i.id));
          cursor = p.nextCursor;
          if (!cursor) break;
        }
        expect(seen).toEqual(expected);
        expect(first).toEqual({ total: Math.min(expected.length, 1000), totalCapped: expected.length > 1000 });
        // old clients: offset paging gives the same rows
        const byOffset = await page(`sort=${sort}&limit=50&offset=120${status ? `&status=${status}` : ''}`);
        expect(byOffset.items.map((i) => i.id)).toEqual(expected.slice(120, 170));
      });

  it('refuses a cursor that is malformed or made for another listing (400 BAD_CURSOR)', async () => {
    const p = await page('sort=deadline&limit=5');
    for (const qs of [`sort=newest&cursor=${p.nextCursor}`, `sort=deadline&status=02&cursor=${p.nextCursor}`, 'cursor=bm9wZQ', 'cursor=ZHx8MXwyfDN8MA']) {
      const res = await t.app.inject({ method: 'GET', url: `/api/back-office/subcases?${qs}`, headers: { cookie: officer.cookie } });
      expect(res.statusCode, qs).toBe(400);
      expect(res.json<{ error: { code: string } }>().error.code).toBe('BAD_CURSOR');
    }
    const bad = await t.app.inject({ method: 'GET', url: '/api/back-office/subcases?cursor=not%20base64!', headers: { cookie: officer.cookie } });
    expect(bad.statusCode).toBe(400);
  });
});
