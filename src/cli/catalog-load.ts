// npm run catalog:load — load the catalog files into the database; changed files publish new versions.
import path from 'node:path';
import { loadConfig } from '../config.ts';
import { openContext } from '../bootstrap.ts';
import { migrate } from '../platform/migrate.ts';
import { loadCatalogFiles } from '../modules/catalog/index.ts';

const ctx = await openContext(loadConfig());
await migrate(ctx.database.db, path.join(ctx.config.rootDir, 'migrations'));
const report = await loadCatalogFiles(ctx.database.db, path.join(ctx.config.rootDir, 'catalog'), (m) => console.log(`… ${m}`));
console.log(`loaded: ${JSON.stringify(report)}`);
await ctx.database.close();
