// Starts the SMS provider simulator:
//   node --import tsx sim/sms/main.ts --port 4200 --data ./data/sms [--quiet]
// `--port 0` picks a free port; the first stdout line is JSON with the port, for scripts and tests.
import { parseArgs } from 'node:util';
import { createSmsServer } from './server.ts';
import { SmsStore } from './store.ts';

function fail(message: string): never {
  console.error(`sim:sms: ${message}`);
  process.exit(2);
}

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '4200' },
    host: { type: 'string', default: '127.0.0.1' },
    data: { type: 'string' },
    quiet: { type: 'boolean', default: false },
  },
});
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`--port must be 0–65535, got "${values.port}"`);
if (!values.data) fail('--data DIR is required (where the simulator keeps its messages)');
const dataDir = values.data;

const store = SmsStore.load(dataDir);
const log = values.quiet ? undefined : (line: Record<string, unknown>) => console.log(JSON.stringify({ at: new Date().toISOString(), ...line }));
const server = createSmsServer({ store, ...(log ? { log } : {}) });
server.listen(port, values.host, () => {
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  console.log(JSON.stringify({ event: 'listening', port: actualPort, url: `http://${values.host}:${actualPort}`, dataDir, messages: store.size }));
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => server.close(() => process.exit(0)));
