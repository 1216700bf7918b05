// Shared by bench/dispatch.bench.ts and bench/e2e.bench.ts: a fresh PostgreSQL database, Yijian
// processes of the build on it, sign-in, a valid newborn application, and department simulators
// configured as the adapters of a theme's units through the admin API.
import { spawn } from 'node:child_process';
import { createTestDatabase, type TestDatabase } from '../tests/helpers/databases.ts';
import { applicationBody, applicationTemplate, httpRequester, signInAs, type ApplicationTemplate, type Requester, type Session } from '../tests/helpers/dispatch-harness.ts';
import { startDepartmentSimulator, type DepartmentSimulatorOptions, type RunningDepartmentSimulator } from '../sim/departments/start-simulator.ts';
import { progress, ROOT, startProcess, tempDir, type Started } from './lib.ts';

export interface City {
  database: TestDatabase;
  dataDir: string;
  web: Started;
  req: Requester;
  citizen: Session;
  admin: Session;
  template: ApplicationTemplate;
  start(role: 'web' | 'worker', env?: Record<string, string>): Promise<Started>;
  submit(key: string): Promise<string>;
  /** a simulator for the unit and the unit's adapter pointing at it; `settings` are the push adapter's (e.g. batchSize) */
  connect(unitCode: string, sim: Omit<DepartmentSimulatorOptions, 'unitCode' | 'keyId' | 'secret'>, settings?: Record<string, unknown>): Promise<RunningDepartmentSimulator>;
}

// whatever happens to the benchmark, its processes go with it
const children = new Set<import('node:child_process').ChildProcess>();
process.once('exit', () => children.forEach((c) => c.kill('SIGKILL')));
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130));

export async function startCity(themeCode = 'newborn'): Promise<City> {
  progress('fresh PostgreSQL database');
  const database = await createTestDatabase('postgres');
  const dataDir = tempDir('dispatch');
  const start = async (role: 'web' | 'worker', env: Record<string, string> = {}) => {
    const e = { DATABASE_URL: database.url!, DATA_DIR: dataDir, SIMULATORS: 'off', SECURE_COOKIES: 'false', SEED_DEMO: 'true', ...env };
    const started = role === 'web' ? await startProcess(['dist/server/main.js', '--role=web'], e, '/api/health', 180_000) : await startWorker(e);
    children.add(started.proc);
    return started;
  };
  progress('starting a web process (catalog and demo accounts are loaded on the first start)');
  const web = await start('web');
  const req = httpRequester(`http://127.0.0.1:${web.port}`);
  const citizen = await signInAs(req, 'citizen');
  const admin = await signInAs(req, 'admin');
  const template = await applicationTemplate(req, database, citizen, themeCode, 5);
  return {
    database, dataDir, web, req, citizen, admin, template, start,
    submit: async (key) => {
      const res = await req('POST', '/api/applications', await applicationBody(req, citizen, template, key), citizen.headers);
      if (res.status !== 201 && res.status !== 200) throw new Error(`submit: ${res.status} ${JSON.stringify(res.body)}`);
      return (res.body as { id: string }).id;
    },
    connect: async (unitCode, sim, settings = {}) => {
      const put = async (body: object) => {
        const r = await req('PUT', `/api/admin/adapters/${unitCode}`, body, admin.headers);
        if (r.status !== 200) throw new Error(`adapter of ${unitCode}: ${r.status} ${JSON.stringify(r.body)}`);
      };
      await put({ kind: 'pull' });
      const key = await req('POST', `/api/admin/adapters/${unitCode}/keys`, {}, admin.headers);
      if (key.status !== 201) throw new Error(`key of ${unitCode}: ${key.status} ${JSON.stringify(key.body)}`);
      const { keyId, secret } = key.body as { keyId: string; secret: string };
      const running = await startDepartmentSimulator({ ...sim, unitCode, keyId, secret, bundled: true });
      children.add(running.process);
      if (sim.mode === 'push') await put({ kind: 'push', endpointUrl: running.url, settings });
      return running;
    },
  };
}

// a worker serves no HTTP: "ready" is its process running (startProcess waits for an answer)
function startWorker(env: Record<string, string>): Promise<Started> {
  const t0 = performance.now();
  // BENCH_WORKER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the workers
  const nodeArgs = (process.env.BENCH_WORKER_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const proc = spawn(process.execPath, [...nodeArgs, 'dist/server/main.js', '--role=worker'], {
    cwd: ROOT, env: { ...process.env, LOG_LEVEL: 'warn', PORT: '0', ...env }, stdio: ['ignore', 'ignore', 'inherit'],
  });
  let exited = false;
  proc.on('exit', () => (exited = true));
  return Promise.resolve({
    proc, port: 0, readyMs: performance.now() - t0,
    stop: () => new Promise<void>((resolve) => {
      if (exited) return resolve();
      proc.once('exit', () => resolve());
      proc.kill('SIGTERM');
    }),
  });
}
