// Starts Yijian: `--role=web` serves the UI and API, `--role=worker` runs background work,
// `--role=all` (default) both in one process. Several processes may share one PostgreSQL.
// The database starts opening first; the rest of the program loads while it boots.
import { ConfigError, loadConfig, type Config } from './config.ts';
import { openConfiguredDatabase } from './platform/db.ts';
import { startDemoSimulators } from './platform/demo-simulators.ts';

const startedAt = performance.now();
let config: Config;
try {
  config = loadConfig();
} catch (e) {
  if (e instanceof ConfigError) {
    console.error(e.message);
    process.exit(2);
  }
  throw e;
}
if (!config.databaseUrl && config.role === 'worker') {
  console.error('--role=worker needs DATABASE_URL: the embedded database (PGlite) belongs to one process; use --role=all instead.');
  process.exit(2);
}
const opening = openConfiguredDatabase(config);
// the demo city's simulated registries and SMS provider start while the database boots
const simulators = startDemoSimulators(config);
const [{ serve }, database, sims] = await Promise.all([import('./serve.ts'), opening, simulators]);
try {
  await serve(config, database, startedAt, performance.now() - startedAt, sims);
} catch (e) {
  // a refusal to start is a message for the operator, not a stack trace
  if (e instanceof Error && e.name === 'DemoCredentialsInProductionError') {
    console.error(e.message);
    process.exit(2);
  }
  throw e;
}
