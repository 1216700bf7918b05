// The demo city's simulated outside systems (government registries, the SMS provider, later the
// department systems): separate processes with their own storage under DATA_DIR/sim, started by
// `npm start` when the URL of the real system is not configured. Only in the one-process mode
// (--role=all): a scaled-out city configures REGISTRY_URL / SMS_URL to shared services instead.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { Config } from '../config.ts';

export interface DemoSimulator {
  name: string;
  url: string;
}

interface SimulatorSpec {
  name: 'registries' | 'sms';
  /** the config field it fills */
  field: 'registryUrl' | 'smsUrl';
  label: string;
}

const SPECS: SimulatorSpec[] = [
  { name: 'registries', field: 'registryUrl', label: 'government registries (data hub)' },
  { name: 'sms', field: 'smsUrl', label: 'SMS provider' },
];

const children = new Set<ChildProcess>();
let exitHooked = false;

function command(rootDir: string, name: string): string[] | undefined {
  const bundled = path.join(rootDir, 'dist/sim', `${name}.js`);
  if (existsSync(bundled)) return [bundled];
  const source = path.join(rootDir, 'sim', name, 'main.ts');
  if (existsSync(source)) return ['--import', 'tsx', source];
  return undefined;
}

function startOne(config: Config, spec: SimulatorSpec): Promise<DemoSimulator | undefined> {
  const cmd = command(config.rootDir, spec.name);
  if (!cmd) return Promise.resolve(undefined);
  const dataDir = path.join(config.dataDir, 'sim', spec.name);
  mkdirSync(dataDir, { recursive: true });
  const child = spawn(process.execPath, [...cmd, '--port', '0', '--data', dataDir, '--quiet'], {
    cwd: config.rootDir,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.add(child);
  child.once('exit', () => children.delete(child));
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      console.error(`simulator ${spec.name} did not start in 15 s; ${spec.label} is off`);
      child.kill();
      resolve(undefined);
    }, 15_000);
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', (line) => {
      clearTimeout(timer);
      try {
        const { port } = JSON.parse(line) as { port: number };
        resolve({ name: spec.name, url: `http://127.0.0.1:${port}` });
      } catch {
        console.error(`simulator ${spec.name} said "${line}" instead of its port; ${spec.label} is off`);
        resolve(undefined);
      }
      child.stdout!.resume(); // keep draining its output
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve(undefined);
      if (code !== 0 && code !== null) console.error(`simulator ${spec.name} exited with code ${code}`);
    });
  });
}

/**
 * Starts the simulators whose real system is not configured and fills their URLs into the config.
 * Returns what was started (for the start banner).
 */
export async function startDemoSimulators(config: Config): Promise<DemoSimulator[]> {
  if (config.simulators === 'off' || config.role !== 'all') return [];
  if (!exitHooked) {
    exitHooked = true;
    // the simulators live and die with the server
    process.once('exit', () => stopDemoSimulatorsNow());
  }
  const wanted = SPECS.filter((s) => config[s.field] === undefined);
  const started = await Promise.all(wanted.map((s) => startOne(config, s)));
  const out: DemoSimulator[] = [];
  for (const [i, sim] of started.entries()) {
    if (!sim) continue;
    config[wanted[i]!.field] = sim.url;
    out.push({ name: wanted[i]!.label, url: sim.url });
  }
  return out;
}

export function stopDemoSimulatorsNow(): void {
  for (const child of children) child.kill('SIGTERM');
  children.clear();
}
