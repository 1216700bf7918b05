// What every use case and route receives: configuration, the database, a logger, the clock.
import type { Config } from '../config.ts';
import type { Database } from './db.ts';
import type { AdjustableClock } from './clock.ts';
import type { Logger } from './logger.ts';

export interface AppContext {
  config: Config;
  database: Database;
  log: Logger;
  /** the server's clock: production reads the real clock */
  now: () => Date;
  /** the demo city's movable clock (only when the demo is seeded): ctx.now reads it */
  demoClock?: AdjustableClock;
}
