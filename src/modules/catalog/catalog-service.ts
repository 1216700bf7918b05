// One PublishedCatalog per database handle, shared by the routes of every module in the process.
import type { Database } from '../../platform/db.ts';
import { PublishedCatalog } from './published-catalog.ts';

const instances = new WeakMap<Database['db'], PublishedCatalog>();

export function publishedCatalog(database: Database): PublishedCatalog {
  let c = instances.get(database.db);
  if (!c) {
    c = new PublishedCatalog(database.db);
    instances.set(database.db, c);
  }
  return c;
}
