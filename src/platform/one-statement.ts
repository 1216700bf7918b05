// Several writes as ONE statement: `with w0 as (insert …), w1 as (insert …) <last>`. A single
// statement is atomic on its own, so it needs no BEGIN and COMMIT, and it is one round trip instead
// of one per write.
//
// What it asks of the writes (PostgreSQL's rules for data-modifying CTEs): they all see the snapshot
// taken before the statement, so none may read what another writes (ids are made by the caller, e.g.
// randomUUID()), and no row may be changed twice. Foreign keys and unique constraints are checked as
// usual; a violation undoes every part. Works the same on PostgreSQL 15 and PGlite.
import { sql, type Insertable, type OperationNodeSource, type QueryResult } from 'kysely';
import type { Db, Tx } from './db.ts';
import type { DB } from './db-schema.ts';

/** an insert, update or delete (a builder or raw SQL, not executed) */
export type StatementPart = OperationNodeSource;

export async function writeInOneStatement<R>(db: Db | Tx, writes: StatementPart[], last: StatementPart): Promise<QueryResult<R>> {
  if (writes.length === 0) return sql<R>`${last}`.execute(db);
  const ctes = writes.map((w, i) => sql`${sql.ref(`w${i}`)} as (${w})`);
  return sql<R>`with ${sql.join(ctes)} ${last}`.execute(db);
}

type Row<T extends keyof DB> = { [C in keyof Insertable<DB[T]>]?: unknown };

/**
 * Many rows of one table as ONE parameter: `insert into t (cols) select cols from
 * json_populate_recordset(null::t, $1)`. Building and sending a few hundred parameters costs the web
 * process far more than one JSON text, which PostgreSQL reads in C. JSON values land on their
 * column's type: objects on jsonb, arrays on text[], ISO strings on timestamptz. Columns the rows do
 * not name take their defaults. `returning` names columns to answer with.
 */
export function insertRowsAsJson<T extends keyof DB & string>(table: T, rows: Array<Row<T>>, returning: ReadonlyArray<keyof DB[T] & string> = []) {
  const columns = Object.keys(rows[0] ?? {});
  if (columns.length === 0) throw new Error(`insertRowsAsJson(${table}): no rows or no columns`);
  const cols = sql.join(columns.map((c) => sql.ref(c)));
  const back = returning.length > 0 ? sql` returning ${sql.join(returning.map((c) => sql.ref(c)))}` : sql``;
  return sql`insert into ${sql.table(table)} (${cols}) select ${cols} from json_populate_recordset(null::${sql.table(table)}, ${JSON.stringify(rows)}::json)${back}`;
}
