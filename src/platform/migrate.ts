// Plain SQL migrations, the same files for PGlite and PostgreSQL (use only what PostgreSQL 15 has).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import type { Db } from './db.ts';

const MIGRATION_LOCK = 72_0001; // advisory lock key: one migrator at a time across processes

export interface MigrationResult {
  applied: string[];
}

export async function migrate(db: Db, migrationsDir: string): Promise<MigrationResult> {
  const files = readdirSync(migrationsDir)
    .filter((f) => /^\d{3}_[\w-]+\.sql$/.test(f))
    .sort();
  // under the lock too: two concurrent "create table if not exists" can collide in PostgreSQL's catalog
  await db.transaction().execute(async (tx) => {
    await sql`select pg_advisory_xact_lock(${MIGRATION_LOCK})`.execute(tx);
    await sql`create table if not exists schema_migrations (
      name text primary key,
      applied_at timestamptz not null default now()
    )`.execute(tx);
  });
  const done = new Set((await sql<{ name: string }>`select name from schema_migrations`.execute(db)).rows.map((r) => r.name));
  const applied: string[] = [];
  for (const file of files) {
    if (done.has(file)) continue;
    const body = readFileSync(path.join(migrationsDir, file), 'utf8');
    await db.transaction().execute(async (tx) => {
      await sql`select pg_advisory_xact_lock(${MIGRATION_LOCK})`.execute(tx);
      const again = await sql`select 1 from schema_migrations where name = ${file}`.execute(tx);
      if (again.rows.length > 0) return; // another process applied it while we waited
      await sql.raw(body).execute(tx);
      await sql`insert into schema_migrations (name) values (${file})`.execute(tx);
      applied.push(file);
    });
  }
  return { applied };
}
