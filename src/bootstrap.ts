// Opens the database, migrates, and seeds an empty one: shared by main, the CLIs, tests and benchmarks.
import path from 'node:path';
import type { Config } from './config.ts';
import type { AppContext } from './platform/context.ts';
import { openConfiguredDatabase, type Database } from './platform/db.ts';
import { migrate } from './platform/migrate.ts';
import { createLogger, type Logger } from './platform/logger.ts';
import { countMatters, loadCatalogFiles } from './modules/catalog/index.ts';
import { accountsWithDemoPassword, seedDemoAccounts } from './modules/identity/index.ts';
import { seedDemoAdapters, unitsWithDemoKeys } from './modules/dispatch/index.ts';
import { demoSecrets } from './platform/demo-secrets.ts';
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

/** A production start that finds demo credentials (the published demo password, demo adapter keys) stops with this. */
export class DemoCredentialsInProductionError extends Error {
  override name = 'DemoCredentialsInProductionError';
}

/**
 * With NODE_ENV=production: refuses to go on while a demo account opens with the published password
 * or a unit signs with a demo key — a database that once ran the demo must be cleaned first.
 */
export async function refuseDemoCredentials(ctx: AppContext): Promise<void> {
  const [accounts, units] = await Promise.all([accountsWithDemoPassword(ctx.database.db), unitsWithDemoKeys(ctx.database.db)]);
  if (accounts.length === 0 && units.length === 0) return;
  throw new DemoCredentialsInProductionError(
    'Refusing to start in production: demo credentials are present — ' +
      [accounts.length ? `accounts with the published demo password: ${accounts.join(', ')} (disable them or change their passwords)` : '',
        units.length ? `units signing with a demo adapter key: ${units.join(', ')} (issue new keys, retire the demo ones)` : ''].filter(Boolean).join('; '),
  );
}

export async function prepareDatabase(ctx: AppContext): Promise<void> {
  const { applied } = await migrate(ctx.database.db, path.join(ctx.config.rootDir, 'migrations'));
  if (applied.length > 0) ctx.log.info({ applied }, 'migrations applied');
  if ((await countMatters(ctx.database.db)) === 0) {
    const report = await loadCatalogFiles(ctx.database.db, path.join(ctx.config.rootDir, 'catalog'), (msg) => ctx.log.info(`catalog: ${msg}`));
    ctx.log.info(report, 'catalog loaded');
  }
  if (ctx.config.production) await refuseDemoCredentials(ctx);
  if (ctx.config.seedDemo) await seedDemoAccounts(ctx.database.db);
  // the department simulators npm start runs (their ports change on every start)
  if (ctx.config.seedDemo) await seedDemoAdapters(ctx.database.db, demoSecrets(ctx.config.dataDir).adapterSeed, demoDepartmentEndpoints());
}
