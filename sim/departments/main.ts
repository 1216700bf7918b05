// Starts a simulated department system (a unit's own back-office system connected to Yijian):
//   node --import tsx sim/departments/main.ts --port 0 --data DIR --unit CODE --key-id K --secret S
//     --yijian URL --mode push|pull --delay-ms N --approve 0.8 --reject 0.1 --supplement 0.1 [--unit-name NAME] [--hold] [--quiet]
// `--port 0` picks a free port; the first stdout line is JSON with the port, for scripts and tests.
// Faults also from the environment: SIM_FAULTS='{"errorRatio":0.1,"duplicateCallbacks":0.2}'.
import { parseArgs } from 'node:util';
import { Department } from './department.ts';
import { ZFaults } from './schemas.ts';
import { createDepartmentServer } from './server.ts';
import { DepartmentStore } from './store.ts';

function fail(message: string): never {
  console.error(`sim:departments: ${message}`);
  process.exit(2);
}

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    host: { type: 'string', default: '127.0.0.1' },
    data: { type: 'string' },
    unit: { type: 'string' },
    'unit-name': { type: 'string' },
    'key-id': { type: 'string' },
    secret: { type: 'string' },
    yijian: { type: 'string' },
    mode: { type: 'string', default: 'push' },
    'delay-ms': { type: 'string', default: '1000' },
    approve: { type: 'string', default: '0.8' },
    reject: { type: 'string', default: '0.1' },
    supplement: { type: 'string', default: '0.1' },
    concurrency: { type: 'string', default: '32' },
    'poll-wait': { type: 'string', default: '20' },
    'poll-limit': { type: 'string', default: '50' },
    pollers: { type: 'string', default: '1' },
    hold: { type: 'boolean', default: false },
    quiet: { type: 'boolean', default: false },
    // exit when stdin closes: a test or benchmark that dies (even by SIGKILL) takes its simulators with it
    'exit-with-stdin': { type: 'boolean', default: false },
  },
});
const num = (name: keyof typeof values, lo: number, hi: number): number => {
  const v = Number(values[name]);
  if (!Number.isFinite(v) || v < lo || v > hi) fail(`--${name} must be ${lo}–${hi}, got "${String(values[name])}"`);
  return v;
};
const port = num('port', 0, 65535);
if (!values.data) fail('--data DIR is required (where the simulator keeps its sub-cases)');
if (!values.unit || !values['key-id'] || !values.secret) fail('--unit, --key-id and --secret are required (the unit and its signing key)');
if (values.mode !== 'push' && values.mode !== 'pull') fail(`--mode must be push or pull, got "${values.mode}"`);
if (values.mode === 'pull' && !values.yijian) fail('--mode pull needs --yijian URL (where to fetch tasks)');
if (values.yijian && !/^https?:\/\//.test(values.yijian)) fail(`--yijian must be an http(s) URL, got "${values.yijian}"`);
let envFaults;
if (process.env.SIM_FAULTS) {
  const parsed = ZFaults.safeParse((() => {
    try {
      return JSON.parse(process.env.SIM_FAULTS!);
    } catch {
      return fail('SIM_FAULTS must be JSON');
    }
  })());
  if (!parsed.success) fail(`SIM_FAULTS: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`);
  envFaults = parsed.data;
}

const store = DepartmentStore.load(values.data);
const log = values.quiet ? undefined : (line: Record<string, unknown>) => console.log(JSON.stringify({ at: new Date().toISOString(), unit: values.unit, ...line }));
const dept = new Department(store, {
  key: { unitCode: values.unit, keyId: values['key-id'], secret: values.secret },
  mode: values.mode,
  yijianUrl: values.yijian,
  delayMs: num('delay-ms', 0, 3_600_000),
  ratios: { approve: num('approve', 0, 1), reject: num('reject', 0, 1), supplement: num('supplement', 0, 1) },
  hold: values.hold,
  concurrency: num('concurrency', 1, 1000),
  pollWaitS: num('poll-wait', 0, 30),
  pollLimit: num('poll-limit', 1, 50),
  pollers: num('pollers', 1, 64),
  unitName: values['unit-name'],
  ...(log ? { log } : {}),
});
if (envFaults) dept.setFaults(envFaults);
const server = createDepartmentServer(dept);
server.listen(port, values.host, () => {
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  console.log(JSON.stringify({ event: 'listening', port: actualPort, url: `http://${values.host}:${actualPort}`, unitCode: values.unit, mode: values.mode, dataDir: values.data, subcases: store.size }));
  dept.resume();
  if (values.mode === 'pull') dept.startPulling();
});

const shutdown = () => {
  dept.stop();
  store.flush();
  server.close(() => process.exit(0));
  server.closeAllConnections();
};
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, shutdown);
if (values['exit-with-stdin']) {
  process.stdin.on('end', shutdown);
  process.stdin.on('error', shutdown);
  process.stdin.resume();
}
