// The only code that touches applications, subcases and case_history; outbox rows go through platform/outbox.ts.
import { sql, type Selectable } from 'kysely';
import type { Db, Tx } from '../../platform/db.ts';
import type { CaseHistoryTable, SubcaseInput } from '../../platform/db-schema.ts';
import type { WorkClock } from '../../platform/calendar.ts';
import type { TWorklistQuery } from '../../contract/cases.ts';
import { insertRowsAsJson } from '../../platform/one-statement.ts';

export type DbOrTx = Db | Tx;

export interface ApplicationRow {
  id: string;
  number: string;
  theme_code: string;
  theme_version: number;
  applicant_id: number;
  channel: string;
  staff_id: number | null;
  status: string;
  delivery_way: 'online' | 'express' | 'counter';
  delivery_address: string | null;
  delivery_counter: string | null;
  idempotency_key: string;
  created_at: Date;
  updated_at: Date;
}

export interface SubcaseRow {
  id: string;
  application_id: string;
  matter_code: string;
  matter_version: number;
  matter_name: string;
  unit_code: string;
  status: string;
  data: Record<string, unknown>;
  elements: string[];
  inputs: SubcaseInput[];
  result: Record<string, unknown> | null;
  time_limit: TimeLimit;
  promised_at: Date | null;
  clock: StoredClock | null;
  released_at: Date | null;
  needs: string[];
}

export type TimeLimit = { value: number; unit: 'workday' | 'calendarDay' | 'hour' };

export type StoredClock = { limitMs: number; startedAt: string; usedBeforePauseMs: number; runningSince: string | null };

export const storeClock = (c: WorkClock): StoredClock => ({
  limitMs: c.limitMs,
  startedAt: c.startedAt.toISOString(),
  usedBeforePauseMs: c.usedBeforePauseMs,
  runningSince: c.runningSince ? c.runningSince.toISOString() : null,
});
export const loadClock = (c: StoredClock): WorkClock => ({
  limitMs: c.limitMs,
  startedAt: new Date(c.startedAt),
  usedBeforePauseMs: c.usedBeforePauseMs,
  runningSince: c.runningSince ? new Date(c.runningSince) : null,
});

const APP_COLUMNS = [
  'id', 'number', 'theme_code', 'theme_version', 'applicant_id', 'channel', 'staff_id', 'status',
  'delivery_way', 'delivery_address', 'delivery_counter', 'idempotency_key', 'created_at', 'updated_at',
] as const;
const SUBCASE_COLUMNS = [
  'id', 'application_id', 'matter_code', 'matter_version', 'matter_name', 'unit_code', 'status', 'data', 'elements', 'inputs',
  'result', 'time_limit', 'promised_at', 'clock', 'released_at', 'needs',
] as const;

export async function findApplicationByKey(db: DbOrTx, applicantId: number, key: string): Promise<ApplicationRow | undefined> {
  return db.selectFrom('applications').select(APP_COLUMNS).where('applicant_id', '=', applicantId).where('idempotency_key', '=', key).executeTakeFirst();
}

/** YJ + the Shanghai date + a serial of at least 6 digits, made by the insert itself. */
const applicationNumber = (shanghaiDay: string) =>
  sql<string>`${`YJ${shanghaiDay.replaceAll('-', '')}`} || lpad(nextval('application_number_seq')::text, 6, '0')`;

export interface NewApplication {
  /** made by the caller (randomUUID), so the rows written with it in one statement can refer to it */
  id: string;
  /** the Shanghai date the number carries */
  day: string;
  themeCode: string;
  themeVersion: number;
  applicantId: number;
  channel: 'web' | 'mobile' | 'counter' | 'on-behalf';
  staffId: number | null;
  status: string;
  answers: Record<string, string[]>;
  delivery: { way: 'online' | 'express' | 'counter'; address: string | null; counter: string | null };
  idempotencyKey: string;
  at: Date;
}

/** The insert of an application, answering with its row (not executed: a part of the submit's one statement). */
export function insertApplicationQuery(db: DbOrTx, a: NewApplication) {
  return db
    .insertInto('applications')
    .values({
      id: a.id, number: applicationNumber(a.day), theme_code: a.themeCode, theme_version: a.themeVersion, applicant_id: a.applicantId, channel: a.channel,
      staff_id: a.staffId, status: a.status, answers: JSON.stringify(a.answers), delivery_way: a.delivery.way,
      delivery_address: a.delivery.address, delivery_counter: a.delivery.counter, idempotency_key: a.idempotencyKey,
      created_at: a.at, updated_at: a.at,
    })
    .returning(APP_COLUMNS);
}

export interface NewSubcase {
  /** made by the caller (randomUUID) */
  id: string;
  applicationId: string;
  seq: number;
  matterCode: string;
  matterVersion: number;
  matterName: string;
  unitCode: string;
  status: string;
  data: Record<string, unknown>;
  elements: string[];
  inputs: SubcaseInput[];
  timeLimit: TimeLimit;
  promisedAt: Date | null;
  releasedAt: Date | null;
  needs: string[];
  at: Date;
}

/** Several sub-cases in one insert (a submit's; not executed): the rows travel as one JSON parameter. */
export function insertSubcasesQuery(subs: NewSubcase[]) {
  return insertRowsAsJson('subcases', subs.map((s) => ({
    id: s.id, application_id: s.applicationId, seq: s.seq, matter_code: s.matterCode, matter_version: s.matterVersion, matter_name: s.matterName,
    unit_code: s.unitCode, status: s.status, data: s.data, elements: s.elements, inputs: s.inputs, time_limit: s.timeLimit,
    promised_at: s.promisedAt, released_at: s.releasedAt, needs: s.needs, created_at: s.at, updated_at: s.at,
  })));
}

export interface HistoryEntry {
  caseKind: 'application' | 'subcase';
  caseId: string;
  applicationId: string;
  from: string | null;
  to: string;
  event: string;
  actorId: number | null;
  actorRole: string | null;
  note?: string | null | undefined;
  at: Date;
}

export async function appendHistory(tx: Tx, entries: HistoryEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await appendHistoryQuery(entries).execute(tx);
}

/** History rows in one insert (not executed; at least one entry): the rows travel as one JSON parameter. */
export function appendHistoryQuery(entries: HistoryEntry[]) {
  return insertRowsAsJson('case_history', entries.map((e) => ({
    case_kind: e.caseKind, case_id: e.caseId, application_id: e.applicationId, from_status: e.from, to_status: e.to,
    event: e.event, actor_id: e.actorId, actor_role: e.actorRole, note: e.note ?? null, at: e.at,
  })));
}

export async function getApplication(db: DbOrTx, id: string): Promise<ApplicationRow | undefined> {
  return db.selectFrom('applications').select(APP_COLUMNS).where('id', '=', id).executeTakeFirst();
}

/** Locks the application row: actions on its sub-cases run one at a time, so the overall status is computed on committed sub-cases. */
export async function lockApplication(tx: Tx, id: string): Promise<ApplicationRow | undefined> {
  return tx.selectFrom('applications').select(APP_COLUMNS).where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function listSubcases(db: DbOrTx, applicationId: string): Promise<SubcaseRow[]> {
  return db.selectFrom('subcases').select(SUBCASE_COLUMNS).where('application_id', '=', applicationId).orderBy('seq').execute() as Promise<SubcaseRow[]>;
}

export async function getSubcase(db: DbOrTx, id: string): Promise<SubcaseRow | undefined> {
  return db.selectFrom('subcases').select(SUBCASE_COLUMNS).where('id', '=', id).executeTakeFirst() as Promise<SubcaseRow | undefined>;
}

export interface SubcasePatch {
  status: string;
  data?: Record<string, unknown>;
  result?: Record<string, unknown>;
  promisedAt?: Date | null;
  clock?: StoredClock | null;
  releasedAt?: Date;
  at: Date;
}

/** Updates only while the sub-case is still in `expected`; 0 rows means someone else moved it first. */
export async function updateSubcaseIf(tx: Tx, id: string, expected: string, p: SubcasePatch): Promise<number> {
  const r = await tx
    .updateTable('subcases')
    .set({
      status: p.status,
      updated_at: p.at,
      ...(p.data !== undefined ? { data: JSON.stringify(p.data) } : {}),
      ...(p.result !== undefined ? { result: JSON.stringify(p.result) } : {}),
      ...(p.promisedAt !== undefined ? { promised_at: p.promisedAt } : {}),
      ...(p.clock !== undefined ? { clock: p.clock === null ? null : JSON.stringify(p.clock) } : {}),
      ...(p.releasedAt !== undefined ? { released_at: p.releasedAt } : {}),
    })
    .where('id', '=', id)
    .where('status', '=', expected)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export async function updateApplicationIf(tx: Tx, id: string, expected: string, status: string, at: Date): Promise<number> {
  const r = await tx.updateTable('applications').set({ status, updated_at: at }).where('id', '=', id).where('status', '=', expected).executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export async function touchApplication(tx: Tx, id: string, at: Date): Promise<void> {
  await tx.updateTable('applications').set({ updated_at: at }).where('id', '=', id).execute();
}

export type HistoryRow = Omit<Selectable<CaseHistoryTable>, 'id' | 'application_id'>;

export async function listHistory(db: DbOrTx, applicationId: string, caseId?: string): Promise<HistoryRow[]> {
  let q = db
    .selectFrom('case_history')
    .select(['case_kind', 'case_id', 'from_status', 'to_status', 'event', 'actor_id', 'actor_role', 'note', 'at'])
    .where('application_id', '=', applicationId);
  if (caseId) q = q.where('case_id', '=', caseId);
  return q.orderBy('id').execute();
}

export async function listApplicationsOf(db: DbOrTx, applicantId: number, limit: number, offset: number): Promise<ApplicationRow[]> {
  return db.selectFrom('applications').select(APP_COLUMNS).where('applicant_id', '=', applicantId).orderBy('created_at', 'desc').orderBy('id').limit(limit).offset(offset).execute();
}

export interface WorklistRow {
  id: string;
  application_id: string;
  number: string;
  matter_code: string;
  matter_name: string;
  status: string;
  promised_at: Date | null;
  released_at: Date | null;
}

/** How far the worklist counts exactly; beyond it the page says "1000+" (an exact count of a big unit is a full scan). */
export const WORKLIST_COUNT_CAP = 1000;

/** Where a keyset page starts: after the row with this sort key (µs since the epoch; null = in the rows without one) and id. */
export interface WorklistAfter {
  keyMicros: string | null;
  id: string;
}

export interface WorklistPageRows {
  rows: WorklistRow[];
  total: number;
  totalCapped: boolean;
  /** the last row's key, for the next cursor; undefined when this was the last page */
  next: WorklistAfter | undefined;
}

type KeyedRow = WorklistRow & { k: string | null };

/** The count a first page made, carried in the cursor so later pages need not count again. */
export interface WorklistCount {
  total: number;
  capped: boolean;
}

/**
 * A unit's released sub-cases (waiting ones, 01, are not the unit's yet), in keyset pages.
 * deadline: promised_at asc nulls last, id asc.  newest: released_at desc nulls last, id desc.
 * Each phase (rows with a key, then rows without one) is one index range scan (migrations/006_worklist.sql);
 * a first page gets its capped count in the same statement (one round trip), later pages reuse `known`.
 */
export async function worklist(db: DbOrTx, unitCode: string, q: TWorklistQuery, after?: WorklistAfter, known?: WorklistCount): Promise<WorklistPageRows> {
  const deadline = q.sort === 'deadline';
  const col = deadline ? sql.ref('s.promised_at') : sql.ref('s.released_at');
  const statusCond = q.status ? sql`s.status = ${q.status}` : sql`s.status <> '01'`;
  const select = sql`select s.id, s.application_id, a.number, s.matter_code, s.matter_name, s.status, s.promised_at, s.released_at,
      (extract(epoch from ${col}) * 1000000)::bigint::text as k
    from subcases s join applications a on a.id = s.application_id
    where s.unit_code = ${unitCode} and ${statusCond}`;
  const dir = deadline ? sql`asc` : sql`desc`;
  const cmp = deadline ? sql`>` : sql`<`;
  const want = q.limit + 1; // one more tells whether there is a next page
  let counted: number | undefined;
  /** the page query, with the capped count beside it when none is known yet: one statement, one round trip */
  const run = async (page: ReturnType<typeof sql>): Promise<KeyedRow[]> => {
    if (known || counted !== undefined) return (await sql<KeyedRow>`${page}`.execute(db)).rows;
    const r = await sql<KeyedRow & { n: number }>`select p.*, c.n from
        (select count(*)::int as n from (select 1 from subcases s where s.unit_code = ${unitCode} and ${statusCond} limit ${WORKLIST_COUNT_CAP + 1}) t) c
        left join lateral (${page}) p on true`.execute(db);
    counted = Number(r.rows[0]?.n ?? 0);
    return r.rows.filter((x) => x.id !== null).map(({ n: _n, ...x }) => x);
  };
  let rows: KeyedRow[] = [];
  if (after === undefined && q.offset > 0) {
    // old clients: offset paging over both phases in one query
    rows = await run(sql`${select} order by ${col} ${dir} nulls last, s.id ${dir} limit ${want} offset ${q.offset}`);
  } else {
    if (!after || after.keyMicros !== null) {
      const cond = after ? sql`and (${col}, s.id) ${cmp} (timestamptz 'epoch' + ${after.keyMicros}::bigint * interval '1 microsecond', ${after.id}::uuid)` : sql`and ${col} is not null`;
      // nulls last although this phase has no nulls: only then is it the index order (desc = the index read backwards)
      rows = await run(sql`${select} ${cond} order by ${col} ${dir} nulls last, s.id ${dir} limit ${want}`);
    }
    if (rows.length < want) {
      const cond = after && after.keyMicros === null ? sql`and s.id ${cmp} ${after.id}::uuid` : sql``;
      rows = rows.concat(await run(sql`${select} and ${col} is null ${cond} order by s.id ${dir} limit ${want - rows.length}`));
    }
  }
  const n = known ? (known.capped ? WORKLIST_COUNT_CAP + 1 : known.total) : (counted ?? 0);
  const hasMore = rows.length > q.limit;
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  return {
    rows: page.map(({ k: _k, ...r }) => r),
    total: Math.min(n, WORKLIST_COUNT_CAP),
    totalCapped: n > WORKLIST_COUNT_CAP,
    next: hasMore && last ? { keyMicros: last.k, id: last.id } : undefined,
  };
}
