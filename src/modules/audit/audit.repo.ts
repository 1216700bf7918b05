// The only code that touches audit_log. Rows are only ever inserted (a trigger refuses the rest).
import { sql } from 'kysely';
import type { Db } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { ZAuditEntry, type TAuditEntry, type TAuditPage, type TAuditQuery } from './audit.schemas.ts';

/** Pass the transaction of the change being audited: the row commits or rolls back with it. */
export async function recordAudit(dbOrTx: Db, entry: TAuditEntry): Promise<void> {
  await auditInsert(dbOrTx, entry).execute();
}

/** The audit row's insert (not executed), for a change written as one statement (platform/one-statement.ts). */
export function auditInsert(db: Db, entry: TAuditEntry) {
  const e = ZAuditEntry.parse(entry); // a malformed entry is a bug of ours: fail loudly, before anything is written
  return db.insertInto('audit_log').values({
    actor_id: e.actorId,
    actor_role: e.actorRole,
    action: e.action,
    target_type: e.targetType,
    target_id: e.targetId ?? null,
    reason: e.reason ?? null,
    detail: JSON.stringify(e.detail ?? {}),
    ip: e.ip ?? null,
  });
}

// The cursor carries `at` as PostgreSQL prints it: microseconds survive, which a JS Date would drop.
interface Cursor {
  at: string;
  id: number;
}

function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify([c.at, c.id])).toString('base64url');
}

const PG_TIMESTAMPTZ = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01]) ([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{1,6})?[+-]\d{2}(:\d{2})?$/;

function realDay(ts: string): boolean {
  const [y, m, d] = ts.slice(0, 10).split('-').map(Number) as [number, number, number];
  return y >= 1 && d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

function decodeCursor(s: string): Cursor {
  try {
    const v: unknown = JSON.parse(Buffer.from(s, 'base64url').toString('utf8'));
    // exactly what encodeCursor writes: PostgreSQL's timestamptz text and a row id — a JS-parsable date
    // such as "1" or an id past bigint would otherwise reach the query and fail there
    if (Array.isArray(v) && v.length === 2 && typeof v[0] === 'string' && PG_TIMESTAMPTZ.test(v[0]) && realDay(v[0]) && Number.isSafeInteger(v[1]) && (v[1] as number) > 0)
      return { at: v[0], id: v[1] as number };
  } catch {
    // fall through
  }
  throw new AppError('bad_request', 'INVALID_CURSOR', { zh: '分页游标无效，请从第一页重新查询', en: 'The page cursor is not valid; start again from the first page' });
}

/** Newest first, keyset-paginated on (at, id) so that pages stay stable while rows are appended. */
export async function queryAudit(db: Db, q: TAuditQuery): Promise<TAuditPage> {
  let query = db
    .selectFrom('audit_log')
    .select(['id', 'at', 'actor_id', 'actor_role', 'action', 'target_type', 'target_id', 'reason', 'detail', 'ip', sql<string>`at::text`.as('at_text')]);
  if (q.actorId !== undefined) query = query.where('actor_id', '=', q.actorId);
  if (q.action?.endsWith('.*')) query = query.where('action', 'like', `${q.action.slice(0, -2).replace(/[\\%_]/g, '\\$&')}.%`);
  else if (q.action) query = query.where('action', '=', q.action);
  if (q.targetType) query = query.where('target_type', '=', q.targetType);
  if (q.targetId) query = query.where('target_id', '=', q.targetId);
  if (q.from) query = query.where('at', '>=', new Date(q.from));
  if (q.to) query = query.where('at', '<', new Date(q.to));
  if (q.cursor) {
    const c = decodeCursor(q.cursor);
    query = query.where(sql<boolean>`(at, id) < (${c.at}::timestamptz, ${c.id})`);
  }
  const rows = await query.orderBy('at', 'desc').orderBy('id', 'desc').limit(q.limit + 1).execute();
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  return {
    items: page.map((r) => ({
      id: r.id,
      at: r.at.toISOString(),
      actorId: r.actor_id,
      actorRole: r.actor_role,
      action: r.action,
      targetType: r.target_type,
      targetId: r.target_id,
      reason: r.reason,
      detail: r.detail,
      ip: r.ip,
    })),
    nextCursor: rows.length > q.limit && last ? encodeCursor({ at: last.at_text, id: last.id }) : null,
  };
}
