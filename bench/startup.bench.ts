// startup: first start of a fresh clone (empty data folder: migrations, catalog, demo data) and a
// restart on the existing PGlite folder, each to the first 200 (/api/health answers once the database is
// open, migrated and seeded); baseline: a bare Fastify process.
import { progress, report, startProcess, tempDir } from './lib.ts';

const RUNS = 3;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const bare: number[] = [];
const first: number[] = [];
const restart: number[] = [];
const restartThemes: number[] = [];
for (let i = 0; i < RUNS; i++) {
  progress(`run ${i + 1}/${RUNS}: bare Fastify`);
  const b = await startProcess(['bench/bare-server.mjs'], {});
  bare.push(b.readyMs);
  await b.stop();
  const dataDir = tempDir('startup');
  progress(`run ${i + 1}/${RUNS}: first start on an empty data folder`);
  const f = await startProcess(['dist/server/main.js'], { DATA_DIR: dataDir, SEED_DEMO: 'true' }, '/api/themes', 120_000);
  first.push(f.readyMs);
  await f.stop();
  progress(`run ${i + 1}/${RUNS}: restart on the existing data folder`);
  const r = await startProcess(['dist/server/main.js'], { DATA_DIR: dataDir, SEED_DEMO: 'true' }, '/api/health');
  restart.push(r.readyMs);
  await r.stop();
  const r2 = await startProcess(['dist/server/main.js'], { DATA_DIR: dataDir, SEED_DEMO: 'true' }, '/api/themes');
  restartThemes.push(r2.readyMs);
  await r2.stop();
}
const fmt = (xs: number[]) => xs.map((x) => `${Math.round(x)}`).join(', ');
console.log(`bare Fastify process to first 200:        median ${Math.round(median(bare))} ms  (${fmt(bare)})`);
console.log(`first start (fresh data folder, seeding):  median ${Math.round(median(first))} ms  (${fmt(first)})  goal ≤ 10000 ms`);
console.log(`restart on existing PGlite data folder:    median ${Math.round(median(restart))} ms  (${fmt(restart)})  goal ≤ 1500 ms`);
console.log(`  … to the first 200 of /api/themes:      median ${Math.round(median(restartThemes))} ms  (${fmt(restartThemes)})`);
report('startup', median(restart), median(bare), 'ms', { firstStartMs: Math.round(median(first)), goalRestartMs: 1500, goalFirstStartMs: 10000 });
