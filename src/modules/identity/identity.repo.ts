// The only code that touches the users table (sessions belong to the auth core in platform/sessions.ts).
import type { Selectable } from 'kysely';
import type { Db } from '../../platform/db.ts';
import type { UsersTable } from '../../platform/db-schema.ts';
import type { TRoleName } from '../../platform/actor.ts';

export type UserRow = Selectable<UsersTable>;

export async function findUserById(db: Db, id: number): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Usernames are case-insensitive: stored and looked up in lower case. */
export async function findUserByUsername(db: Db, username: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('username', '=', username.trim().toLowerCase()).executeTakeFirst();
}

export async function findUserByExternalSubject(db: Db, subject: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('external_subject', '=', subject).executeTakeFirst();
}

export async function findUserByIdNumber(db: Db, idNumber: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('id_number', '=', idNumber.toUpperCase()).executeTakeFirst();
}

export interface NewUser {
  username: string;
  passwordHash: string;
  role: TRoleName;
  name: string;
  idNumber?: string | null;
  phone?: string | null;
  email?: string | null;
  address?: string | null;
  divisionCode?: string | null;
  unitCode?: string | null;
  enterpriseCreditCode?: string | null;
  enterpriseName?: string | null;
  externalSubject?: string | null;
  /** an account that cannot sign in (a unit system's) */
  disabled?: boolean;
}

/** Inserts unless the username exists; returns the new id, or undefined when it existed. */
export async function insertUserIfAbsent(db: Db, u: NewUser): Promise<number | undefined> {
  const row = await db
    .insertInto('users')
    .values({
      username: u.username.trim().toLowerCase(),
      password_hash: u.passwordHash,
      role: u.role,
      display_name: u.name,
      id_number: u.idNumber ?? null,
      phone: u.phone ?? null,
      email: u.email ?? null,
      address: u.address ?? null,
      division_code: u.divisionCode ?? null,
      unit_code: u.unitCode ?? null,
      enterprise_credit_code: u.enterpriseCreditCode ?? null,
      enterprise_name: u.enterpriseName ?? null,
      external_subject: u.externalSubject ?? null,
      disabled: u.disabled ?? false,
    })
    .onConflict((oc) => oc.column('username').doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id;
}

export async function existingUsernames(db: Db, usernames: string[]): Promise<Set<string>> {
  if (usernames.length === 0) return new Set();
  const rows = await db.selectFrom('users').select('username').where('username', 'in', usernames).execute();
  return new Set(rows.map((r) => r.username));
}

/** Enabled accounts among `usernames` with their password hashes (for the production start's demo check). */
export async function passwordHashesOf(db: Db, usernames: readonly string[]): Promise<Array<{ username: string; passwordHash: string }>> {
  if (usernames.length === 0) return [];
  const rows = await db.selectFrom('users').select(['username', 'password_hash']).where('username', 'in', [...usernames]).where('disabled', '=', false).execute();
  return rows.map((r) => ({ username: r.username, passwordHash: r.password_hash }));
}

export interface UserSearch {
  q?: string | undefined;
  role?: TRoleName | undefined;
  page: number;
  pageSize: number;
}

export async function searchUsers(db: Db, s: UserSearch): Promise<{ rows: UserRow[]; total: number }> {
  let query = db.selectFrom('users');
  if (s.q) {
    const like = `%${s.q.replace(/[\\%_]/g, '\\$&')}%`;
    query = query.where((eb) => eb.or([eb('display_name', 'ilike', like), eb('username', 'ilike', like)]));
  }
  if (s.role) query = query.where('role', '=', s.role);
  const [rows, count] = await Promise.all([
    query.selectAll().orderBy('id').limit(s.pageSize).offset((s.page - 1) * s.pageSize).execute(),
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}
