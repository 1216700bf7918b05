// The only code that touches counter_intakes.
import type { Selectable } from 'kysely';
import type { Db, Tx } from '../../platform/db.ts';
import type { CounterIntakesTable } from '../../platform/db-schema.ts';

export type DbOrTx = Db | Tx;
export type IntakeRow = Selectable<CounterIntakesTable>;

export interface NewIntake {
  staffId: number;
  unitCode: string | null;
  applicantId: number;
  channel: 'counter' | 'on-behalf';
  onBehalfReason: string | null;
  themeCode: string;
  themeVersion: number;
  body: Record<string, unknown>;
  summary: Record<string, unknown>;
  idempotencyKey: string;
  expiresAt: Date;
  at: Date;
}

/** The new row's id, or undefined when the staff member's idempotency key was used already. */
export async function insertIntake(tx: Tx, i: NewIntake): Promise<string | undefined> {
  const row = await tx
    .insertInto('counter_intakes')
    .values({
      staff_id: i.staffId, unit_code: i.unitCode, applicant_id: i.applicantId, channel: i.channel, on_behalf_reason: i.onBehalfReason,
      theme_code: i.themeCode, theme_version: i.themeVersion, body: JSON.stringify(i.body), summary: JSON.stringify(i.summary),
      idempotency_key: i.idempotencyKey, expires_at: i.expiresAt, created_at: i.at, updated_at: i.at,
    })
    .onConflict((oc) => oc.constraint('counter_intakes_idempotency').doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id;
}

export async function findIntakeByKey(db: DbOrTx, staffId: number, key: string): Promise<IntakeRow | undefined> {
  return db.selectFrom('counter_intakes').selectAll().where('staff_id', '=', staffId).where('idempotency_key', '=', key).executeTakeFirst();
}

export async function getIntake(db: DbOrTx, id: string): Promise<IntakeRow | undefined> {
  return db.selectFrom('counter_intakes').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function lockIntake(tx: Tx, id: string): Promise<IntakeRow | undefined> {
  return tx.selectFrom('counter_intakes').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function updateIntake(tx: DbOrTx, id: string, patch: Partial<Omit<IntakeRow, 'id' | 'created_at'>> & { updated_at: Date }): Promise<void> {
  const { body, summary, ...rest } = patch;
  await tx
    .updateTable('counter_intakes')
    .set({ ...rest, ...(body ? { body: JSON.stringify(body) } : {}), ...(summary ? { summary: JSON.stringify(summary) } : {}) })
    .where('id', '=', id)
    .execute();
}

/** Moves the intake's status from `from` (update … where status = from); false when it was not in `from`. */
export async function moveIntake(tx: Tx, id: string, from: IntakeRow['status'], patch: Partial<Omit<IntakeRow, 'id' | 'created_at'>> & { status: IntakeRow['status']; updated_at: Date }): Promise<boolean> {
  const { body, summary, ...rest } = patch;
  const r = await tx
    .updateTable('counter_intakes')
    .set({ ...rest, ...(body ? { body: JSON.stringify(body) } : {}), ...(summary ? { summary: JSON.stringify(summary) } : {}) })
    .where('id', '=', id)
    .where('status', '=', from)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function listIntakesOfStaff(db: DbOrTx, staffId: number, limit: number, offset: number): Promise<IntakeRow[]> {
  return db.selectFrom('counter_intakes').selectAll().where('staff_id', '=', staffId).orderBy('created_at', 'desc').orderBy('id').limit(limit).offset(offset).execute();
}

export async function listAwaitingOf(db: DbOrTx, applicantId: number, now: Date): Promise<IntakeRow[]> {
  return db
    .selectFrom('counter_intakes')
    .selectAll()
    .where('applicant_id', '=', applicantId)
    .where('status', '=', 'awaiting-confirmation')
    .where('expires_at', '>', now)
    .orderBy('created_at', 'desc')
    .limit(50)
    .execute();
}
