// Starts the seven registry simulators in one process:
//   node --import tsx sim/registries/main.ts --port 4100 --data ./data/registries [--delay-ms 50] [--quiet]
// An empty data directory is seeded with the demo accounts' records. `--port 0` picks a free port; the
// first stdout line is JSON with the port, for scripts and tests to read.
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { demoRows } from './demo-seed.ts';
import { FaultInjector, faultsFromEnv, type TFaults } from './faults.ts';
import { REGISTRY_RESOURCES } from './registry-data.ts';
import { createRegistryServer } from './server.ts';
import { appendRows, registriesExist, RegistryStore } from './store.ts';

function fail(message: string): never {
  console.error(`sim:registries: ${message}`);
  process.exit(2);
}

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '4100' },
    host: { type: 'string', default: '127.0.0.1' },
    data: { type: 'string' },
    'delay-ms': { type: 'string', default: '0' },
    quiet: { type: 'boolean', default: false },
  },
});

const port = Number(values.port);
const delayMs = Number(values['delay-ms']);
if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`--port must be 0–65535, got "${values.port}"`);
if (!Number.isInteger(delayMs) || delayMs < 0) fail(`--delay-ms must be a whole number of milliseconds, got "${values['delay-ms']}"`);
if (!values.data) fail('--data DIR is required (where the registries keep their files)');
const dataDir = values.data;

if (!registriesExist(dataDir)) appendRows(dataDir, demoRows());
const stores = new Map(REGISTRY_RESOURCES.map((r) => [r, RegistryStore.load(dataDir, r)] as const));

function initialFaults(): TFaults {
  try {
    return faultsFromEnv(process.env);
  } catch (err) {
    fail(`invalid SIM_FAULT_* settings: ${err instanceof z.ZodError ? z.prettifyError(err) : String(err)}`);
  }
}
const faults = new FaultInjector(initialFaults());

const log = values.quiet ? undefined : (line: Record<string, unknown>) => console.log(JSON.stringify({ at: new Date().toISOString(), ...line }));
const server = createRegistryServer({ stores, faults, delayMs, log });
server.listen(port, values.host, () => {
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  const records = Object.fromEntries([...stores].map(([r, s]) => [r, s.size]));
  console.log(JSON.stringify({ event: 'listening', port: actualPort, url: `http://${values.host}:${actualPort}`, dataDir, records }));
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => server.close(() => process.exit(0)));
