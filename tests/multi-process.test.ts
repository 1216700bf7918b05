// Several processes on one PostgreSQL: two web processes and a worker start at once on an empty
// database; migrations and the catalog are applied once, and both web processes serve.
import { randomBytes } from 'node:crypto';
import { spawn, type ChildProcess } from 'node:child_process';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../scripts/build.mjs';
import { findRootDir } from '../src/config.ts';
import { PG_ADMIN_URL, postgresAvailable } from './helpers/databases.ts';
import { freePort } from './helpers/ports.ts';
import { DEMO_ACCOUNTS } from '../src/modules/identity/index.ts';

const ROOT = findRootDir();
const procs: ChildProcess[] = [];
const output: string[] = [];
let url: string | undefined;
let name: string | undefined;

async function admin(sql: string): Promise<void> {
  const c = new pg.Client({ connectionString: PG_ADMIN_URL });
  await c.connect();
  await c.query(sql);
  await c.end();
}

function start(role: string, port: number): ChildProcess {
  const p = spawn(process.execPath, ['dist/server/main.js', `--role=${role}`], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: url, PORT: String(port), LOG_LEVEL: 'warn', SEED_DEMO: 'true' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  p.stdout?.on('data', (d: Buffer) => output.push(`[${role}:${port}] ${d.toString()}`));
  p.stderr?.on('data', (d: Buffer) => output.push(`[${role}:${port}] ${d.toString()}`));
  p.on('exit', (code) => output.push(`[${role}:${port}] exited with ${code}`));
  procs.push(p);
  return p;
}

async function waitFor(port: number, timeoutMs = 150_000): Promise<number> {
  const t0 = Date.now();
  for (;;) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/api/themes`);
      if (res.ok) return ((await res.json()) as unknown[]).length;
    } catch {
      /* not up yet */
    }
    if (procs.some((p) => p.exitCode !== null) || Date.now() - t0 > timeoutMs) throw new Error(`port ${port} not ready (or a process exited); process output:\n${output.join('').slice(-3000)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const PG = await postgresAvailable();

describe.skipIf(!PG)('several processes share one PostgreSQL', () => {
  beforeAll(async () => {
    await build();
    name = `yj_multi_${randomBytes(5).toString('hex')}`;
    await admin(`create database ${name}`);
    const u = new URL(PG_ADMIN_URL);
    u.pathname = `/${name}`;
    url = u.toString();
  }, 180_000);
  afterAll(async () => {
    for (const p of procs) p.kill('SIGTERM');
    await Promise.all(procs.map((p) => new Promise((r) => (p.exitCode !== null ? r(null) : p.once('exit', r)))));
    if (name) await admin(`drop database if exists ${name} with (force)`);
  });

  it('two web processes and a worker start together; the catalog and demo data are loaded once', async () => {
    const ports = [await freePort(), await freePort()] as const;
    start('web', ports[0]);
    start('web', ports[1]);
    start('worker', 0);
    expect(await waitFor(ports[0])).toBe(29);
    expect(await waitFor(ports[1])).toBe(29);
    const db = new pg.Client({ connectionString: url });
    await db.connect();
    const counts = await db.query<{ matters: string; versions: string; users: string; migrations: string }>(
      `select (select count(*) from matters) matters, (select count(*) from matter_versions) versions,
              (select count(*) from users) users, (select count(*) from schema_migrations) migrations`,
    );
    await db.end();
    const row = counts.rows[0]!;
    expect(Number(row.versions)).toBe(Number(row.matters)); // each matter published once, not once per process
    expect(Number(row.users)).toBe(DEMO_ACCOUNTS.length);
    expect(Number(row.migrations)).toBeGreaterThan(0);
    expect(procs.every((p) => p.exitCode === null)).toBe(true);
  }, 400_000); // generous: each wait polls, so a busy machine only makes it slower
});
