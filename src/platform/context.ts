// What every use case and route receives: configuration, the database, a logger, the clock.
import type { Config } from '../config.ts';
import type { Database } from './db.ts';
import type { Logger } from './logger.ts';

export interface AppContext {
  config: Config;
  database: Database;
  log: Logger;
  now: () => Date;
}
