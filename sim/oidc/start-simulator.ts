// Starts the unified-identity simulator as a real child process, for tests and scripts that need it.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { TOidcFaults } from './faults.ts';

const START_TIMEOUT_MS = 120_000;
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface RunningOidcSimulator {
  issuer: string;
  dataDir: string;
  inject(faults: Partial<TOidcFaults> & { mode: TOidcFaults['mode'] }): Promise<void>;
  stop(): Promise<void>;
}

export async function startOidcSimulator(opts: { clientId: string; clientSecret: string; redirectUris: string[]; dataDir?: string }): Promise<RunningOidcSimulator> {
  const dataDir = opts.dataDir ?? mkdtempSync(path.join(tmpdir(), 'yj-oidc-'));
  const args = ['--import', 'tsx', 'sim/oidc/main.ts', '--port', '0', '--data', dataDir, '--client-id', opts.clientId, '--client-secret', opts.clientSecret, '--quiet'];
  for (const r of opts.redirectUris) args.push('--redirect-uri', r);
  const child = spawn(process.execPath, args, { cwd: ROOT, env: process.env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const issuer = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout });
    const timer = setTimeout(() => reject(new Error(`OIDC simulator did not start in ${START_TIMEOUT_MS / 1000} s: ${stderr}`)), START_TIMEOUT_MS);
    lines.once('line', (line) => {
      clearTimeout(timer);
      try {
        resolve((JSON.parse(line) as { issuer: string }).issuer);
      } catch {
        reject(new Error(`OIDC simulator said "${line}" instead of its port: ${stderr}`));
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`OIDC simulator exited with ${code}: ${stderr}`));
    });
  });
  return {
    issuer,
    dataDir,
    inject: async (faults) => {
      const res = await fetch(`${issuer}/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(faults) });
      if (!res.ok) throw new Error(`OIDC simulator refused the faults: ${res.status} ${await res.text()}`);
    },
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
      if (!opts.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
