// npm run bench -- NAME : runs bench/NAME.bench.ts (build first), printing figures and one JSON line.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { build } from './build.mjs';

const name = process.argv[2];
const known = readdirSync('bench').filter((f) => f.endsWith('.bench.ts')).map((f) => f.replace('.bench.ts', ''));
if (!name || !existsSync(`bench/${name}.bench.ts`)) {
  console.error(`usage: npm run bench -- NAME   (one of: ${known.join(', ')})`);
  process.exit(2);
}
await build();
const r = spawnSync(process.execPath, ['--import', 'tsx', `bench/${name}.bench.ts`, ...process.argv.slice(3)], { stdio: 'inherit' });
process.exit(r.status ?? 1);
