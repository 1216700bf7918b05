// A fast generator of sub-cases for the worklist bench: N sub-cases (4 per application) with their
// applications and one history row each, made by PostgreSQL itself (insert … select generate_series)
// in chunks, with progress. Secondary indexes are dropped during the load and built once at the end
// (much faster than maintaining them row by row); foreign-key triggers are skipped
// (session_replication_role = replica: superuser) since the rows are made consistent by construction.
//
//   node --import tsx bench/gen-worklist.ts DATABASE_URL [rows]       (standalone)
import pg from 'pg';

export interface GenerateOptions {
  rows: number;
  chunk?: number;
  log?: (msg: string) => void;
}

export interface GenerateResult {
  subcases: number;
  applications: number;
  seconds: number;
  /** of which building the indexes */
  indexSeconds: number;
}

/** The application/sub-case of row i get fixed uuids, so runs are repeatable and rows can be addressed. */
export const appUuid = (i: number) => `a0000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`;
export const subUuid = (i: number) => `b0000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`;
const SQL_APP_UUID = (expr: string) => `('a0000000-0000-4000-8000-' || lpad(to_hex(${expr}), 12, '0'))::uuid`;
const SQL_SUB_UUID = (expr: string) => `('b0000000-0000-4000-8000-' || lpad(to_hex(${expr}), 12, '0'))::uuid`;

const TABLES = ['applications', 'subcases', 'case_history'];

export async function generateWorklist(databaseUrl: string, opts: GenerateOptions): Promise<GenerateResult> {
  const log = opts.log ?? ((m: string) => process.stderr.write(`… ${m}\n`));
  const t0 = performance.now();
  const c = new pg.Client({ connectionString: databaseUrl });
  await c.connect();
  try {
    const applicant = (await c.query<{ id: number }>(`select id from users where username = 'citizen'`)).rows[0]?.id;
    if (applicant === undefined) throw new Error('gen-worklist: the demo citizen is missing (start the server once with SEED_DEMO=true)');
    const units = (await c.query<{ code: string; level: string }>(`select code, level from units order by code`)).rows;
    const city = units.filter((u) => u.level === 'city').map((u) => u.code);
    const local = units.filter((u) => u.level !== 'city').map((u) => u.code);
    if (city.length === 0) throw new Error('gen-worklist: no units (load the catalog first)');
    const matters = (await c.query<{ code: string; name: string }>(`select distinct on (code) code, doc->>'name' as name from matter_versions order by code, version desc limit 40`)).rows;
    const themeRow = (await c.query<{ code: string; version: number }>(`select code, version from theme_versions order by code limit 1`)).rows[0];
    const theme = themeRow ?? { code: 'newborn', version: 1 };

    const appsWanted = Math.ceil(opts.rows / 4);
    const existing = Number((await c.query<{ n: string }>(`select count(*) as n from subcases where id::text like 'b0000000-%'`)).rows[0]!.n);
    if (existing >= opts.rows) {
      log(`already ${existing.toLocaleString()} generated sub-cases; nothing to do`);
      return { subcases: existing, applications: appsWanted, seconds: 0, indexSeconds: 0 };
    }
    if (existing > 0) throw new Error(`gen-worklist: a partial earlier load (${existing} rows) — use a fresh database`);

    // secondary indexes off during the load (primary keys and unique constraints stay: they are the table's identity)
    const idx = (await c.query<{ indexname: string; indexdef: string }>(
      `select i.indexname, i.indexdef from pg_indexes i
        where i.schemaname = 'public' and i.tablename = any($1)
          and not exists (select 1 from pg_constraint k where k.conname = i.indexname)`, [TABLES])).rows;
    for (const i of idx) await c.query(`drop index ${i.indexname}`);
    log(`dropped ${idx.length} secondary indexes for the load`);
    await c.query(`set session_replication_role = replica`); // no FK trigger per row
    await c.query(`set synchronous_commit = off`);
    // unlogged would be faster still, but the bench must read an ordinary table

    // units: 90 % to the 34 city departments, 10 % to district/street ones; statuses spread like a live system
    await c.query(`create temp table gen_units(n int primary key, code text)`);
    await c.query(`insert into gen_units select n - 1, code from unnest($1::text[]) with ordinality as u(code, n)`, [[...city, ...local]]);
    await c.query(`create temp table gen_matters(n int primary key, code text, name text)`);
    await c.query(`insert into gen_matters select n - 1, code, coalesce(name, code) from unnest($1::text[], $2::text[]) with ordinality as m(code, name, n)`,
      [matters.map((m) => m.code), matters.map((m) => m.name)]);
    const nCity = city.length;
    const nLocal = Math.max(1, local.length);
    const nMatters = Math.max(4, matters.length);

    const chunk = opts.chunk ?? 250_000; // applications per chunk
    for (let from = 0; from < appsWanted; from += chunk) {
      const to = Math.min(appsWanted, from + chunk) - 1;
      const tc = performance.now();
      await c.query('begin');
      await c.query(
        `insert into applications (id, number, theme_code, theme_version, applicant_id, channel, status, answers, delivery_way, idempotency_key, created_at, updated_at)
         select ${SQL_APP_UUID('g')}, 'YJ' || to_char(timestamptz '2025-01-01' + (g % 500) * interval '1 day', 'YYYYMMDD') || lpad(g::text, 9, '0'),
                $1, $2, $3, 'web', case when g % 5 = 0 then '05' else '10' end, '{}'::jsonb, 'online', 'gen-' || g,
                timestamptz '2025-01-01' + (g % 500) * interval '1 day' + (g % 86400) * interval '1 second',
                timestamptz '2025-01-01' + (g % 500) * interval '1 day' + (g % 86400) * interval '1 second'
           from generate_series($4::int, $5::int) g`,
        [theme.code, theme.version, applicant, from, to]);
      await c.query(
        `insert into subcases (id, application_id, seq, matter_code, matter_version, matter_name, unit_code, status, data, elements, inputs, result,
                               time_limit, promised_at, clock, released_at, needs, created_at, updated_at)
         select ${SQL_SUB_UUID('s.i')}, ${SQL_APP_UUID('s.g')}, s.k, m.code, 1, m.name, u.code, s.status,
                '{"applicant.phone":"13807310001"}'::jsonb, '{applicant.phone}', '[]'::jsonb,
                case when s.status = '10' then '{"decision":"approved","fields":{}}'::jsonb end,
                '{"value":5,"unit":"workday"}'::jsonb,
                case when s.status <> '01' then s.created + ((s.i * 7919) % (40 * 86400)) * interval '1 second' end,
                null, case when s.status <> '01' then s.created end,
                case when s.status = '01' then '{x}'::text[] else '{}'::text[] end, s.created, s.created
           from (select g, k, g::bigint * 4 + k as i,
                        timestamptz '2025-01-01' + (g % 500) * interval '1 day' + (g % 86400) * interval '1 second' as created,
                        case when k = 3 and g % 5 = 0 then '01'
                             else (array['02','02','05','05','08','06','09','10','10','10','10','10','10','10','10','10','10','10','10','10'])[1 + ((g::bigint * 4 + k) * 2654435761 % 20)::int]
                        end as status
                   from generate_series($1::int, $2::int) g, generate_series(0, 3) k) s
           join gen_units u on u.n = case when (s.i * 40503) % 10 = 0 then ${nCity} + ((s.i * 7) % ${nLocal}) else (s.i * 13) % ${nCity} end
           join gen_matters m on m.n = (s.g + s.k * 7) % ${nMatters}`,
        [from, to]);
      await c.query(
        `insert into case_history (case_kind, case_id, application_id, from_status, to_status, event, actor_id, actor_role, note, at)
         select 'subcase', ${SQL_SUB_UUID('g * 4 + k')}, ${SQL_APP_UUID('g')}, '01', '02', 'receive', null, 'system', '分发至承办单位 / dispatched to the unit',
                timestamptz '2025-01-01' + (g % 500) * interval '1 day'
           from generate_series($1::int, $2::int) g, generate_series(0, 3) k`,
        [from, to]);
      await c.query('commit');
      const done = (to + 1) * 4;
      const rate = ((to - from + 1) * 4) / ((performance.now() - tc) / 1000);
      log(`${Math.min(done, opts.rows).toLocaleString()} / ${opts.rows.toLocaleString()} sub-cases (${Math.round(rate).toLocaleString()} rows/s, ${((performance.now() - t0) / 1000).toFixed(0)} s)`);
    }
    await c.query(`set session_replication_role = origin`);
    const ti = performance.now();
    await c.query(`set maintenance_work_mem = '512MB'`);
    for (const i of idx) {
      log(`building ${i.indexname}`);
      await c.query(i.indexdef);
    }
    const indexSeconds = (performance.now() - ti) / 1000;
    log('vacuum analyze (visibility map for index-only scans, planner statistics)');
    for (const t of TABLES) await c.query(`vacuum (analyze) ${t}`);
    await c.query(`select setval('application_number_seq', $1)`, [appsWanted + 1]);
    return { subcases: appsWanted * 4, applications: appsWanted, seconds: (performance.now() - t0) / 1000, indexSeconds };
  } finally {
    await c.end();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [url, rows] = process.argv.slice(2);
  if (!url) {
    console.error('usage: node --import tsx bench/gen-worklist.ts DATABASE_URL [rows]');
    process.exit(2);
  }
  const r = await generateWorklist(url, { rows: Number(rows ?? 10_000_000) });
  console.log(`${r.subcases.toLocaleString()} sub-cases, ${r.applications.toLocaleString()} applications in ${r.seconds.toFixed(1)} s (indexes ${r.indexSeconds.toFixed(1)} s)`);
}
