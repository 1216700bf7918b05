// One query layer (Kysely) over two databases: embedded PGlite (default) or a PostgreSQL server.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Config } from '../config.ts';
import { Kysely, PostgresDialect, sql, type Transaction } from 'kysely';
import type { DB } from './db-schema.ts';
import { PGliteDialect } from './pglite-dialect.ts';

export type DbKind = 'pglite' | 'postgres';
export type Db = Kysely<DB>;
export type Tx = Transaction<DB>;

export interface Database {
  db: Db;
  kind: DbKind;
  close(): Promise<void>;
}

// int8 and numeric come back as numbers on both drivers (our counts and ids fit in 2^53).
const INT8 = 20;
const NUMERIC = 1700;

export interface OpenOptions {
  databaseUrl?: string | undefined;
  /** Folder for PGlite's files; undefined = in memory (tests). */
  dataDir?: string | undefined;
  poolSize?: number;
}

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  if (opts.databaseUrl) {
    // loaded only when used: the embedded database starts faster without it
    const { default: pg } = await import('pg');
    pg.types.setTypeParser(INT8, (v) => Number(v));
    pg.types.setTypeParser(NUMERIC, (v) => Number(v));
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: opts.poolSize ?? 20 });
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    await sql`select 1`.execute(db);
    return { db, kind: 'postgres', close: () => db.destroy() };
  }
  const { PGlite } = await import('@electric-sql/pglite');
  if (opts.dataDir) mkdirSync(opts.dataDir, { recursive: true });
  const lite = await PGlite.create({
    ...(opts.dataDir ? { dataDir: opts.dataDir } : {}),
    parsers: { [INT8]: (v: string) => Number(v), [NUMERIC]: (v: string) => Number(v) },
  });
  const db = new Kysely<DB>({ dialect: new PGliteDialect(lite) });
  return { db, kind: 'pglite', close: () => db.destroy() };
}

/** The database the configuration names: a PostgreSQL server, or PGlite in DATA_DIR/pglite. */
export function openConfiguredDatabase(config: Pick<Config, 'databaseUrl' | 'dataDir'>): Promise<Database> {
  return openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.databaseUrl ? undefined : path.join(config.dataDir, 'pglite') });
}
