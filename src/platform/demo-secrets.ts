// DEMO ONLY: the secrets the demo city shares between Yijian and its simulators — the seed of the
// demo department systems' adapter keys and the OIDC client secret of the simulated unified identity
// provider. Random per installation (never derived from a constant in the source), made on first use
// and kept in DATA_DIR/demo-secrets.json, readable by the owner only, so that the simulators started
// after a restart still share them. Production never seeds demo data (SEED_DEMO is refused there).
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

const ZDemoSecrets = z.object({ adapterSeed: z.string().min(32), oidcClientSecret: z.string().min(32) });
export type DemoSecrets = z.infer<typeof ZDemoSecrets>;

const cache = new Map<string, DemoSecrets>();

export function demoSecrets(dataDir: string): DemoSecrets {
  const file = path.resolve(dataDir, 'demo-secrets.json');
  const hit = cache.get(file);
  if (hit) return hit;
  mkdirSync(path.dirname(file), { recursive: true });
  const made: DemoSecrets = { adapterSeed: randomBytes(32).toString('hex'), oidcClientSecret: randomBytes(32).toString('hex') };
  try {
    // exclusive create: of two processes starting together, one writes and both read the same
    writeFileSync(file, JSON.stringify(made), { mode: 0o600, flag: 'wx' });
  } catch (err) {
    if ((err as { code?: string }).code !== 'EEXIST') throw err;
  }
  const secrets = ZDemoSecrets.parse(JSON.parse(readFileSync(file, 'utf8')));
  cache.set(file, secrets);
  return secrets;
}
