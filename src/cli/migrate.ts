// npm run migrate — apply pending migrations (the same files serve PGlite and PostgreSQL).
import path from 'node:path';
import { loadConfig } from '../config.ts';
import { openContext } from '../bootstrap.ts';
import { migrate } from '../platform/migrate.ts';

const ctx = await openContext(loadConfig());
const { applied } = await migrate(ctx.database.db, path.join(ctx.config.rootDir, 'migrations'));
console.log(applied.length ? `applied: ${applied.join(', ')}` : 'database is up to date');
await ctx.database.close();
