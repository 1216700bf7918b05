// The demo city's simulated outside systems (government registries, the SMS provider, the
// department systems of sim/departments/demo.json): separate processes with their own storage under
// DATA_DIR/sim, started by `npm start` when the URL of the real system is not configured. Only in the
// one-process mode (--role=all): a scaled-out city configures REGISTRY_URL / SMS_URL to shared
// services and registers its departments' endpoints through the adapter admin API instead.
import { spawn, type ChildProcess } from 'node:child_process';
import { createHmac, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { z } from 'zod';
import { demoSecrets } from './demo-secrets.ts';
import type { Config } from '../config.ts';

export interface DemoSimulator {
  name: string;
  url: string;
}

interface SimulatorSpec {
  name: 'registries' | 'sms' | 'departments' | 'oidc';
  /** the config field it fills */
  field: 'registryUrl' | 'smsUrl';
  label: string;
}

const SPECS: SimulatorSpec[] = [
  { name: 'registries', field: 'registryUrl', label: 'government registries (data hub)' },
  { name: 'sms', field: 'smsUrl', label: 'SMS provider' },
];

const START_TIMEOUT_MS = 180_000;
const children = new Set<ChildProcess>();
let exitHooked = false;

function command(rootDir: string, name: string): string[] | undefined {
  const bundled = path.join(rootDir, 'dist/sim', `${name}.js`);
  if (existsSync(bundled)) return [bundled];
  const source = path.join(rootDir, 'sim', name, 'main.ts');
  if (existsSync(source)) return ['--import', 'tsx', source];
  return undefined;
}

function startOne(config: Pick<Config, 'rootDir' | 'dataDir'>, spec: { name: string; label: string; dir?: string; args?: string[]; env?: Record<string, string> }): Promise<DemoSimulator | undefined> {
  const cmd = command(config.rootDir, spec.name);
  if (!cmd) return Promise.resolve(undefined);
  const dataDir = path.join(config.dataDir, 'sim', spec.dir ?? spec.name);
  mkdirSync(dataDir, { recursive: true });
  const child = spawn(process.execPath, [...cmd, '--port', '0', '--data', dataDir, ...(spec.args ?? []), '--quiet'], {
    cwd: config.rootDir,
    ...(spec.env ? { env: { ...process.env, ...spec.env } } : {}),
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.add(child);
  child.once('exit', () => children.delete(child));
  return new Promise((resolve) => {
    // generous: the demo starts some fifteen of them at once, and a busy machine only makes that slower.
    // The verdict waits for one more turn of the event loop: while the embedded database is created
    // the loop can be blocked for longer than the bound, and then the timer would run before the
    // line that already arrived is read.
    const timer = setTimeout(() => setImmediate(() => {
      if (settled) return;
      console.error(`simulator ${spec.name} did not start in ${START_TIMEOUT_MS / 1000} s; ${spec.label} is off`);
      child.kill();
      resolve(undefined);
    }), START_TIMEOUT_MS);
    let settled = false;
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', (line) => {
      settled = true;
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
  // the simulated outside world belongs to the demo city
  if (config.simulators === 'off' || config.role !== 'all' || !config.seedDemo) return [];
  if (!exitHooked) {
    exitHooked = true;
    // the simulators live and die with the server
    process.once('exit', () => stopDemoSimulatorsNow());
  }
  const wanted = SPECS.filter((s) => config[s.field] === undefined);
  const out: DemoSimulator[] = [];
  const [started, departments, oidc, payment] = await Promise.all([
    Promise.all(wanted.map((s) => startOne(config, s))),
    startDepartmentSimulators(config, `http://127.0.0.1:${config.port}`),
    config.oidcIssuer === undefined ? startOidcSimulator(config) : Promise.resolve(undefined),
    config.paymentUrl === undefined ? startPaymentSimulator(config) : undefined,
  ]);
  if (oidc) {
    Object.assign(config, { oidcIssuer: oidc.url, oidcClientId: DEMO_OIDC_CLIENT_ID, oidcClientSecret: demoSecrets(config.dataDir).oidcClientSecret });
    out.push({ name: 'unified identity provider (统一身份认证, OIDC)', url: oidc.url });
  }
  if (payment) out.push(payment);
  for (const [i, sim] of started.entries()) {
    if (!sim) continue;
    config[wanted[i]!.field] = sim.url;
    out.push({ name: wanted[i]!.label, url: sim.url });
  }
  for (const d of departments) out.push({ name: `department system of ${d.unitCode} (${d.mode})`, url: d.url });
  return out;
}

// ---------- the unified identity provider (统一身份认证) ----------

export const DEMO_OIDC_CLIENT_ID = 'yijian-demo';


/** The provider simulator with Yijian registered as its client (the callback under PUBLIC_URL, localhost and 127.0.0.1). */
function startOidcSimulator(config: Pick<Config, 'rootDir' | 'dataDir' | 'publicUrl' | 'port'>): Promise<DemoSimulator | undefined> {
  const callbacks = new Set([config.publicUrl, `http://localhost:${config.port}`, `http://127.0.0.1:${config.port}`].map((u) => `${u}/api/auth/oidc/callback`));
  return startOne(config, {
    name: 'oidc', label: 'unified identity provider',
    args: ['--client-id', DEMO_OIDC_CLIENT_ID, '--client-secret', demoSecrets(config.dataDir).oidcClientSecret, ...[...callbacks].flatMap((c) => ['--redirect-uri', c])],
  });
}

// ---------- the payment provider (issue 9) ----------

/**
 * DEMO ONLY: the merchant credentials of this installation at the simulated payment provider — a
 * random secret made on the first start and kept in DATA_DIR/payment-merchant.json (readable by
 * the owner only), so that callbacks signed before a restart still verify after it.
 */
export function demoPaymentMerchant(dataDir: string): { merchantId: string; secret: string } {
  const file = path.join(dataDir, 'payment-merchant.json');
  if (existsSync(file)) return z.object({ merchantId: z.string(), secret: z.string().min(16) }).parse(JSON.parse(readFileSync(file, 'utf8')));
  mkdirSync(dataDir, { recursive: true });
  const merchant = { merchantId: 'yijian-demo', secret: randomBytes(32).toString('hex') };
  writeFileSync(file, JSON.stringify(merchant), { mode: 0o600 });
  return merchant;
}

async function startPaymentSimulator(config: Config): Promise<DemoSimulator | undefined> {
  const merchant = demoPaymentMerchant(config.dataDir);
  const sim = await startOne(config, {
    name: 'payment', label: 'payment provider', args: ['--merchant', merchant.merchantId], env: { PAYMENT_SIM_SECRET: merchant.secret },
  });
  if (!sim) return undefined;
  config.paymentUrl = sim.url;
  config.paymentMerchantId = merchant.merchantId;
  config.paymentSecret = merchant.secret;
  return { name: 'payment provider', url: sim.url };
}

// ---------- simulated department systems (issue 4) ----------

export const ZDemoDepartments = z.object({
  units: z.array(z.object({
    unitCode: z.string().min(1).max(100),
    /** printed on the documents it issues */
    unitName: z.string().min(1).max(100).optional(),
    mode: z.enum(['push', 'pull']),
    keyId: z.string().min(1).max(100),
    /** 'demo' derives the unit's demo secret from the installation's demo seed (demoDepartmentSecret) */
    secret: z.string().min(1),
    delayMs: z.number().int().min(0).default(3000),
    approve: z.number().min(0).max(1).default(0.8),
    reject: z.number().min(0).max(1).default(0.1),
    supplement: z.number().min(0).max(1).default(0.1),
  }).strict()),
}).passthrough();
export type TDemoDepartments = z.infer<typeof ZDemoDepartments>;

/** DEMO ONLY: the same derivation as the dispatch module's demo adapter keys (demoAdapterSecret), from the installation's seed. */
export function demoDepartmentSecret(unitCode: string, seed: string): string {
  return createHmac('sha256', seed).update(unitCode).digest('hex');
}

export function loadDemoDepartments(file: string, seed: string): TDemoDepartments['units'] {
  const units = ZDemoDepartments.parse(JSON.parse(readFileSync(file, 'utf8'))).units;
  return units.map((u) => ({ ...u, secret: u.secret === 'demo' ? demoDepartmentSecret(u.unitCode, seed) : u.secret }));
}

const departmentEndpoints: Record<string, string> = {};

/** unitCode → base URL of its simulated department system (push and pull units), once started; empty otherwise. */
export function demoDepartmentEndpoints(): Record<string, string> {
  return { ...departmentEndpoints };
}

/** Starts the department systems of sim/departments/demo.json (or `file`), each its own process and storage. */
export async function startDepartmentSimulators(config: Pick<Config, 'rootDir' | 'dataDir'>, yijianUrl: string, file = path.join(config.rootDir, 'sim/departments/demo.json')): Promise<Array<{ unitCode: string; mode: 'push' | 'pull'; url: string }>> {
  if (!existsSync(file)) return [];
  let units: TDemoDepartments['units'];
  try {
    units = loadDemoDepartments(file, demoSecrets(config.dataDir).adapterSeed);
  } catch (err) {
    console.error(`${file} is not a valid department simulator list; no department systems are simulated: ${String(err)}`);
    return [];
  }
  // a pull system must know where to poll: not before the port is known (PORT=0)
  if (/:0$/.test(yijianUrl)) units = units.filter((u) => u.mode !== 'pull');
  const started = await Promise.all(units.map((u) =>
    startOne(config, {
      name: 'departments', dir: path.join('departments', u.unitCode), label: `department system of ${u.unitCode}`,
      args: ['--unit', u.unitCode, '--key-id', u.keyId, '--secret', u.secret, '--mode', u.mode, '--yijian', yijianUrl,
        '--delay-ms', String(u.delayMs), '--approve', String(u.approve), '--reject', String(u.reject), '--supplement', String(u.supplement),
        ...(u.unitName ? ['--unit-name', u.unitName] : [])],
    }).then((sim) => (sim ? { unitCode: u.unitCode, mode: u.mode, url: sim.url } : undefined))));
  const out = started.filter((s): s is NonNullable<typeof s> => s !== undefined);
  for (const s of out) departmentEndpoints[s.unitCode] = s.url;
  return out;
}

export function stopDemoSimulatorsNow(): void {
  for (const child of children) child.kill('SIGTERM');
  children.clear();
}
