// The only code that touches the dispatch tables (unit_adapters, unit_keys, dispatch_tasks,
// dispatch_secrets, adapter_sequences, adapter_events, reconciliation_findings).
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { Db, Tx } from '../../platform/db.ts';
import type { TAdapterKind } from '../../contract/dispatch.ts';
import { adapterEventMove, taskMove, type AdapterEventEvent } from './dispatch.machines.ts';

export type DbOrTx = Db | Tx;

export interface AdapterRow {
  unit_code: string;
  kind: TAdapterKind;
  endpoint_url: string | null;
  settings: Record<string, unknown>;
  updated_at: Date | null;
}

/** A unit without a row works in the back office. */
export async function getAdapter(db: DbOrTx, unitCode: string): Promise<AdapterRow> {
  const row = await db.selectFrom('unit_adapters').select(['unit_code', 'kind', 'endpoint_url', 'settings', 'updated_at']).where('unit_code', '=', unitCode).executeTakeFirst();
  return row ?? { unit_code: unitCode, kind: 'back-office', endpoint_url: null, settings: {}, updated_at: null };
}

export async function listAdapters(db: DbOrTx): Promise<AdapterRow[]> {
  return db.selectFrom('unit_adapters').select(['unit_code', 'kind', 'endpoint_url', 'settings', 'updated_at']).orderBy('unit_code').execute();
}

export async function upsertAdapter(db: DbOrTx, a: { unitCode: string; kind: TAdapterKind; endpointUrl: string | null; settings: Record<string, unknown>; by: number | null; at: Date }): Promise<void> {
  const values = { kind: a.kind, endpoint_url: a.endpointUrl, settings: JSON.stringify(a.settings), updated_by: a.by, updated_at: a.at };
  await db.insertInto('unit_adapters').values({ unit_code: a.unitCode, ...values }).onConflict((oc) => oc.column('unit_code').doUpdateSet(values)).execute();
}

export interface KeyRow {
  key_id: string;
  secret: string;
  created_at: Date;
  retired_at: Date | null;
}

export async function listKeys(db: DbOrTx, unitCode: string): Promise<KeyRow[]> {
  return db.selectFrom('unit_keys').select(['key_id', 'secret', 'created_at', 'retired_at']).where('unit_code', '=', unitCode).orderBy('created_at', 'desc').orderBy('key_id', 'desc').execute();
}

export async function listAllKeys(db: DbOrTx, unitCodes: readonly string[]): Promise<Array<KeyRow & { unit_code: string }>> {
  if (unitCodes.length === 0) return [];
  return db.selectFrom('unit_keys').select(['unit_code', 'key_id', 'secret', 'created_at', 'retired_at']).where('unit_code', 'in', [...unitCodes]).orderBy('created_at', 'desc').execute();
}

/** The secret of a key that is not retired, for verification. */
export async function validSecret(db: DbOrTx, unitCode: string, keyId: string): Promise<string | undefined> {
  const row = await db.selectFrom('unit_keys').select('secret').where('unit_code', '=', unitCode).where('key_id', '=', keyId).where('retired_at', 'is', null).executeTakeFirst();
  return row?.secret;
}

/** The newest key that is not retired, for signing. */
export async function signingKey(db: DbOrTx, unitCode: string): Promise<{ keyId: string; secret: string } | undefined> {
  const row = await db.selectFrom('unit_keys').select(['key_id', 'secret']).where('unit_code', '=', unitCode).where('retired_at', 'is', null)
    .orderBy('created_at', 'desc').orderBy('key_id', 'desc').limit(1).executeTakeFirst();
  return row ? { keyId: row.key_id, secret: row.secret } : undefined;
}

/** false when the key id is taken for the unit. */
export async function insertKey(db: DbOrTx, unitCode: string, keyId: string, secret: string, at: Date): Promise<boolean> {
  const row = await db.insertInto('unit_keys').values({ unit_code: unitCode, key_id: keyId, secret, created_at: at })
    .onConflict((oc) => oc.columns(['unit_code', 'key_id']).doNothing()).returning('key_id').executeTakeFirst();
  return row !== undefined;
}

export async function retireKey(db: DbOrTx, unitCode: string, keyId: string, at: Date): Promise<'retired' | 'already' | 'missing'> {
  const row = await db.selectFrom('unit_keys').select('retired_at').where('unit_code', '=', unitCode).where('key_id', '=', keyId).executeTakeFirst();
  if (!row) return 'missing';
  if (row.retired_at) return 'already';
  await db.updateTable('unit_keys').set({ retired_at: at }).where('unit_code', '=', unitCode).where('key_id', '=', keyId).execute();
  return 'retired';
}

// ---------- tasks ----------

export interface TaskRow {
  id: string;
  outbox_id: number;
  subcase_id: string;
  unit_code: string;
  kind: 'push' | 'pull' | 'manual';
  event: string;
  sequence: number;
  envelope: Record<string, unknown>;
  state: 'pending' | 'done';
  attempts: number;
  leased_until: Date | null;
  external_case_no: string | null;
  created_at: Date;
  done_at: Date | null;
  /** the envelope's JSON text when the task was made in this process (sent as is) */
  envelopeJson?: string;
}

const TASK_COLUMNS = ['id', 'outbox_id', 'subcase_id', 'unit_code', 'kind', 'event', 'sequence', 'envelope', 'state', 'attempts', 'leased_until', 'external_case_no', 'created_at', 'done_at'] as const;

export async function findTask(db: DbOrTx, id: string): Promise<TaskRow | undefined> {
  return db.selectFrom('dispatch_tasks').select(TASK_COLUMNS).where('id', '=', id).executeTakeFirst();
}

export interface NewTask {
  id: string;
  outboxId: number;
  subcaseId: string;
  unitCode: string;
  kind: 'push' | 'pull' | 'manual';
  event: string;
  sequence: number;
  envelope: Record<string, unknown>;
  at: Date;
}

/** pending → done (delivered, acknowledged or entered); false when it was done already. */
export async function completeTask(db: DbOrTx, id: string, at: Date, externalCaseNo: string | null, enteredBy: number | null = null, attempts?: number): Promise<boolean> {
  const move = taskMove('complete');
  const r = await db.updateTable('dispatch_tasks')
    .set({
      state: move.to, done_at: at, leased_until: null, ...(externalCaseNo ? { external_case_no: externalCaseNo } : {}), ...(enteredBy ? { entered_by: enteredBy } : {}),
      ...(attempts !== undefined ? { attempts } : {}),
    })
    .where('id', '=', id).where('state', '=', move.from).executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/**
 * Pull: leases up to `limit` pending tasks of the unit that nobody holds, oldest first, only the
 * first pending task of each sub-case (its later events wait for its acknowledgement).
 */
export async function leasePullTasks(db: Db, unitCode: string, limit: number, now: Date, leaseMs: number): Promise<TaskRow[]> {
  const until = new Date(now.getTime() + leaseMs);
  const { rows } = await sql<TaskRow>`
    update dispatch_tasks set leased_until = ${until}, attempts = attempts + 1
    where id in (
      select t.id from dispatch_tasks t
      where t.unit_code = ${unitCode} and t.kind = 'pull' and t.state = 'pending'
        and (t.leased_until is null or t.leased_until <= ${now})
        and not exists (select 1 from dispatch_tasks e where e.subcase_id = t.subcase_id and e.state = 'pending' and e.sequence < t.sequence)
      order by t.created_at, t.id
      limit ${limit}
      for update of t skip locked)
    returning ${sql.join(TASK_COLUMNS.map((c) => sql.ref(c)))}`.execute(db);
  return rows
    .map((r) => ({ ...r, envelope: typeof r.envelope === 'string' ? (JSON.parse(r.envelope) as Record<string, unknown>) : r.envelope, created_at: new Date(r.created_at) }))
    .sort((a, b) => a.created_at.getTime() - b.created_at.getTime());
}

export async function hasPullTasks(db: Db, unitCode: string, now: Date): Promise<boolean> {
  const row = await db.selectFrom('dispatch_tasks').select('id').where('unit_code', '=', unitCode).where('kind', '=', 'pull').where('state', '=', 'pending')
    .where((eb) => eb.or([eb('leased_until', 'is', null), eb('leased_until', '<=', now)])).limit(1).executeTakeFirst();
  return row !== undefined;
}

export async function listManualTasks(db: DbOrTx, unitCode: string, limit: number): Promise<TaskRow[]> {
  return db.selectFrom('dispatch_tasks').select(TASK_COLUMNS).where('unit_code', '=', unitCode).where('kind', '=', 'manual').where('state', '=', 'pending')
    .orderBy('created_at').orderBy('id').limit(limit).execute();
}

export async function reentryCounts(db: DbOrTx): Promise<Array<{ unit_code: string; unit_name: string; pending: number; entered: number }>> {
  const { rows } = await sql<{ unit_code: string; unit_name: string; pending: number; entered: number }>`
    select t.unit_code, u.name as unit_name,
      count(*) filter (where t.state = 'pending')::int as pending,
      count(*) filter (where t.state = 'done')::int as entered
    from dispatch_tasks t join units u on u.code = t.unit_code
    where t.kind = 'manual'
    group by t.unit_code, u.name
    order by entered desc, t.unit_code`.execute(db);
  return rows;
}

/** The external case number of a sub-case, from its first task that has one. */
export async function externalCaseNo(db: DbOrTx, subcaseId: string): Promise<string | null> {
  const row = await db.selectFrom('dispatch_tasks').select('external_case_no').where('subcase_id', '=', subcaseId).where('external_case_no', 'is not', null).orderBy('sequence').limit(1).executeTakeFirst();
  return row?.external_case_no ?? null;
}

// ---------- the download-link secret ----------

export async function dispatchSecret(db: Db, name: string): Promise<string> {
  await db.insertInto('dispatch_secrets').values({ name, secret: randomBytes(32).toString('hex') }).onConflict((oc) => oc.column('name').doNothing()).execute();
  return (await db.selectFrom('dispatch_secrets').select('secret').where('name', '=', name).executeTakeFirstOrThrow()).secret;
}

// ---------- result events ----------

export interface EventRow {
  unit_code: string;
  event_id: string;
  subcase_id: string;
  sequence: number;
  type: string;
  body: Record<string, unknown>;
  state: 'parked' | 'applied' | 'failed';
  outcome: Record<string, unknown> | null;
}

const EVENT_COLUMNS = ['unit_code', 'event_id', 'subcase_id', 'sequence', 'type', 'body', 'state', 'outcome'] as const;

export async function findEvent(db: DbOrTx, unitCode: string, eventId: string): Promise<EventRow | undefined> {
  return db.selectFrom('adapter_events').select(EVENT_COLUMNS).where('unit_code', '=', unitCode).where('event_id', '=', eventId).executeTakeFirst();
}

export async function findEventAt(db: DbOrTx, subcaseId: string, sequence: number): Promise<EventRow | undefined> {
  return db.selectFrom('adapter_events').select(EVENT_COLUMNS).where('subcase_id', '=', subcaseId).where('sequence', '=', sequence).executeTakeFirst();
}

/** Stores a new event as parked; false when its event id or its sequence is taken. */
export async function insertEvent(db: DbOrTx, e: { unitCode: string; eventId: string; subcaseId: string; sequence: number; type: string; body: Record<string, unknown>; at: Date }): Promise<boolean> {
  const row = await db.insertInto('adapter_events').values({
    unit_code: e.unitCode, event_id: e.eventId, subcase_id: e.subcaseId, sequence: e.sequence, type: e.type, body: JSON.stringify(e.body), state: 'parked', received_at: e.at,
  }).onConflict((oc) => oc.doNothing()).returning('event_id').executeTakeFirst();
  return row !== undefined;
}

/** Parked events whose sequence is the next one of their sub-case: ready to apply. */
export async function readyParkedEvents(db: DbOrTx, limit: number): Promise<Array<{ unitCode: string; subcaseId: string }>> {
  const { rows } = await sql<{ unit_code: string; subcase_id: string }>`
    select distinct e.unit_code, e.subcase_id
    from adapter_events e left join adapter_sequences s on s.subcase_id = e.subcase_id
    where e.state = 'parked' and e.sequence = coalesce(s.last_sequence, 0) + 1
    limit ${limit}`.execute(db);
  return rows.map((r) => ({ unitCode: r.unit_code, subcaseId: r.subcase_id }));
}

export async function lastSequence(db: DbOrTx, subcaseId: string): Promise<number> {
  const row = await db.selectFrom('adapter_sequences').select('last_sequence').where('subcase_id', '=', subcaseId).executeTakeFirst();
  return row?.last_sequence ?? 0;
}

/**
 * Moves the sub-case's counter from `sequence - 1` to `sequence` and settles the event, in the
 * caller's transaction; false when another request settled that sequence first.
 */
export async function settleEvent(tx: Tx, e: { unitCode: string; eventId: string; subcaseId: string; sequence: number; event: AdapterEventEvent; outcome: Record<string, unknown>; at: Date }): Promise<boolean> {
  const move = adapterEventMove(e.event);
  await tx.insertInto('adapter_sequences').values({ subcase_id: e.subcaseId, unit_code: e.unitCode, last_sequence: 0, updated_at: e.at })
    .onConflict((oc) => oc.column('subcase_id').doNothing()).execute();
  const moved = await tx.updateTable('adapter_sequences').set({ last_sequence: e.sequence, updated_at: e.at })
    .where('subcase_id', '=', e.subcaseId).where('last_sequence', '=', e.sequence - 1).executeTakeFirst();
  if (Number(moved.numUpdatedRows) === 0) return false;
  await tx.updateTable('adapter_events').set({ state: move.to, outcome: JSON.stringify(e.outcome), applied_at: e.at })
    .where('unit_code', '=', e.unitCode).where('event_id', '=', e.eventId).where('state', '=', move.from).execute();
  return true;
}

// ---------- reconciliation ----------

export interface ReconcileCandidate {
  id: string;
  unit_code: string;
  status: string;
  last_sequence: number;
}

/** Sub-cases of push and pull units changed since `since` (and dispatched to them at least once). */
export async function subcasesToReconcile(db: DbOrTx, since: Date, limit: number): Promise<Array<ReconcileCandidate & { endpoint_url: string }>> {
  const { rows } = await sql<ReconcileCandidate & { endpoint_url: string }>`
    select s.id, s.unit_code, s.status, coalesce(q.last_sequence, 0)::int as last_sequence, a.endpoint_url
    from subcases s
    join unit_adapters a on a.unit_code = s.unit_code and a.kind in ('push', 'pull') and a.endpoint_url is not null
    left join adapter_sequences q on q.subcase_id = s.id
    where s.updated_at >= ${since}
      and exists (select 1 from dispatch_tasks t where t.subcase_id = s.id)
    order by s.updated_at desc
    limit ${limit}`.execute(db);
  return rows;
}

export interface NewFinding {
  unitCode: string;
  subcaseId: string;
  kind: 'status-differs' | 'sequence-differs' | 'missing-at-unit' | 'unreachable';
  yijianStatus: string | null;
  unitStatus: string | null;
  yijianSequence: number | null;
  unitSequence: number | null;
  detail: Record<string, unknown>;
  at: Date;
}

/** Records a finding unless the same one is still open; resolves the open findings of a sub-case that agrees again. */
export async function recordFinding(db: DbOrTx, f: NewFinding): Promise<boolean> {
  // one open finding per sub-case: a different kind replaces what was found before
  await db.updateTable('reconciliation_findings').set({ resolved_at: f.at }).where('subcase_id', '=', f.subcaseId).where('kind', '<>', f.kind).where('resolved_at', 'is', null).execute();
  const open = await db.selectFrom('reconciliation_findings').select(['id', 'yijian_status', 'unit_status', 'yijian_sequence', 'unit_sequence'])
    .where('subcase_id', '=', f.subcaseId).where('kind', '=', f.kind).where('resolved_at', 'is', null).executeTakeFirst();
  if (open && open.yijian_status === f.yijianStatus && open.unit_status === f.unitStatus && open.yijian_sequence === f.yijianSequence && open.unit_sequence === f.unitSequence) return false;
  if (open) await db.updateTable('reconciliation_findings').set({ resolved_at: f.at }).where('id', '=', open.id).execute();
  await db.insertInto('reconciliation_findings').values({
    unit_code: f.unitCode, subcase_id: f.subcaseId, kind: f.kind, yijian_status: f.yijianStatus, unit_status: f.unitStatus,
    yijian_sequence: f.yijianSequence, unit_sequence: f.unitSequence, detail: JSON.stringify(f.detail), found_at: f.at,
  }).execute();
  return true;
}

export async function resolveFindings(db: DbOrTx, subcaseId: string, at: Date): Promise<void> {
  await db.updateTable('reconciliation_findings').set({ resolved_at: at }).where('subcase_id', '=', subcaseId).where('resolved_at', 'is', null).execute();
}

export async function listOpenFindings(db: DbOrTx, limit: number) {
  return db.selectFrom('reconciliation_findings').selectAll().where('resolved_at', 'is', null).orderBy('found_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
}

// ---------- batch reads for task envelopes ----------
// The delivery path builds many envelopes at once; these read (never write) the cases and materials
// tables in one query each instead of one per sub-case.

export interface EnvelopeSubcase {
  id: string;
  application_id: string;
  matter_code: string;
  matter_version: number;
  matter_name: string;
  unit_code: string;
  status: string;
  promised_at: Date | null;
  data: Record<string, unknown>;
  number: string;
  theme_code: string;
  paid_at: Date | null;
}

export async function envelopeSubcases(db: DbOrTx, ids: readonly string[]): Promise<EnvelopeSubcase[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('subcases as s').innerJoin('applications as a', 'a.id', 's.application_id')
    .select(['s.id', 's.application_id', 's.matter_code', 's.matter_version', 's.matter_name', 's.unit_code', 's.status', 's.promised_at', 's.data', 's.paid_at', 'a.number', 'a.theme_code'])
    .where('s.id', '=', sql<string>`any(${[...ids]}::uuid[])`).execute();
}

/** The materials of the applications that any of the matters uses. */
export async function envelopeMaterials(db: DbOrTx, applicationIds: readonly string[], matterCodes: readonly string[]) {
  if (applicationIds.length === 0 || matterCodes.length === 0) return [];
  return db.selectFrom('application_materials').select(['application_id', 'code', 'name_zh', 'name_en', 'provision', 'upload_ids', 'matters', 'deferred_until'])
    .where('application_id', '=', sql<string>`any(${[...applicationIds]}::uuid[])`)
    .where('matters', '&&', sql<string[]>`${[...matterCodes]}::text[]`)
    .orderBy('application_id').orderBy('code').execute();
}

export async function envelopeUploads(db: DbOrTx, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db.selectFrom('uploads').select(['id', 'name', 'size', 'content_type', 'sha256']).where('id', 'in', [...ids]).execute();
}

export async function findTasksByOutbox(db: DbOrTx, outboxIds: readonly number[]): Promise<TaskRow[]> {
  if (outboxIds.length === 0) return [];
  return db.selectFrom('dispatch_tasks').select(TASK_COLUMNS).where('outbox_id', 'in', [...outboxIds]).execute();
}

export async function nextTaskSequences(db: DbOrTx, subcaseIds: readonly string[]): Promise<Map<string, number>> {
  if (subcaseIds.length === 0) return new Map();
  // one index probe per sub-case (the planner keeps to it however stale the table's statistics are)
  const { rows } = await sql<{ id: string; n: number | null }>`
    select s.id, (select max(t.sequence) from dispatch_tasks t where t.subcase_id = s.id) as n
    from unnest(${[...subcaseIds]}::uuid[]) as s(id)`.execute(db);
  return new Map(rows.map((r) => [r.id, Number(r.n ?? 0) + 1]));
}

/**
 * Inserts the tasks of outbox rows once (a row that made its task before keeps it); returns each row's
 * task. A task made now carries the envelope it was given (not read back); `envelopeJson` is its text.
 */
export async function insertTasksOnce(db: DbOrTx, tasks: readonly NewTask[]): Promise<TaskRow[]> {
  if (tasks.length === 0) return [];
  const json = tasks.map((t) => JSON.stringify(t.envelope));
  const inserted = await db.insertInto('dispatch_tasks').values(tasks.map((t, i) => ({
    id: t.id, outbox_id: t.outboxId, subcase_id: t.subcaseId, unit_code: t.unitCode, kind: t.kind, event: t.event, sequence: t.sequence,
    envelope: json[i]!, created_at: t.at,
  }))).onConflict((oc) => oc.column('outbox_id').doNothing()).returning(['id', 'outbox_id', 'state', 'attempts', 'leased_until', 'external_case_no', 'done_at']).execute();
  const byId = new Map(tasks.map((t, i) => [t.id, { t, json: json[i]! }]));
  const made: TaskRow[] = inserted.map((r) => {
    const { t, json: envelopeJson } = byId.get(r.id)!;
    return {
      ...r, subcase_id: t.subcaseId, unit_code: t.unitCode, kind: t.kind, event: t.event, sequence: t.sequence,
      envelope: t.envelope, envelopeJson, created_at: t.at,
    };
  });
  if (made.length === tasks.length) return made;
  const have = new Set(made.map((t) => t.outbox_id));
  return [...made, ...(await findTasksByOutbox(db, tasks.filter((t) => !have.has(t.outboxId)).map((t) => t.outboxId)))];
}

/** Push tasks delivered: done, with the attempt count and the unit's case number, in one statement. */
export async function completePushTasks(db: DbOrTx, done: ReadonlyArray<{ id: string; attempts: number; caseNo: string | null }>, at: Date): Promise<void> {
  if (done.length === 0) return;
  const move = taskMove('complete');
  await sql`
    update dispatch_tasks t set state = ${move.to}, done_at = ${at}, leased_until = null, attempts = d.attempts,
      external_case_no = coalesce(d.case_no, t.external_case_no)
    from (select unnest(${done.map((d) => d.id)}::uuid[]) as id, unnest(${done.map((d) => d.attempts)}::int[]) as attempts,
                 unnest(${done.map((d) => d.caseNo)}::text[]) as case_no) d
    where t.id = d.id and t.state = ${move.from}`.execute(db);
}
