// Database-backed tests run on both databases: embedded PGlite and a PostgreSQL server.
// Without a server (and outside CI) the PostgreSQL half is skipped and says so loudly.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Database, type DbKind } from '../../src/platform/db.ts';
import { migrate } from '../../src/platform/migrate.ts';
import { findRootDir } from '../../src/config.ts';
import path from 'node:path';

export const PG_ADMIN_URL = process.env.YIJIAN_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const MIGRATIONS_DIR = path.join(findRootDir(), 'migrations');

let pgAvailable: boolean | undefined;
export async function postgresAvailable(): Promise<boolean> {
  if (pgAvailable !== undefined) return pgAvailable;
  const client = new pg.Client({ connectionString: PG_ADMIN_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('select 1');
    pgAvailable = true;
  } catch {
    pgAvailable = false;
  } finally {
    await client.end().catch(() => undefined);
  }
  if (!pgAvailable && process.env.CI === 'true') throw new Error(`PostgreSQL is required in CI but ${PG_ADMIN_URL} does not answer`);
  if (!pgAvailable) console.warn(`\n⚠ SKIPPED: PostgreSQL tests — no server at ${PG_ADMIN_URL}. Start PostgreSQL or set YIJIAN_TEST_PG_URL to run them.\n`);
  return pgAvailable;
}

export interface TestDatabase extends Database {
  url: string | undefined;
  drop(): Promise<void>;
}

/** A fresh, migrated database: in-memory PGlite, or a new PostgreSQL database dropped afterwards. */
export async function createTestDatabase(kind: DbKind): Promise<TestDatabase> {
  if (kind === 'pglite') {
    const d = await openDatabase({});
    await migrate(d.db, MIGRATIONS_DIR);
    return { ...d, url: undefined, drop: () => d.close() };
  }
  const name = `yj_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  const d = await openDatabase({ databaseUrl: url.toString(), poolSize: 10 });
  await migrate(d.db, MIGRATIONS_DIR);
  return {
    ...d,
    url: url.toString(),
    drop: async () => {
      await d.close();
      const a = new pg.Client({ connectionString: PG_ADMIN_URL });
      await a.connect();
      // pg-pool's end() resolves before its clients' connections are gone; a forced drop would then
      // kill a closing connection, whose error nobody listens to any more. Wait until they are gone.
      for (let i = 0; i < 100; i++) {
        const open = await a.query<{ n: string }>('select count(*) as n from pg_stat_activity where datname = $1', [name]);
        if (Number(open.rows[0]?.n ?? 0) === 0) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      await a.query(`drop database if exists ${name} with (force)`);
      await a.end();
    },
  };
}

/** The database kinds this run covers, for describe.each. */
export const DB_KINDS: DbKind[] = ['pglite', 'postgres'];
