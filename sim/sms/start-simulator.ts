// Starts the SMS provider simulator as a real child process, for tests and scripts that need it.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

// the "listening" line ends the wait; the bound is only for a child that hangs (tsx starts slowly on a busy machine)
const START_TIMEOUT_MS = 120_000;

export interface RunningSmsSimulator {
  url: string;
  dataDir: string;
  /** messages received for a number (GET /messages?to=) */
  messages(to?: string): Promise<Array<{ id: string; to: string; text: string; idempotencyKey: string; acceptedAt: string }>>;
  /** the next `failNext` sends fail with `status` */
  inject(faults: { failNext: number; status?: number; delayMs?: number }): Promise<void>;
  stop(): Promise<void>;
}

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Waits for the "listening" line; a temporary data directory (removed on stop) unless one is given. */
export async function startSmsSimulator(opts: { dataDir?: string } = {}): Promise<RunningSmsSimulator> {
  const dataDir = opts.dataDir ?? mkdtempSync(path.join(tmpdir(), 'yj-sms-'));
  const child = spawn(process.execPath, ['--import', 'tsx', 'sim/sms/main.ts', '--port', '0', '--data', dataDir, '--quiet'], {
    cwd: ROOT, env: process.env, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const port = await new Promise<number>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout });
    const timer = setTimeout(() => reject(new Error(`SMS simulator did not start in ${START_TIMEOUT_MS / 1000} s: ${stderr}`)), START_TIMEOUT_MS);
    lines.once('line', (line) => {
      clearTimeout(timer);
      try {
        resolve((JSON.parse(line) as { port: number }).port);
      } catch {
        reject(new Error(`SMS simulator said "${line}" instead of its port: ${stderr}`));
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`SMS simulator exited with ${code}: ${stderr}`));
    });
  });
  const url = `http://127.0.0.1:${port}`;

  return {
    url,
    dataDir,
    messages: async (to) => {
      const res = await fetch(`${url}/messages${to ? `?to=${encodeURIComponent(to)}` : ''}`);
      return ((await res.json()) as { items: Awaited<ReturnType<RunningSmsSimulator['messages']>> }).items;
    },
    inject: async (faults) => {
      const res = await fetch(`${url}/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(faults) });
      if (!res.ok) throw new Error(`SMS simulator refused the faults: ${res.status} ${await res.text()}`);
    },
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
      if (!opts.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
