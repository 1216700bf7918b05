// Runs fn in the caller's transaction when it passed one, else in a new one: the staff use cases take
// a database or a transaction (a seed creating many accounts at once passes its own).
import type { Db, Tx } from '../../platform/db.ts';

export function inTransaction<T>(db: Db, fn: (tx: Db) => Promise<T>): Promise<T> {
  if (db.isTransaction) return fn(db);
  return db.transaction().execute((tx: Tx) => fn(tx));
}
