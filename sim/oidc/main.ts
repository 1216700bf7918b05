// Starts the unified-identity (统一身份认证, OIDC) simulator:
//   node --import tsx sim/oidc/main.ts --port 4300 --data ./data/oidc --client-id yijian --client-secret S \
//     --redirect-uri http://localhost:3000/api/auth/oidc/callback [--redirect-uri …] [--issuer URL] [--delay-ms 0] [--quiet]
// `--port 0` picks a free port; the first stdout line is JSON with the port and the issuer.
import { parseArgs } from 'node:util';
import { createOidcServer } from './server.ts';
import { OidcStore } from './store.ts';

function fail(message: string): never {
  console.error(`sim:oidc: ${message}`);
  process.exit(2);
}

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '4300' },
    host: { type: 'string', default: '127.0.0.1' },
    data: { type: 'string' },
    issuer: { type: 'string' },
    'client-id': { type: 'string', default: 'yijian' },
    'client-secret': { type: 'string' },
    'redirect-uri': { type: 'string', multiple: true, default: [] },
    'delay-ms': { type: 'string', default: '0' },
    quiet: { type: 'boolean', default: false },
  },
});
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`--port must be 0–65535, got "${values.port}"`);
if (!values.data) fail('--data DIR is required (where the provider keeps its key and accounts)');
if (!values['client-secret']) fail('--client-secret is required');
if (values['redirect-uri'].length === 0) fail('--redirect-uri is required (Yijian\'s /api/auth/oidc/callback)');
const delayMs = Number(values['delay-ms']);

const store = OidcStore.load(values.data);
let issuer = values.issuer ?? '';
const log = values.quiet ? undefined : (line: Record<string, unknown>) => console.log(JSON.stringify({ at: new Date().toISOString(), ...line }));
const server = createOidcServer({
  store, issuer: () => issuer, delayMs,
  clients: [{ clientId: values['client-id'], clientSecret: values['client-secret'], redirectUris: values['redirect-uri'] }],
  ...(log ? { log } : {}),
});
server.listen(port, values.host, () => {
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  if (!issuer) issuer = `http://${values.host}:${actualPort}`;
  console.log(JSON.stringify({ event: 'listening', port: actualPort, url: issuer, issuer, people: store.people.length }));
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => server.close(() => process.exit(0)));
