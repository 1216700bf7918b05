// The only code that touches applications, subcases (with their subcase_clock_levels) and case_history; outbox rows go through platform/outbox.ts.
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
  /** migration 018: for whom and on what basis (null on older applications), the submit body's hash */
  applicant_kind: 'person' | 'enterprise' | 'project-owner' | null;
  subject_credit_code: string | null;
  acting_basis: 'self' | 'legal-representative' | 'authorised-agent' | 'counter' | 'on-behalf' | null;
  acting_note: string | null;
  request_hash: string | null;
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
  'applicant_kind', 'subject_credit_code', 'acting_basis', 'acting_note', 'request_hash',
] as const;
const SUBCASE_COLUMNS = [
  's.id', 's.application_id', 's.matter_code', 's.matter_version', 's.matter_name', 's.unit_code', 's.status', 's.data', 's.elements', 's.inputs',
  's.result', 's.time_limit', 's.promised_at', 's.released_at', 's.needs', 's.paid_at',
  's.legal_limit', 's.legal_due_at', 's.clock_started_at', 's.running_since', 's.paused_since', 's.office_ms_used', 's.notice_at',
] as const;

/** A sub-case with its level (subcase_clock_levels, migration 015: the sweep writes only that row; none when it has none yet). */
const subcasesWithLevel = (db: DbOrTx) =>
  db.selectFrom('subcases as s').leftJoin('subcase_clock_levels as l', 'l.subcase_id', 's.id')
    .select(SUBCASE_COLUMNS)
    .select([sql<WarningLevel>`coalesce(l.warning_level, 'none')`.as('warning_level'), 'l.level_due_at']);

/** bigint arrives as text from pg */
type RawSubcase = Omit<SubcaseRow, 'office_ms_used'> & { office_ms_used: number | string | bigint };
const subcaseRow = (r: RawSubcase): SubcaseRow => ({ ...r, office_ms_used: Number(r.office_ms_used) });

export async function findApplicationByKey(db: DbOrTx, applicantId: number, key: string): Promise<ApplicationRow | undefined> {
  return db.selectFrom('applications').select(APP_COLUMNS).where('applicant_id', '=', applicantId).where('idempotency_key', '=', key).executeTakeFirst();
}

/**
 * An application of the theme holding one of the life-event keys that still counts: open, or
 * completed with at least one approved sub-case (07 not accepted, 12 voided, 13 withdrawn and a
 * completion that refused everything do not).
 */
export async function findBlockingLifeEvent(db: DbOrTx, themeCode: string, keys: readonly string[]): Promise<Pick<ApplicationRow, 'id' | 'number' | 'applicant_id'> | undefined> {
  const { rows } = await sql<Pick<ApplicationRow, 'id' | 'number' | 'applicant_id'>>`
    select a.id, a.number, a.applicant_id from applications a
    where a.life_event_keys && ${sql.val([...keys])}::text[] and a.theme_code = ${themeCode}
      and (a.status not in ('07', '10', '11', '12', '13')
           or a.status = '11'
           or (a.status = '10' and exists (select 1 from subcases s where s.application_id = a.id and s.result->>'decision' = 'approved')))
    order by a.created_at limit 1`.execute(db);
  return rows[0];
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
  /** SHA-256 of the submit body without its key */
  requestHash: string;
  applicant: { kind: 'person' | 'enterprise' | 'project-owner'; subjectCreditCode: string | null; basis: ApplicationRow['acting_basis']; note: string | null };
  lifeEventKeys: string[];
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
      created_at: a.at, updated_at: a.at, request_hash: a.requestHash, applicant_kind: a.applicant.kind, subject_credit_code: a.applicant.subjectCreditCode,
      acting_basis: a.applicant.basis, acting_note: a.applicant.note, life_event_keys: a.lifeEventKeys.length > 0 ? a.lifeEventKeys : null,
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
    legal_limit: s.legalLimit, legal_due_at: s.clock?.legal_due_at ?? null, notice_at: s.clock?.notice_at ?? null,
  })));
}

/** The level rows of the sub-cases that start with a clock (not executed; undefined when none does): a part of the submit's one statement. */
export function insertClockLevelsQuery(subs: NewSubcase[]) {
  const rows = subs.filter((s) => s.clock?.level_due_at !== undefined).map((s) => ({ subcase_id: s.id, level_due_at: s.clock!.level_due_at ?? null }));
  return rows.length > 0 ? insertRowsAsJson('subcase_clock_levels', rows) : undefined;
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
  /** a person's own words, or a note the platform writes in both languages */
  note?: string | { zh: string; en: string } | null | undefined;
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
    event: e.event, actor_id: e.actorId, actor_role: e.actorRole, at: e.at,
    ...(typeof e.note === 'object' && e.note !== null ? { note: e.note.zh, note_en: e.note.en } : { note: e.note ?? null, note_en: null }),
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
  const rows = await subcasesWithLevel(db).where('s.application_id', '=', applicationId).orderBy('s.seq').execute();
  return (rows as RawSubcase[]).map(subcaseRow);
}

export async function getSubcase(db: DbOrTx, id: string): Promise<SubcaseRow | undefined> {
  const row = await subcasesWithLevel(db).where('s.id', '=', id).executeTakeFirst();
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

/**
 * Updates only while the sub-case is still in `expected`; 0 rows means someone else moved it first.
 * A new clock (or a final status) also sets when the sweep must next look at the level, in the same transaction.
 */
export async function updateSubcaseIf(tx: Tx, id: string, expected: string, p: SubcasePatch): Promise<number> {
  const { level_due_at: levelDueAt, ...clock } = p.clockColumns ?? {};
  const final = isFinalCode(p.status);
  const r = await tx
    .updateTable('subcases')
    .set({
      status: p.status,
      updated_at: p.at,
      ...(p.data !== undefined ? { data: JSON.stringify(p.data) } : {}),
      ...(p.result !== undefined ? { result: JSON.stringify(p.result) } : {}),
      ...(p.promisedAt !== undefined ? { promised_at: p.promisedAt } : {}),
      ...(p.releasedAt !== undefined ? { released_at: p.releasedAt } : {}),
      ...clock,
      ...(final ? { running_since: null } : {}),
    })
    .where('id', '=', id)
    .where('status', '=', expected)
    .executeTakeFirst();
  const n = Number(r.numUpdatedRows);
  // a finished sub-case's level never changes again
  if (n > 0 && (final || levelDueAt !== undefined)) await setLevelDue(tx, id, final ? null : (levelDueAt ?? null));
  return n;
}

/** When the sweep must next look at a sub-case's level: its level row is made by its first clock, and kept with no due once final. */
async function setLevelDue(tx: Tx, id: string, due: Date | null): Promise<void> {
  if (due === null) await tx.updateTable('subcase_clock_levels').set({ level_due_at: null }).where('subcase_id', '=', id).where('level_due_at', 'is not', null).execute();
  else await tx.insertInto('subcase_clock_levels').values({ subcase_id: id, level_due_at: due })
    .onConflict((oc) => oc.column('subcase_id').doUpdateSet({ level_due_at: due })).execute();
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
    .select(['case_kind', 'case_id', 'from_status', 'to_status', 'event', 'actor_id', 'actor_role', 'note', 'note_en', 'at'])
    .where('application_id', '=', applicationId);
  if (caseId) q = q.where('case_id', '=', caseId);
  return q.orderBy('id').execute();
}

/** The applicant's sub-cases that wait for them (e.g. 补齐补正 asked), newest first; at most 100. */
export async function listSubcasesAwaitingApplicant(db: DbOrTx, applicantId: number, statuses: string[]) {
  return db
    .selectFrom('subcases as s')
    .innerJoin('applications as a', 'a.id', 's.application_id')
    .select(['s.id', 's.application_id', 's.matter_name', 's.status', 's.updated_at', 'a.number', 'a.theme_code'])
    .where('a.applicant_id', '=', applicantId)
    .where('s.status', 'in', statuses)
    .orderBy('s.updated_at', 'desc')
    .limit(100)
    .execute();
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
  const select = sql`select s.id, s.application_id, a.number, s.matter_code, s.matter_name, s.status, s.promised_at, s.released_at, s.legal_due_at, s.paused_since,
      coalesce(l.warning_level, 'none') as warning_level, (extract(epoch from ${col}) * 1000000)::bigint::text as k
    from subcases s join applications a on a.id = s.application_id left join subcase_clock_levels l on l.subcase_id = s.id
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

/** A level change the sweep made, with what its event carries. */
export interface LevelChange {
  subcase_id: string;
  application_id: string;
  unit_code: string;
  matter_code: string;
  from_level: WarningLevel;
  to_level: WarningLevel;
  promised_at: Date | string | null;
  legal_due_at: Date | string | null;
}

/**
 * One statement: every open, unpaused sub-case whose level is due gets the level of `now` and its
 * next level_due_at (the same thresholds as subcase-clock.ts levelAt: notice at notice_at, yellow
 * 1 ms past promised_at, red 1 ms past legal_due_at), only while the row is still as read (level and
 * due), so concurrent or repeated sweeps change each row once. Only the narrow level rows are written
 * (subcase_clock_levels); the due times are read from `subcases`. Answers with the rows whose level
 * changed (a row due only to be looked at again keeps its level and is not among them).
 */
export async function sweepLevels(tx: Tx, now: Date): Promise<LevelChange[]> {
  const r = await sql<LevelChange>`
    with due as (
      select l.subcase_id, l.warning_level as from_level, s.application_id, s.unit_code, s.matter_code, s.notice_at, s.promised_at, s.legal_due_at,
             case when ${now}::timestamptz >= s.legal_due_at + interval '1 millisecond' then 'red'
                  when ${now}::timestamptz >= s.promised_at + interval '1 millisecond' then 'yellow'
                  when ${now}::timestamptz >= s.notice_at then 'notice'
                  else 'none' end as to_level
        from subcase_clock_levels l join subcases s on s.id = l.subcase_id
       where l.level_due_at <= ${now}::timestamptz and l.level_due_at is not null and s.paused_since is null
         and s.status not in ('01', '07', '10', '11', '12', '13')
       for update of l skip locked
    )
    update subcase_clock_levels l
       set warning_level = d.to_level,
           -- the next threshold after now (least ignores nulls; none left: null)
           level_due_at = least(
             case when d.notice_at > ${now}::timestamptz then d.notice_at end,
             case when d.promised_at + interval '1 millisecond' > ${now}::timestamptz then d.promised_at + interval '1 millisecond' end,
             case when d.legal_due_at + interval '1 millisecond' > ${now}::timestamptz then d.legal_due_at + interval '1 millisecond' end)
      from due d
     where l.subcase_id = d.subcase_id and l.warning_level = d.from_level and l.level_due_at <= ${now}::timestamptz
    returning l.subcase_id, d.application_id, d.unit_code, d.matter_code, d.from_level, d.to_level, d.promised_at, d.legal_due_at`.execute(tx);
  return r.rows.filter((c) => c.from_level !== c.to_level);
}

// ---------- files handed in with supplement answers (补齐补正) ----------

export async function insertSupplementFiles(tx: Tx, subcaseId: string, uploadIds: readonly string[], at: Date): Promise<void> {
  if (uploadIds.length === 0) return;
  await tx.insertInto('supplement_files').values(uploadIds.map((u) => ({ subcase_id: subcaseId, upload_id: u, answered_at: at })))
    .onConflict((oc) => oc.columns(['subcase_id', 'upload_id']).doNothing()).execute();
}

export async function listSupplementFiles(db: DbOrTx, subcaseIds: readonly string[]): Promise<Array<{ subcaseId: string; uploadId: string; answeredAt: Date }>> {
  if (subcaseIds.length === 0) return [];
  const rows = await db.selectFrom('supplement_files').select(['subcase_id', 'upload_id', 'answered_at'])
    .where('subcase_id', 'in', [...subcaseIds]).orderBy('answered_at').orderBy('upload_id').execute();
  return rows.map((r) => ({ subcaseId: r.subcase_id, uploadId: r.upload_id, answeredAt: new Date(r.answered_at) }));
}

/** The payments module records that a sub-case's fee was paid, in the transaction of the payment. */
export async function markSubcasePaid(tx: Tx, subcaseId: string, at: Date): Promise<void> {
  await tx.updateTable('subcases').set({ paid_at: at }).where('id', '=', subcaseId).where('paid_at', 'is', null).execute();
}
