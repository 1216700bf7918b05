// The only code that touches sms_challenges and identity_settings (the users table is identity.repo.ts's).
import { sql, type Selectable } from 'kysely';
import type { Db } from '../../platform/db.ts';
import type { IdentitySettingsTable, SmsChallengesTable } from '../../platform/db-schema.ts';

export type SmsChallengeRow = Selectable<SmsChallengesTable>;
export type IdentitySettings = Omit<Selectable<IdentitySettingsTable>, 'id'>;

export const DEFAULT_IDENTITY_SETTINGS: IdentitySettings = {
  sms_code_ttl_minutes: 10, sms_code_max_attempts: 5, sms_per_phone_per_hour: 5, sms_per_ip_per_hour: 20, sms_resend_seconds: 60,
};

export async function identitySettings(db: Db): Promise<IdentitySettings> {
  const row = await db.selectFrom('identity_settings')
    .select(['sms_code_ttl_minutes', 'sms_code_max_attempts', 'sms_per_phone_per_hour', 'sms_per_ip_per_hour', 'sms_resend_seconds'])
    .executeTakeFirst();
  return row ?? DEFAULT_IDENTITY_SETTINGS;
}

export async function updateIdentitySettings(db: Db, patch: Partial<IdentitySettings>): Promise<void> {
  await db.updateTable('identity_settings').set(patch).execute();
}

/** One writer per phone at a time, so that two parallel requests cannot both pass the limits. */
export async function lockPhone(db: Db, phone: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext(${`yj-sms:${phone}`}))`.execute(db);
}

export async function recentChallenges(db: Db, by: { phone: string } | { ip: string }, since: Date): Promise<{ count: number; latest: Date | null }> {
  const row = await db.selectFrom('sms_challenges')
    .select((eb) => [eb.fn.countAll<string>().as('n'), eb.fn.max('created_at').as('latest')])
    .where('phone' in by ? 'phone' : 'ip', '=', 'phone' in by ? by.phone : by.ip)
    .where('created_at', '>', since)
    .executeTakeFirstOrThrow();
  return { count: Number(row.n), latest: row.latest ? new Date(row.latest) : null };
}

export async function insertChallenge(db: Db, row: Omit<SmsChallengeRow, 'attempts' | 'used_at'>): Promise<void> {
  await db.insertInto('sms_challenges').values(row).execute();
}

export async function findChallenge(db: Db, id: string): Promise<SmsChallengeRow | undefined> {
  return db.selectFrom('sms_challenges').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Counts a wrong try; returns the attempts made so far (only while the code is still open). */
export async function countWrongAttempt(db: Db, id: string): Promise<void> {
  await db.updateTable('sms_challenges').set((eb) => ({ attempts: eb('attempts', '+', 1) })).where('id', '=', id).where('used_at', 'is', null).execute();
}

/** Marks the code used; false when someone else used it first. */
export async function useChallenge(db: Db, id: string, at: Date): Promise<boolean> {
  const r = await db.updateTable('sms_challenges').set({ used_at: at }).where('id', '=', id).where('used_at', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

// ---------- oidc_pending_logins ----------

export async function insertPendingLogin(db: Db, row: { state: string; nonce: string; code_verifier: string; return_to: string; created_at: Date; expires_at: Date }): Promise<void> {
  await db.insertInto('oidc_pending_logins').values(row).execute();
}

/** Takes the pending sign-in of a state: a state is good once. Expired rows go at the same time. */
export async function takePendingLogin(db: Db, state: string, now: Date): Promise<{ nonce: string; code_verifier: string; return_to: string; expires_at: Date } | undefined> {
  await db.deleteFrom('oidc_pending_logins').where('expires_at', '<', now).execute();
  return db.deleteFrom('oidc_pending_logins').where('state', '=', state).returning(['nonce', 'code_verifier', 'return_to', 'expires_at']).executeTakeFirst();
}

/** SMS codes older than a day (the limits count the last hour) and sign-ins never finished. */
export async function purgeJoinLeftovers(db: Db, now: Date): Promise<number> {
  const codes = await db.deleteFrom('sms_challenges').where('created_at', '<', new Date(now.getTime() - 24 * 3_600_000)).executeTakeFirst();
  const logins = await db.deleteFrom('oidc_pending_logins').where('expires_at', '<', now).executeTakeFirst();
  return Number(codes.numDeletedRows) + Number(logins.numDeletedRows);
}
