// Starts a simulated department system as a real child process, for tests, benchmarks and scripts.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { TFaults, TFaultsInput } from './schemas.ts';
import type { SubcaseRecord } from './store.ts';

// the "listening" line ends the wait; the bound is only for a child that hangs (tsx starts slowly on a busy machine)
const START_TIMEOUT_MS = 120_000;

export interface DepartmentSimulatorOptions {
  unitCode: string;
  keyId: string;
  secret: string;
  mode: 'push' | 'pull';
  /** Yijian's base URL (required for pull; without it a push simulator only receives) */
  yijianUrl?: string | undefined;
  delayMs?: number;
  approve?: number;
  reject?: number;
  supplement?: number;
  /** receive only, never call back */
  hold?: boolean;
  /** printed on the documents it issues */
  unitName?: string;
  concurrency?: number;
  pollWaitS?: number;
  pollLimit?: number;
  pollers?: number;
  /** a fixed port (e.g. to restart on the same one); default 0 = any free port */
  port?: number;
  /** kept across restarts when given; otherwise a temporary folder removed on stop */
  dataDir?: string;
  faults?: TFaults;
  /** the bundled dist/sim/departments.js instead of tsx (faster start; needs a build) */
  bundled?: boolean;
  /** pass the simulator's log lines through to this callback */
  onLog?: (line: string) => void;
}

export interface DepartmentStats {
  unitCode: string;
  mode: 'push' | 'pull';
  received: number;
  deliveries: number;
  duplicatesReceived: number;
  duplicatesOtherKey: number;
  perEvent: Record<string, number>;
  perStatus: Record<string, number>;
  eventsPlanned: number;
  eventsSent: number;
  callbacks: Record<string, number>;
  pending: { events: number; undecided: number };
  down: boolean;
  /** push requests received: one per single push, one per batch */
  pushRequests: { single: number; batch: number };
}

export interface RunningDepartmentSimulator {
  unitCode: string;
  url: string;
  port: number;
  dataDir: string;
  process: ChildProcess;
  stats(): Promise<DepartmentStats>;
  subcases(): Promise<SubcaseRecord[]>;
  inject(faults: TFaultsInput): Promise<void>;
  stop(): Promise<void>;
}

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

function args(o: DepartmentSimulatorOptions, dataDir: string): string[] {
  const a = [
    '--port', String(o.port ?? 0), '--data', dataDir, '--unit', o.unitCode, '--key-id', o.keyId, '--secret', o.secret, '--mode', o.mode,
    '--delay-ms', String(o.delayMs ?? 200), '--approve', String(o.approve ?? 1), '--reject', String(o.reject ?? 0), '--supplement', String(o.supplement ?? 0),
  ];
  if (o.yijianUrl) a.push('--yijian', o.yijianUrl);
  if (o.unitName) a.push('--unit-name', o.unitName);
  if (o.hold) a.push('--hold');
  if (o.concurrency) a.push('--concurrency', String(o.concurrency));
  if (o.pollWaitS !== undefined) a.push('--poll-wait', String(o.pollWaitS));
  if (o.pollLimit) a.push('--poll-limit', String(o.pollLimit));
  if (o.pollers) a.push('--pollers', String(o.pollers));
  if (!o.onLog) a.push('--quiet');
  a.push('--exit-with-stdin');
  return a;
}

/** Waits for the "listening" line; a temporary data directory (removed on stop) unless one is given. */
export async function startDepartmentSimulator(opts: DepartmentSimulatorOptions): Promise<RunningDepartmentSimulator> {
  const dataDir = opts.dataDir ?? mkdtempSync(path.join(tmpdir(), `yj-dept-${opts.unitCode}-`));
  const bundle = path.join(ROOT, 'dist/sim/departments.js');
  const entry = opts.bundled && existsSync(bundle) ? [bundle] : ['--import', 'tsx', path.join(ROOT, 'sim/departments/main.ts')];
  const child = spawn(process.execPath, [...entry, ...args(opts, dataDir)], {
    cwd: ROOT,
    env: { ...process.env, ...(opts.faults ? { SIM_FAULTS: JSON.stringify(opts.faults) } : {}) },
    stdio: ['pipe', 'pipe', 'pipe'], // stdin stays open while this process lives (--exit-with-stdin)
  });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => {
    stderr += d.toString();
    if (stderr.length > 20_000) stderr = stderr.slice(-10_000);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const lines = createInterface({ input: child.stdout! });
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`department simulator ${opts.unitCode} did not start in ${START_TIMEOUT_MS / 1000} s: ${stderr}`)), START_TIMEOUT_MS);
    lines.once('line', (line) => {
      clearTimeout(timer);
      try {
        resolve((JSON.parse(line) as { port: number }).port);
      } catch {
        reject(new Error(`department simulator said "${line}" instead of its port: ${stderr}`));
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`department simulator ${opts.unitCode} exited with ${code}: ${stderr}`));
    });
  });
  lines.on('line', (line) => opts.onLog?.(line));
  const url = `http://127.0.0.1:${port}`;
  const getJson = async <T>(p: string): Promise<T> => {
    const res = await fetch(`${url}${p}`);
    if (!res.ok) throw new Error(`GET ${p}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };
  return {
    unitCode: opts.unitCode,
    url,
    port,
    dataDir,
    process: child,
    stats: () => getJson<DepartmentStats>('/stats'),
    subcases: async () => (await getJson<{ items: SubcaseRecord[] }>('/subcases?limit=100000')).items,
    inject: async (faults) => {
      const res = await fetch(`${url}/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(faults) });
      if (!res.ok) throw new Error(`department simulator refused the faults: ${res.status} ${await res.text()}`);
    },
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
      if (!opts.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
