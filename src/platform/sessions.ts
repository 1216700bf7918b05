// The auth core: server-side sessions. The browser holds a random token; the sessions table holds
// only its SHA-256, so a leaked table or backup cannot be replayed as cookies.
// This file owns the sessions table and reads from users only the columns that make up an Actor;
// everything else about users belongs to the identity module.
import { createHash, randomBytes } from 'node:crypto';
import { ROLES, type Actor, type TRoleName } from './actor.ts';
import type { Db } from './db.ts';

/** Absolute lifetime: a shared counter PC must not stay signed in overnight. */
export const SESSION_TTL_MS = 8 * 60 * 60 * 1000;

export interface SessionRecord {
  /** sha256 of the cookie token */
  id: string;
  userId: number;
  csrfToken: string;
  expiresAt: Date;
  /** an admin set the password: only the password change is open until it is changed */
  mustChangePassword: boolean;
}

export interface NewSession extends SessionRecord {
  /** the cookie value; never stored */
  token: string;
}

export function newSecretToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashSessionToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export async function createSession(db: Db, userId: number, now: Date, ttlMs = SESSION_TTL_MS): Promise<NewSession> {
  const token = newSecretToken();
  const session = { id: hashSessionToken(token), userId, csrfToken: newSecretToken(), expiresAt: new Date(now.getTime() + ttlMs), mustChangePassword: false };
  await db
    .insertInto('sessions')
    .values({ id: session.id, user_id: userId, csrf_token: session.csrfToken, created_at: now, expires_at: session.expiresAt })
    .execute();
  return { ...session, token };
}

function asRole(role: string): TRoleName {
  if ((ROLES as readonly string[]).includes(role)) return role as TRoleName;
  throw new Error(`users.role "${role}" is not a known role`); // the table's check constraint makes this unreachable
}

/**
 * The live session of a token hash and who it belongs to; expired sessions and disabled users count as
 * none. A person with roles in several units acts, per session, for one of them (acting_role and
 * acting_unit_code, checked against staff_roles on every request, so a revoked role ends at once);
 * otherwise for the account's own role and unit.
 */
export async function findSessionActor(db: Db, sessionId: string, now: Date): Promise<{ session: SessionRecord; actor: Actor } | undefined> {
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .leftJoin('staff_roles', (j) =>
      j.onRef('staff_roles.user_id', '=', 'users.id').onRef('staff_roles.role', '=', 'sessions.acting_role').onRef('staff_roles.unit_code', '=', 'sessions.acting_unit_code'),
    )
    .select([
      'sessions.id as session_id', 'sessions.csrf_token', 'sessions.expires_at',
      'users.id', 'users.username', 'users.role', 'users.display_name', 'users.unit_code', 'users.enterprise_credit_code', 'users.must_change_password',
      'staff_roles.role as acting_role', 'staff_roles.unit_code as acting_unit_code',
    ])
    .where('sessions.id', '=', sessionId)
    .where('sessions.expires_at', '>', now)
    .where('users.disabled', '=', false)
    .executeTakeFirst();
  if (!row) return undefined;
  const acting = row.acting_role !== null && row.acting_unit_code !== null;
  return {
    session: { id: row.session_id, userId: row.id, csrfToken: row.csrf_token, expiresAt: row.expires_at, mustChangePassword: row.must_change_password },
    actor: {
      id: row.id,
      username: row.username,
      role: asRole(acting ? row.acting_role! : row.role),
      name: row.display_name,
      unitCode: acting ? row.acting_unit_code : row.unit_code,
      creditCode: row.enterprise_credit_code,
    },
  };
}

/** The session acts for this role and unit from now on (null: the account's own). The caller checked the grant. */
export async function setSessionActing(db: Db, sessionId: string, acting: { role: TRoleName; unitCode: string } | null): Promise<void> {
  await db.updateTable('sessions').set({ acting_role: acting?.role ?? null, acting_unit_code: acting?.unitCode ?? null }).where('id', '=', sessionId).execute();
}

/** Signs a person out everywhere but this session (after they changed their own password). */
export async function deleteOtherSessions(db: Db, userId: number, keepSessionId: string): Promise<number> {
  const r = await db.deleteFrom('sessions').where('user_id', '=', userId).where('id', '<>', keepSessionId).executeTakeFirst();
  return Number(r.numDeletedRows);
}

export async function deleteSession(db: Db, sessionId: string): Promise<boolean> {
  const r = await db.deleteFrom('sessions').where('id', '=', sessionId).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

/** Signs a person out everywhere (password change, account disabled). */
export async function deleteUserSessions(db: Db, userId: number): Promise<number> {
  const r = await db.deleteFrom('sessions').where('user_id', '=', userId).executeTakeFirst();
  return Number(r.numDeletedRows);
}

/** For a periodic sweep: expired rows are already ignored, this only keeps the table small. */
export async function deleteExpiredSessions(db: Db, now: Date): Promise<number> {
  const r = await db.deleteFrom('sessions').where('expires_at', '<=', now).executeTakeFirst();
  return Number(r.numDeletedRows);
}
