// Backup and restore, tested as an operator runs them: an installation with applications, sub-cases
// and an uploaded scan; `npm run backup` (the CLI, a child process) writes one file; `npm run restore`
// puts it into an empty DATA_DIR (embedded database) or an empty PostgreSQL database (pg_dump /
// pg_restore), where every application, sub-case and upload is found again — the upload's bytes too,
// through the HTTP API of a server started on the restored data.
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { findRootDir, loadConfig } from '../src/config.ts';
import { contextFor, prepareDatabase } from '../src/bootstrap.ts';
import { buildApp } from '../src/http/app.ts';
import { openConfiguredDatabase } from '../src/platform/db.ts';
import { createLogger } from '../src/platform/logger.ts';
import { signIn } from './helpers/app.ts';
import { materialsFor } from './helpers/materials.ts';
import { DB_KINDS, PG_ADMIN_URL, postgresAvailable } from './helpers/databases.ts';
import { freePort } from './helpers/ports.ts';
import { childFor, NEWBORN_ANSWERS, NEWBORN_VALUES } from './fixtures/newborn.ts';

const PG = await postgresAvailable();
const ROOT = findRootDir();

function cli(script: 'backup' | 'restore', args: string[], env: Record<string, string>): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', `src/cli/${script}.ts`, ...args], {
      cwd: ROOT, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_LEVEL: 'silent', ...env }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.once('exit', (code) => resolve({ code, out }));
  });
}

async function adminQuery(text: string): Promise<void> {
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  await admin.query(text);
  await admin.end();
}
function dbUrl(name: string): string {
  const u = new URL(PG_ADMIN_URL);
  u.pathname = `/${name}`;
  return u.toString();
}

/** The installation's settings: a DATA_DIR (uploads, and PGlite) and, on PostgreSQL, a database of its own. */
async function installation(kind: 'pglite' | 'postgres', cleanup: Array<() => Promise<void>>): Promise<Record<string, string>> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'yj-install-'));
  cleanup.push(async () => rmSync(dataDir, { recursive: true, force: true }));
  const env: Record<string, string> = { DATA_DIR: dataDir, PORT: String(await freePort()), SIMULATORS: 'off', SEED_DEMO: 'true', SECURE_COOKIES: 'false' };
  if (kind === 'postgres') {
    const name = `yj_backup_${randomBytes(5).toString('hex')}`;
    await adminQuery(`create database ${name}`);
    cleanup.push(() => adminQuery(`drop database if exists ${name} with (force)`));
    env.DATABASE_URL = dbUrl(name);
  }
  return env;
}

/** Yijian on an installation's settings (migrated and seeded as `npm start` does), for `use`. */
async function withServer<T>(env: Record<string, string>, use: (app: Awaited<ReturnType<typeof buildApp>>) => Promise<T>): Promise<T> {
  const config = loadConfig({ ...env, LOG_LEVEL: 'silent' }, []);
  const ctx = contextFor(config, await openConfiguredDatabase(config), createLogger('silent'));
  try {
    await prepareDatabase(ctx);
    const app = await buildApp(ctx);
    await app.ready();
    try {
      return await use(app);
    } finally {
      await app.close();
    }
  } finally {
    await ctx.database.close();
  }
}

for (const kind of DB_KINDS) describe.skipIf(kind === 'postgres' && !PG)(`backup and restore on ${kind}`, () => {
  const cleanup: Array<() => Promise<void>> = [];
  afterAll(async () => {
    for (const c of cleanup.reverse()) await c();
  });

  it('restores every application, sub-case and upload into an empty installation', async () => {
    const source = await installation(kind, cleanup);
    const made = await withServer(source, async (app) => {
      const citizen = await signIn(app, 'citizen');
      const ids: string[] = [];
      for (const key of ['backup-1', 'backup-2']) {
        const res = await app.inject({
          method: 'POST', url: '/api/applications', headers: citizen.headers,
          payload: {
            themeCode: 'newborn', answers: NEWBORN_ANSWERS, values: { ...NEWBORN_VALUES, ...childFor(key) }, idempotencyKey: key,
            delivery: { way: 'express', address: '湖南省长沙市岳麓区示例小区 1 栋 101 室' }, ...(await materialsFor(app, citizen, 'newborn', NEWBORN_ANSWERS)),
          },
        });
        expect(res.statusCode, res.body).toBe(201);
        ids.push(res.json<{ id: string }>().id);
      }
      const views = await Promise.all(ids.map(async (id) => (await app.inject({ method: 'GET', url: `/api/applications/${id}`, headers: { cookie: citizen.cookie } }))
        .json<{ id: string; number: string; subcases: Array<{ id: string; matterCode: string; status: { code: string } }> }>()));
      // a scan the citizen uploaded (the newborn's own form is generated, so it asks for no upload)
      const up = await app.inject({
        method: 'POST', url: '/api/uploads?name=scan.pdf', headers: { ...citizen.headers, 'content-type': 'application/pdf' }, payload: Buffer.from('%PDF-1.4\n% test scan\n%%EOF\n'),
      });
      expect(up.statusCode, up.body).toBe(201);
      return { views, upload: up.json<{ id: string }>().id };
    });
    expect(made.views.flatMap((v) => v.subcases)).toHaveLength(4);

    const file = path.join(mkdtempSync(path.join(tmpdir(), 'yj-backups-')), 'yijian.tar.gz');
    cleanup.push(async () => rmSync(path.dirname(file), { recursive: true, force: true }));
    const b = await cli('backup', [file], source);
    expect(b.code, b.out).toBe(0);
    // two uploads: the signed scan of the generated forms handed in with the applications, and this scan —
    // the same bytes, so one file (files are stored by their content)
    expect(b.out).toMatch(/backup: database: .*2 applications, 4 sub-cases, 2 uploads/);
    expect(b.out).toMatch(/backup: uploads: 1\/1 files/);
    expect(existsSync(file)).toBe(true);

    const target = await installation(kind, cleanup);
    const r = await cli('restore', [file], target);
    expect(r.code, r.out).toBe(0);
    expect(r.out).toMatch(/restore: database: 2 applications, 4 sub-cases, 2 uploads, \d+ users — as in the backup/);
    // a second restore into the same (no longer empty) installation is refused and changes nothing
    const again = await cli('restore', [file], target);
    expect(again.code, again.out).toBe(2);
    expect(again.out).toMatch(/not empty/);

    await withServer(target, async (app) => {
      const citizen = await signIn(app, 'citizen');
      for (const v of made.views) {
        const res = await app.inject({ method: 'GET', url: `/api/applications/${v.id}`, headers: { cookie: citizen.cookie } });
        expect(res.statusCode).toBe(200);
        const back = res.json<typeof v>();
        expect(back.number).toBe(v.number);
        expect(back.subcases.map((s) => [s.id, s.matterCode, s.status.code])).toEqual(v.subcases.map((s) => [s.id, s.matterCode, s.status.code]));
      }
      const file = await app.inject({ method: 'GET', url: `/api/uploads/${made.upload}`, headers: { cookie: citizen.cookie } });
      expect(file.statusCode, file.body).toBe(200);
      expect(createHash('sha256').update(file.rawPayload).digest('hex')).toBe(createHash('sha256').update(Buffer.from('%PDF-1.4\n% test scan\n%%EOF\n')).digest('hex'));
    });
  }, 600_000);
});
