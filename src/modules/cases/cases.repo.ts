// The only code that touches applications, subcases and case_history; outbox rows go through platform/outbox.ts.
import { sql, type Selectable } from 'kysely';
import { cacheExpired } from '../../platform/cache-clock.ts';
import type { Db, Tx } from '../../platform/db.ts';
import type { CaseHistoryTable, SubcaseInput } from '../../platform/db-schema.ts';
import type { ClockPatch, ClockState, TimeLimit, WarningLevel } from './subcase-clock.ts';
import { isFinal, statusOfCode } from './case.machine.ts';
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

/** A sub-case with its case clock (ClockState, migration 012; promised_at is the promised due time). */
export interface SubcaseRow extends ClockState {
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
  released_at: Date | null;
  needs: string[];
  /** when its fee was paid (migration 022); null: unpaid, or nothing to pay */
  paid_at: Date | null;
}

export type { TimeLimit } from './subcase-clock.ts';

const APP_COLUMNS = [
  'id', 'number', 'theme_code', 'theme_version', 'applicant_id', 'channel', 'staff_id', 'status',
  'delivery_way', 'delivery_address', 'delivery_counter', 'idempotency_key', 'created_at', 'updated_at',
] as const;
const SUBCASE_COLUMNS = [
  'id', 'application_id', 'matter_code', 'matter_version', 'matter_name', 'unit_code', 'status', 'data', 'elements', 'inputs',
  'result', 'time_limit', 'promised_at', 'released_at', 'needs', 'paid_at',
  'legal_limit', 'legal_due_at', 'clock_started_at', 'running_since', 'paused_since', 'office_ms_used', 'notice_at', 'warning_level', 'level_due_at',
] as const;

/** bigint arrives as text from pg */
type RawSubcase = Omit<SubcaseRow, 'office_ms_used'> & { office_ms_used: number | string | bigint };
const subcaseRow = (r: RawSubcase): SubcaseRow => ({ ...r, office_ms_used: Number(r.office_ms_used) });

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
  legalLimit: TimeLimit | null;
  promisedAt: Date | null;
  releasedAt: Date | null;
  needs: string[];
  at: Date;
  /** the provisional clock of a released sub-case (promised_at comes from promisedAt) */
  clock?: ClockPatch;
}

/** Several sub-cases in one insert (a submit's; not executed): the rows travel as one JSON parameter. */
export function insertSubcasesQuery(subs: NewSubcase[]) {
  return insertRowsAsJson('subcases', subs.map((s) => ({
    id: s.id, application_id: s.applicationId, seq: s.seq, matter_code: s.matterCode, matter_version: s.matterVersion, matter_name: s.matterName,
    unit_code: s.unitCode, status: s.status, data: s.data, elements: s.elements, inputs: s.inputs, time_limit: s.timeLimit,
    promised_at: s.promisedAt, released_at: s.releasedAt, needs: s.needs, created_at: s.at, updated_at: s.at,
    legal_limit: s.legalLimit, legal_due_at: s.clock?.legal_due_at ?? null, notice_at: s.clock?.notice_at ?? null, level_due_at: s.clock?.level_due_at ?? null,
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
  const rows = await db.selectFrom('subcases').select(SUBCASE_COLUMNS).where('application_id', '=', applicationId).orderBy('seq').execute();
  return (rows as RawSubcase[]).map(subcaseRow);
}

export async function getSubcase(db: DbOrTx, id: string): Promise<SubcaseRow | undefined> {
  const row = await db.selectFrom('subcases').select(SUBCASE_COLUMNS).where('id', '=', id).executeTakeFirst();
  return row ? subcaseRow(row as RawSubcase) : undefined;
}

export interface SubcasePatch {
  status: string;
  data?: Record<string, unknown>;
  result?: Record<string, unknown>;
  promisedAt?: Date | null;
  /** the clock columns (subcase-clock.ts); warning_level is written by the sweep only */
  clockColumns?: ClockPatch;
  releasedAt?: Date;
  at: Date;
}

const isFinalCode = (code: string): boolean => {
  const s = statusOfCode(code);
  return s !== undefined && isFinal(s);
};

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
      ...(p.releasedAt !== undefined ? { released_at: p.releasedAt } : {}),
      ...p.clockColumns,
      // a finished sub-case's level never changes again
      ...(isFinalCode(p.status) ? { level_due_at: null, running_since: null } : {}),
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
  legal_due_at: Date | null;
  paused_since: Date | null;
  warning_level: WarningLevel;
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
  const select = sql`select s.id, s.application_id, a.number, s.matter_code, s.matter_name, s.status, s.promised_at, s.released_at, s.legal_due_at, s.paused_since, s.warning_level,
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

// ---------- the case clock's setting and sweep ----------

const noticeCache = new WeakMap<object, { value: number; readAt: number }>();

/**
 * 预警: how many working days before the promised due time the level becomes notice (the row of
 * case_clock_settings). Read at most once a second per database handle on the app's clock, so the
 * submit (one statement) does not pay a round trip for it; a transaction reads it afresh.
 */
export async function noticeWorkdays(db: DbOrTx, now: Date): Promise<number> {
  const hit = noticeCache.get(db);
  if (hit && !cacheExpired(hit.readAt, now.getTime(), 1000)) return hit.value;
  const row = await db.selectFrom('case_clock_settings').select('notice_workdays').executeTakeFirst();
  const value = row?.notice_workdays ?? 2;
  noticeCache.set(db, { value, readAt: now.getTime() });
  return value;
}

/**
 * One statement: every open, unpaused sub-case whose level is due gets the level of `now` and its
 * next level_due_at (the same thresholds as subcase-clock.ts levelAt: notice at notice_at, yellow
 * 1 ms past promised_at, red 1 ms past legal_due_at), only while the row is still as read (level and
 * due), so concurrent or repeated sweeps change each row once; each change is recorded in
 * subcase_deadline_changes by the same statement.
 */
export async function sweepLevels(db: DbOrTx, now: Date): Promise<number> {
  const r = await sql<{ n: number }>`
    with due as (
      select s.id, s.warning_level as from_level,
             case when ${now}::timestamptz >= s.legal_due_at + interval '1 millisecond' then 'red'
                  when ${now}::timestamptz >= s.promised_at + interval '1 millisecond' then 'yellow'
                  when ${now}::timestamptz >= s.notice_at then 'notice'
                  else 'none' end as to_level
        from subcases s
       where s.level_due_at <= ${now}::timestamptz and s.level_due_at is not null and s.paused_since is null
         and s.status not in ('01', '07', '10', '11', '12', '13')
       for update skip locked
    ), changed as (
      update subcases s
         set warning_level = d.to_level,
             -- the next threshold after now (least ignores nulls; none left: null)
             level_due_at = least(
               case when s.notice_at > ${now}::timestamptz then s.notice_at end,
               case when s.promised_at + interval '1 millisecond' > ${now}::timestamptz then s.promised_at + interval '1 millisecond' end,
               case when s.legal_due_at + interval '1 millisecond' > ${now}::timestamptz then s.legal_due_at + interval '1 millisecond' end)
        from due d
       where s.id = d.id and s.warning_level = d.from_level and s.level_due_at <= ${now}::timestamptz and s.paused_since is null
      returning s.id, s.application_id, s.unit_code, d.from_level, d.to_level
    ), recorded as (
      insert into subcase_deadline_changes (subcase_id, application_id, unit_code, from_level, to_level, at)
      select id, application_id, unit_code, from_level, to_level, ${now}::timestamptz from changed where from_level <> to_level
      returning 1
    )
    select count(*)::int as n from recorded`.execute(db);
  return Number(r.rows[0]?.n ?? 0);
}

/** The payments module records that a sub-case's fee was paid, in the transaction of the payment. */
export async function markSubcasePaid(tx: Tx, subcaseId: string, at: Date): Promise<void> {
  await tx.updateTable('subcases').set({ paid_at: at }).where('id', '=', subcaseId).where('paid_at', 'is', null).execute();
}
