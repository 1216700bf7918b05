// Shared benchmark tools: start a server process, wait for its first 200, drive HTTP load, report.
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { findRootDir } from '../src/config.ts';

export const ROOT = findRootDir();

/** `--name value` from the command line, else the default. */
export function arg(name: string, dflt: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1]! : dflt;
}

/** The middle value (the mean of the two middle ones for an even count); 0 for none. */
export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? 0 : s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
}

/** The PostgreSQL server the benches run against. */
export const BENCH_PG_ADMIN_URL = process.env.YIJIAN_BENCH_PG_URL ?? process.env.YIJIAN_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** A bench's own database on that server: its URL, and statements run on the server's admin connection (create, drop). */
export function benchDatabase(name: string): { name: string; url: string; admin(text: string, params?: unknown[]): Promise<pg.QueryResult> } {
  const u = new URL(BENCH_PG_ADMIN_URL);
  u.pathname = `/${name}`;
  return {
    name,
    url: u.toString(),
    async admin(text, params = []) {
      const c = new pg.Client({ connectionString: BENCH_PG_ADMIN_URL });
      await c.connect();
      try {
        return await c.query(text, params);
      } finally {
        await c.end();
      }
    },
  };
}

export function tempDir(prefix: string): string {
  return mkdtempSync(path.join(tmpdir(), `yijian-${prefix}-`));
}

export function progress(msg: string): void {
  process.stderr.write(`… ${msg}\n`);
}

/** utime + stime (and, with children, the CPU of its waited-for children) of a process in seconds; 0 where /proc is not (Linux only) */
export function cpuSeconds(pid: number | undefined | 'self', children = false): number {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(f[11]) + Number(f[12]) + (children ? Number(f[13]) + Number(f[14]) : 0)) / 100; // clock ticks (100/s)
  } catch {
    return 0;
  }
}

/** the CPU seconds of several processes together */
export const cpuSecondsOf = (pids: Array<number | undefined>): number => pids.reduce<number>((sum, pid) => sum + cpuSeconds(pid), 0);

/**
 * CPU seconds of the local PostgreSQL server so far: every postgres process, and the backends that
 * have ended (the postmaster's reaped children). null when no PostgreSQL runs on this machine.
 */
export function postgresCpuSeconds(): number | null {
  let sum = 0;
  let found = false;
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      if (readFileSync(`/proc/${pid}/comm`, 'utf8').trim() !== 'postgres') continue;
    } catch {
      continue;
    }
    found = true;
    sum += cpuSeconds(Number(pid), true);
  }
  return found ? sum : null;
}

/**
 * Starts counting CPU: `parts` name what to read (e.g. web processes, PostgreSQL, this process); the
 * function returned says what each used per unit of work since, e.g. "web 1.20 ms, PostgreSQL n/a".
 */
export function cpuMeter(parts: Record<string, () => number | null>): (units: number) => string {
  const before = Object.fromEntries(Object.entries(parts).map(([name, read]) => [name, read()]));
  return (units) =>
    Object.entries(parts)
      .map(([name, read]) => {
        const now = read();
        const then = before[name];
        return `${name} ${now === null || then === null || then === undefined ? 'n/a' : `${(((now - then) * 1000) / Math.max(1, units)).toFixed(2)} ms`}`;
      })
      .join(', ');
}

export interface Started {
  proc: ChildProcess;
  port: number;
  /** ms from spawn to the first 200 of `readyPath` */
  readyMs: number;
  stop(): Promise<void>;
}

let nextPort = 41000 + Math.floor(Math.random() * 2000);

/** Spawns `node args…` with PORT set and polls readyPath until it answers 200. */
export async function startProcess(args: string[], env: Record<string, string>, readyPath = '/api/health', timeoutMs = 60_000): Promise<Started> {
  const port = nextPort++;
  const t0 = performance.now();
  // BENCH_WEB_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the server processes
  const nodeArgs = (process.env.BENCH_WEB_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const proc = spawn(process.execPath, [...nodeArgs, ...args], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  let exited = false;
  proc.on('exit', () => (exited = true));
  for (;;) {
    if (exited) throw new Error(`process ${args.join(' ')} exited before it was ready`);
    if (performance.now() - t0 > timeoutMs) throw new Error(`not ready within ${timeoutMs} ms`);
    const status = await get(port, readyPath).catch(() => 0);
    if (status === 200) break;
    await new Promise((r) => setTimeout(r, 5));
  }
  const readyMs = performance.now() - t0;
  return {
    proc,
    port,
    readyMs,
    stop: () =>
      new Promise((resolve) => {
        if (exited) return resolve();
        proc.once('exit', () => resolve());
        proc.kill('SIGTERM');
      }),
  };
}

function get(port: number, p: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path: p, agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.setTimeout(2000, () => req.destroy(new Error('timeout')));
  });
}

export interface RequestSpec {
  method: 'GET' | 'POST';
  path: string;
  body?: string;
}

export interface LoadResult {
  requests: number;
  errors: number;
  seconds: number;
  rps: number;
  p50: number;
  p99: number;
}

/** Closed-loop load: `concurrency` keep-alive clients send requests back to back for `seconds`. */
export async function drive(port: number, specs: RequestSpec[], opts: { concurrency: number; seconds: number }): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: opts.concurrency });
  const latencies: number[] = [];
  let errors = 0;
  let i = 0;
  const deadline = performance.now() + opts.seconds * 1000;
  const one = (spec: RequestSpec) =>
    new Promise<void>((resolve) => {
      const t = performance.now();
      const req = http.request(
        { host: '127.0.0.1', port, path: spec.path, method: spec.method, agent, headers: spec.body ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(spec.body) } : {} },
        (res) => {
          res.resume();
          res.on('end', () => {
            if (res.statusCode !== 200) errors++;
            latencies.push(performance.now() - t);
            resolve();
          });
        },
      );
      req.on('error', () => {
        errors++;
        resolve();
      });
      if (spec.body) req.write(spec.body);
      req.end();
    });
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: opts.concurrency }, async () => {
      while (performance.now() < deadline) await one(specs[i++ % specs.length]!);
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? 0;
  return { requests: latencies.length, errors, seconds, rps: latencies.length / seconds, p50: pct(50), p99: pct(99) };
}

export function report(bench: string, value: number, baseline: number, unit: string, extra: Record<string, unknown> = {}): void {
  const ratio = baseline === 0 ? null : Number((value / baseline).toFixed(3));
  console.log(JSON.stringify({ bench, value: Number(value.toFixed(2)), baseline: Number(baseline.toFixed(2)), ratio, unit, ...extra }));
}
