// Starts the payment provider simulator:
//   PAYMENT_SIM_SECRET=… node --import tsx sim/payment/main.ts --port 4300 --data ./data/payment --merchant yijian [--quiet]
// The merchant's secret comes from the environment (not the command line, which others can read).
// `--port 0` picks a free port; the first stdout line is JSON with the port, for scripts and tests.
import { parseArgs } from 'node:util';
import { createPaymentServer } from './server.ts';
import { PaymentStore } from './store.ts';

function fail(message: string): never {
  console.error(`sim:payment: ${message}`);
  process.exit(2);
}

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '4300' },
    host: { type: 'string', default: '127.0.0.1' },
    data: { type: 'string' },
    merchant: { type: 'string', default: 'yijian' },
    'public-url': { type: 'string' },
    quiet: { type: 'boolean', default: false },
  },
});
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`--port must be 0–65535, got "${values.port}"`);
if (!values.data) fail('--data DIR is required (where the simulator keeps its orders)');
const secret = process.env.PAYMENT_SIM_SECRET;
if (!secret || secret.length < 16) fail('PAYMENT_SIM_SECRET must hold the merchant secret (16 characters or more)');
const dataDir = values.data;

const store = PaymentStore.load(dataDir);
const log = values.quiet ? undefined : (line: Record<string, unknown>) => console.log(JSON.stringify({ at: new Date().toISOString(), ...line }));
const fixedUrl = values['public-url'];
const server = createPaymentServer({ store, merchants: new Map([[values.merchant, secret]]), ...(fixedUrl ? { publicUrl: () => fixedUrl } : {}), ...(log ? { log } : {}) });
server.listen(port, values.host, () => {
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  console.log(JSON.stringify({ event: 'listening', port: actualPort, url: `http://${values.host}:${actualPort}`, dataDir, orders: store.size }));
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => {
  server.close(() => process.exit(0));
  server.closeAllConnections();
});
