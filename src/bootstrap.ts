// Opens the database, migrates, and seeds an empty one: shared by main, the CLIs, tests and benchmarks.
import path from 'node:path';
import type { Config } from './config.ts';
import type { AppContext } from './platform/context.ts';
import { openConfiguredDatabase, type Database } from './platform/db.ts';
import { migrate } from './platform/migrate.ts';
import { createLogger, type Logger } from './platform/logger.ts';
import { countMatters, loadCatalogFiles } from './modules/catalog/index.ts';
import { seedDemoAccounts } from './modules/identity/index.ts';
import { seedDemoAdapters } from './modules/dispatch/index.ts';
import { demoDepartmentEndpoints } from './platform/demo-simulators.ts';
import { installDomainEvents } from './domain-events.ts';
import { AdjustableClock, systemClock } from './platform/clock.ts';
import { configurePdfFont } from './platform/pdf.ts';

export function contextFor(config: Config, database: Database, log: Logger = createLogger(config.logLevel)): AppContext {
  installDomainEvents();
  configurePdfFont(config.pdfFontFile);
  if (!config.seedDemo) return { config, database, log, now: systemClock.now };
  const demoClock = new AdjustableClock();
  return { config, database, log, now: () => demoClock.now(), demoClock };
}

export async function openContext(config: Config, log?: Logger): Promise<AppContext> {
  return contextFor(config, await openConfiguredDatabase(config), log);
}

export async function prepareDatabase(ctx: AppContext): Promise<void> {
  const { applied } = await migrate(ctx.database.db, path.join(ctx.config.rootDir, 'migrations'));
  if (applied.length > 0) ctx.log.info({ applied }, 'migrations applied');
  if ((await countMatters(ctx.database.db)) === 0) {
    const report = await loadCatalogFiles(ctx.database.db, path.join(ctx.config.rootDir, 'catalog'), (msg) => ctx.log.info(`catalog: ${msg}`));
    ctx.log.info(report, 'catalog loaded');
  }
  if (ctx.config.seedDemo) await seedDemoAccounts(ctx.database.db);
  // the department simulators npm start runs (their ports change on every start)
  if (ctx.config.seedDemo) await seedDemoAdapters(ctx.database.db, demoDepartmentEndpoints());
}
