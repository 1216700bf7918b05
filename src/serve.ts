// Runs the roles once the database is open: migrate and seed, then serve and/or work.
import type { Config } from './config.ts';
import type { Database } from './platform/db.ts';
import { contextFor, prepareDatabase } from './bootstrap.ts';
import { buildApp } from './http/app.ts';
import { startWorker } from './worker.ts';
import { stopDemoSimulatorsNow, type DemoSimulator } from './platform/demo-simulators.ts';
import { calendarWarning } from './platform/calendar.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './modules/identity/index.ts';

export async function serve(config: Config, database: Database, startedAt: number, openMs: number, simulators: DemoSimulator[] = []): Promise<void> {
  const phases: string[] = [];
  let mark = performance.now();
  const lap = (name: string) => {
    const now = performance.now();
    phases.push(`${name} ${Math.round(now - mark)}`);
    mark = now;
  };
  phases.push(`database open ${Math.round(openMs)}`);
  const ctx = contextFor(config, database);
  await prepareDatabase(ctx);
  lap('migrate+seed');

  const stops: Array<() => Promise<void>> = [];
  if (config.role !== 'web') stops.push(startWorker(ctx));
  if (config.role !== 'worker') {
    const app = await buildApp(ctx);
    lap('http app');
    await app.listen({ port: config.port, host: config.host });
    lap('listen');
    stops.push(() => app.close());
    const port = (app.server.address() as { port: number }).port;
    const url = `http://localhost:${port}`;
    const db = ctx.database.kind === 'pglite' ? `embedded PGlite in ${config.dataDir}` : 'PostgreSQL server';
    console.log(`\nYijian 一件事一次办 is running at ${url}  (role ${config.role}, ${db}, ready in ${Math.round(performance.now())} ms: modules ${Math.round(startedAt)}, ${phases.join(', ')} ms)`);
    console.log(`API reference: ${url}/docs`);
    if (config.publicUrl !== url) console.log(`Public URL (material links sent to department systems): ${config.publicUrl}`);
    for (const sim of simulators) console.log(`Simulated ${sim.name}: ${sim.url}`);
    if (config.seedDemo) {
      console.log(`Demo accounts (password ${DEMO_PASSWORD}):`);
      for (const a of DEMO_ACCOUNTS) console.log(`  ${a.username.padEnd(16)} ${a.role.padEnd(15)} ${a.name}`);
    }
  } else {
    console.log(`Yijian worker running (PostgreSQL), ready in ${Math.round(performance.now())} ms`);
  }

  const calendar = calendarWarning(ctx.now());
  if (calendar) ctx.log.warn({ code: calendar.code }, calendar.message);

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    ctx.log.info({ signal }, 'shutting down');
    // requests in flight get a grace period; a stop that hangs (a long-poll, a client that keeps its
    // connection busy) does not keep the process alive
    setTimeout(() => {
      ctx.log.warn({ signal }, 'shutdown took longer than 15 s: exiting anyway');
      stopDemoSimulatorsNow();
      process.exit(1);
    }, 15_000).unref();
    // the simulated department systems first: they are clients that would keep calling while we close
    stopDemoSimulatorsNow();
    for (const stop of stops.reverse()) await stop().catch((err: unknown) => ctx.log.error({ err }, 'stop failed'));
    await ctx.database.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

