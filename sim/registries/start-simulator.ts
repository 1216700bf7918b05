// Starts the registry simulators as a real child process, for tests and scripts that need them.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

// the "listening" line ends the wait; the bound is only for a child that hangs (tsx starts slowly on a busy machine)
const START_TIMEOUT_MS = 120_000;

export interface RunningSimulator {
  url: string;
  dataDir: string;
  stop(): Promise<void>;
}

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Waits for the "listening" line; a temporary data directory (removed on stop) unless one is given. */
export async function startRegistrySimulator(opts: { dataDir?: string; delayMs?: number; env?: Record<string, string> } = {}): Promise<RunningSimulator> {
  const dataDir = opts.dataDir ?? mkdtempSync(path.join(tmpdir(), 'yj-registries-'));
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'sim/registries/main.ts', '--port', '0', '--data', dataDir, '--delay-ms', String(opts.delayMs ?? 0), '--quiet'],
    { cwd: ROOT, env: { ...process.env, ...opts.env }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const port = await new Promise<number>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout });
    const timer = setTimeout(() => reject(new Error(`registry simulator did not start in ${START_TIMEOUT_MS / 1000} s: ${stderr}`)), START_TIMEOUT_MS);
    lines.once('line', (line) => {
      clearTimeout(timer);
      try {
        resolve((JSON.parse(line) as { port: number }).port);
      } catch {
        reject(new Error(`registry simulator said "${line}" instead of its port: ${stderr}`));
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`registry simulator exited with ${code}: ${stderr}`));
    });
  });

  return {
    url: `http://127.0.0.1:${port}`,
    dataDir,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
      if (!opts.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
