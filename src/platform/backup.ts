// Backup and restore of one installation: the database (the embedded PGlite's data folder, dumped
// with PGlite's dumpDataDir, or PostgreSQL through pg_dump / pg_restore) and the uploaded materials
// (UPLOAD_DIR, files named by their sha256), in one .tar.gz with a manifest that says what is in it
// and how many applications, sub-cases and uploads it holds. A restore goes into an empty folder or
// an empty database only, checks every file against its hash and the counts against the manifest.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Config } from '../config.ts';

const run = promisify(execFile);

/** What a backup counts, and finds again after a restore. */
const COUNTED = ['applications', 'subcases', 'uploads', 'users'] as const;

export interface BackupManifest {
  format: 1;
  createdAt: string;
  database: 'pglite' | 'postgres';
  migrations: string[];
  counts: Record<(typeof COUNTED)[number], number>;
  uploads: Array<{ path: string; size: number }>;
}

export type Progress = (line: string) => void;

type BackupConfig = Pick<Config, 'databaseUrl' | 'dataDir' | 'uploadDir'>;

const pgliteDir = (config: Pick<Config, 'dataDir'>) => path.join(config.dataDir, 'pglite');
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

async function* walk(dir: string, rel = ''): AsyncGenerator<string> {
  if (!existsSync(dir)) return;
  for (const e of await readdir(path.join(dir, rel), { withFileTypes: true })) {
    const p = path.join(rel, e.name);
    if (e.isDirectory()) yield* walk(dir, p);
    else if (e.isFile() && !e.name.startsWith('.tmp-')) yield p;
  }
}

async function isEmptyDir(dir: string): Promise<boolean> {
  return !existsSync(dir) || (await readdir(dir)).length === 0;
}

// ---------- the database ----------

interface DbAccess {
  counts(): Promise<BackupManifest['counts']>;
  migrations(): Promise<string[]>;
  close(): Promise<void>;
}

async function countsOf(query: (text: string) => Promise<Array<Record<string, unknown>>>): Promise<BackupManifest['counts']> {
  const out = {} as BackupManifest['counts'];
  for (const table of COUNTED) out[table] = Number((await query(`select count(*)::int as n from ${table}`))[0]!.n);
  return out;
}

async function openPglite(dataDir: string, load?: Blob) {
  const { PGlite } = await import('@electric-sql/pglite');
  return PGlite.create({ dataDir, ...(load ? { loadDataDir: load } : {}) });
}

function liteAccess(lite: Awaited<ReturnType<typeof openPglite>>): DbAccess {
  const query = async (text: string) => (await lite.query<Record<string, unknown>>(text)).rows;
  return {
    counts: () => countsOf(query),
    migrations: async () => (await query('select name from schema_migrations order by name')).map((r) => String(r.name)),
    close: () => lite.close(),
  };
}

async function pgAccess(url: string): Promise<DbAccess> {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const query = async (text: string) => (await client.query<Record<string, unknown>>(text)).rows;
  return {
    counts: () => countsOf(query),
    migrations: async () => (await query('select name from schema_migrations order by name')).map((r) => String(r.name)),
    close: () => client.end(),
  };
}

// ---------- backup ----------

/** Writes the backup to `out` (a .tar.gz). On PGlite the server must be stopped (one process owns its files). */
export async function backup(config: BackupConfig, out: string, progress: Progress): Promise<BackupManifest> {
  const staging = await mkdtemp(path.join(tmpdir(), 'yj-backup-'));
  try {
    await mkdir(path.join(staging, 'database'));
    let db: DbAccess;
    if (config.databaseUrl) {
      progress('database: pg_dump (PostgreSQL, custom format) …');
      await run('pg_dump', ['--format=custom', '--no-owner', '--no-privileges', `--file=${path.join(staging, 'database', 'postgres.dump')}`, config.databaseUrl], { maxBuffer: 64 * 1024 * 1024 });
      db = await pgAccess(config.databaseUrl);
    } else {
      if (!existsSync(path.join(pgliteDir(config), 'PG_VERSION'))) throw new Error(`no embedded database in ${pgliteDir(config)} (DATA_DIR=${config.dataDir})`);
      progress(`database: dumping the embedded database in ${pgliteDir(config)} …`);
      const lite = await openPglite(pgliteDir(config));
      const dump = await lite.dumpDataDir('gzip');
      await writeFile(path.join(staging, 'database', 'pglite.tar.gz'), Buffer.from(await dump.arrayBuffer()));
      db = liteAccess(lite);
    }
    const [counts, migrations] = await Promise.all([db.counts(), db.migrations()]).finally(() => db.close());
    const dbFile = path.join(staging, 'database', config.databaseUrl ? 'postgres.dump' : 'pglite.tar.gz');
    progress(`database: ${mb((await stat(dbFile)).size)}; ${counts.applications} applications, ${counts.subcases} sub-cases, ${counts.uploads} uploads, ${counts.users} users`);

    const uploads: BackupManifest['uploads'] = [];
    const files: string[] = [];
    for await (const rel of walk(config.uploadDir)) files.push(rel);
    let bytes = 0;
    for (const [i, rel] of files.entries()) {
      const to = path.join(staging, 'uploads', rel);
      await mkdir(path.dirname(to), { recursive: true });
      await copyFile(path.join(config.uploadDir, rel), to);
      const size = (await stat(to)).size;
      bytes += size;
      uploads.push({ path: rel.split(path.sep).join('/'), size });
      if ((i + 1) % 100 === 0 || i + 1 === files.length) progress(`uploads: ${i + 1}/${files.length} files, ${mb(bytes)}`);
    }
    if (files.length === 0) progress(`uploads: none in ${config.uploadDir}`);

    const manifest: BackupManifest = { format: 1, createdAt: new Date().toISOString(), database: config.databaseUrl ? 'postgres' : 'pglite', migrations, counts, uploads };
    await writeFile(path.join(staging, 'manifest.json'), JSON.stringify(manifest, null, 2));
    await mkdir(path.dirname(path.resolve(out)), { recursive: true });
    progress(`writing ${out} …`);
    await run('tar', ['-czf', path.resolve(out), '-C', staging, '.']);
    progress(`done: ${out} (${mb((await stat(out)).size)})`);
    return manifest;
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

// ---------- restore ----------

export class RestoreRefused extends Error {}

/** Restores `file` into this configuration's empty database and empty upload folder, then checks it. */
export async function restore(config: BackupConfig, file: string, progress: Progress): Promise<BackupManifest> {
  if (!existsSync(file)) throw new RestoreRefused(`${file} does not exist`);
  const staging = await mkdtemp(path.join(tmpdir(), 'yj-restore-'));
  try {
    progress(`reading ${file} …`);
    await run('tar', ['-xzf', path.resolve(file), '-C', staging]);
    const manifest = JSON.parse(await readFile(path.join(staging, 'manifest.json'), 'utf8')) as BackupManifest;
    if (manifest.format !== 1) throw new RestoreRefused(`unknown backup format ${String(manifest.format)}`);
    progress(`backup of ${manifest.createdAt}: ${manifest.database}, ${manifest.counts.applications} applications, ${manifest.counts.subcases} sub-cases, ${manifest.uploads.length} upload files`);

    // every upload is named by the sha256 of its bytes: check them all before touching anything
    for (const [i, u] of manifest.uploads.entries()) {
      const bytes = await readFile(path.join(staging, 'uploads', u.path));
      if (bytes.length !== u.size || createHash('sha256').update(bytes).digest('hex') !== path.basename(u.path))
        throw new RestoreRefused(`upload ${u.path} in the backup is damaged`);
      if ((i + 1) % 100 === 0 || i + 1 === manifest.uploads.length) progress(`checked uploads: ${i + 1}/${manifest.uploads.length}`);
    }
    if (!(await isEmptyDir(config.uploadDir))) throw new RestoreRefused(`the upload folder ${config.uploadDir} is not empty: restore into an empty one`);

    let db: DbAccess;
    if (manifest.database === 'postgres') {
      if (!config.databaseUrl) throw new RestoreRefused('this is a PostgreSQL backup: set DATABASE_URL to an empty database');
      const target = await pgAccess(config.databaseUrl);
      const tables = await target.migrations().then(() => true, () => false);
      await target.close();
      if (tables) throw new RestoreRefused('the database DATABASE_URL names is not empty (it has schema_migrations): restore into an empty database');
      progress('database: pg_restore …');
      await run('pg_restore', ['--no-owner', '--no-privileges', '--exit-on-error', `--dbname=${config.databaseUrl}`, path.join(staging, 'database', 'postgres.dump')], { maxBuffer: 64 * 1024 * 1024 });
      db = await pgAccess(config.databaseUrl);
    } else {
      if (config.databaseUrl) throw new RestoreRefused('this is a backup of the embedded database: unset DATABASE_URL and set DATA_DIR to an empty folder');
      if (!(await isEmptyDir(pgliteDir(config)))) throw new RestoreRefused(`${pgliteDir(config)} is not empty: restore into an empty DATA_DIR`);
      progress(`database: loading the embedded database into ${pgliteDir(config)} …`);
      await mkdir(pgliteDir(config), { recursive: true });
      const dump = await readFile(path.join(staging, 'database', 'pglite.tar.gz'));
      db = liteAccess(await openPglite(pgliteDir(config), new Blob([dump], { type: 'application/x-gzip' })));
    }
    const counts = await db.counts().finally(() => db.close());
    for (const table of COUNTED)
      if (counts[table] !== manifest.counts[table]) throw new Error(`restored ${table}: ${counts[table]}, the backup has ${manifest.counts[table]}`);
    progress(`database: ${counts.applications} applications, ${counts.subcases} sub-cases, ${counts.uploads} uploads, ${counts.users} users — as in the backup`);

    for (const [i, u] of manifest.uploads.entries()) {
      const to = path.join(config.uploadDir, ...u.path.split('/'));
      await mkdir(path.dirname(to), { recursive: true });
      await copyFile(path.join(staging, 'uploads', u.path), to);
      if ((i + 1) % 100 === 0 || i + 1 === manifest.uploads.length) progress(`uploads: ${i + 1}/${manifest.uploads.length} restored`);
    }
    progress('done: start the server on this DATA_DIR / DATABASE_URL (pending migrations of a newer version apply at start)');
    return manifest;
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}
