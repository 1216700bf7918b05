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
  const session = { id: hashSessionToken(token), userId, csrfToken: newSecretToken(), expiresAt: new Date(now.getTime() + ttlMs) };
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

/** The live session of a token hash and who it belongs to; expired sessions and disabled users count as none. */
export async function findSessionActor(db: Db, sessionId: string, now: Date): Promise<{ session: SessionRecord; actor: Actor } | undefined> {
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select([
      'sessions.id as session_id', 'sessions.csrf_token', 'sessions.expires_at',
      'users.id', 'users.username', 'users.role', 'users.display_name', 'users.unit_code', 'users.enterprise_credit_code',
    ])
    .where('sessions.id', '=', sessionId)
    .where('sessions.expires_at', '>', now)
    .where('users.disabled', '=', false)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    session: { id: row.session_id, userId: row.id, csrfToken: row.csrf_token, expiresAt: row.expires_at },
    actor: {
      id: row.id,
      username: row.username,
      role: asRole(row.role),
      name: row.display_name,
      unitCode: row.unit_code,
      creditCode: row.enterprise_credit_code,
    },
  };
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
