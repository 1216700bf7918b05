// submit-embedded: the submit bench on the embedded database (PGlite in the server process): package
// submissions over HTTP at 8 and 32 concurrent clients next to the same SQL run on PGlite directly —
// the statements of one real submit, recorded at the driver, replayed with fresh keys, one transaction
// at a time (as PGlite serves one connection). Goal: ≥ 0.45× raw.
//
//   npm run bench -- submit-embedded [--seconds 10]
import path from 'node:path';
import { Kysely } from 'kysely';
import { PGlite } from '@electric-sql/pglite';
import type { DB } from '../src/platform/db-schema.ts';
import { PGliteDialect } from '../src/platform/pglite-dialect.ts';
import type { Database } from '../src/platform/db.ts';
import { createTestDatabase } from '../tests/helpers/databases.ts';
import { loadCatalogFiles } from '../src/modules/catalog/index.ts';
import { ROOT, arg, progress, report, startProcess, tempDir } from './lib.ts';
import { percentiles } from './open-loop.ts';
import { driveSubmits, makeSubmitBody, planReplay, recordSubmit, replayOnPglite, signInHttp, THEME, type SubmitLoad } from './submit-lib.ts';

const SECONDS = Number(arg('seconds', process.env.BENCH_SECONDS ?? '10'));
const CLIENTS = [8, 32];

const dataDir = tempDir('submit-embedded');
progress(`starting Yijian on PGlite in ${dataDir}`);
let server: Awaited<ReturnType<typeof startProcess>> | undefined = await startProcess(
  ['dist/server/main.js'], { DATA_DIR: dataDir, SIMULATORS: 'off', SEED_DEMO: 'true' }, '/api/themes', 180_000);
try {
  // the catalog for building the package, from an in-memory copy (the server's PGlite is its own)
  const catalogDb = await createTestDatabase('pglite');
  await loadCatalogFiles(catalogDb.db, path.join(ROOT, 'catalog'));
  const who = await signInHttp(server.port, 'citizen');
  const body = await makeSubmitBody(server.port, who, catalogDb, new Date());
  await catalogDb.drop();
  console.log(`package: theme ${THEME}, ${Object.keys(body.values).length} values, ${body.materials?.length ?? 0} uploaded materials`);

  progress('warm-up: 8 clients for 3 s');
  const warm = await driveSubmits(server.port, who, body, 8, 3, 'warm');
  if (warm.done === 0) throw new Error(`no submit succeeded: ${warm.firstError}`);
  const httpRuns: SubmitLoad[] = [];
  for (const c of CLIENTS) {
    progress(`HTTP submits: ${c} clients for ${SECONDS} s`);
    httpRuns.push(await driveSubmits(server.port, who, body, c, SECONDS, `c${c}`));
  }
  await server.stop();
  server = undefined;

  progress('opening the same PGlite folder in this process; recording the SQL of one submit');
  const lite = await PGlite.create({ dataDir: path.join(dataDir, 'pglite'), parsers: { 20: (v: string) => Number(v), 1700: (v: string) => Number(v) } });
  const db = new Kysely<DB>({ dialect: new PGliteDialect(lite) });
  const database: Database = { db, kind: 'pglite', close: () => db.destroy() };
  const { statements, key, generated } = await recordSubmit(database, 'citizen', body, () => new Date());
  const steps = planReplay(statements, key, generated);
  console.log(`one submit sends ${statements.length} statements`);

  // raw: the same statements straight on PGlite, `clients` loops sharing it one transaction at a time
  let chain: Promise<unknown> = Promise.resolve();
  const exclusive = <T>(f: () => Promise<T>): Promise<T> => {
    const run = chain.then(f, f);
    chain = run.catch(() => undefined);
    return run;
  };
  const raw: Array<{ perSecond: number; p50: number; p99: number; errors: number }> = [];
  for (const c of CLIENTS) {
    progress(`raw SQL on PGlite: ${c} clients for ${SECONDS} s`);
    const lat: number[] = [];
    let errors = 0;
    const t0 = performance.now();
    const deadline = t0 + SECONDS * 1000;
    await Promise.all(Array.from({ length: c }, async (_x, client) => {
      while (performance.now() < deadline) {
        const t = performance.now();
        try {
          await exclusive(() => replayOnPglite(lite, steps, client));
          lat.push(performance.now() - t);
        } catch (e) {
          if (errors++ === 0) console.error(`raw replay failed: ${String(e)}`);
          await lite.exec('rollback').catch(() => undefined);
        }
      }
    }));
    const secs = (performance.now() - t0) / 1000;
    const p = percentiles(lat);
    raw.push({ perSecond: lat.length / secs, p50: p.p50, p99: p.p99, errors });
  }
  await db.destroy();

  console.log(`\nsubmit on PGlite (${SECONDS} s per run)`);
  for (const [i, c] of CLIENTS.entries()) {
    const h = httpRuns[i]!;
    const r = raw[i]!;
    console.log(`${String(c).padStart(3)} clients  HTTP ${h.perSecond.toFixed(1).padStart(7)} packages/s  p50 ${h.p50.toFixed(1).padStart(6)} ms  p99 ${h.p99.toFixed(1).padStart(6)} ms  errors ${h.errors}${h.firstError ? ` (${h.firstError.slice(0, 120)})` : ''}`);
    console.log(`             raw SQL ${r.perSecond.toFixed(1).padStart(7)} tx/s        p50 ${r.p50.toFixed(1).padStart(6)} ms  p99 ${r.p99.toFixed(1).padStart(6)} ms  errors ${r.errors}`);
    console.log(`             ratio ${(h.perSecond / r.perSecond).toFixed(2)} (goal ≥ 0.45)`);
  }
  for (const [i, c] of CLIENTS.entries())
    report(`submit-embedded-${c}`, httpRuns[i]!.perSecond, raw[i]!.perSecond, 'packages/s', { goalRatio: 0.45, p50Ms: +httpRuns[i]!.p50.toFixed(1), p99Ms: +httpRuns[i]!.p99.toFixed(1), errors: httpRuns[i]!.errors });
} finally {
  await server?.stop();
}
