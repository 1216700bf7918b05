// Staff accounts and their roles per unit. The account's own role and unit stay in users (role,
// unit_code): the grant a session starts with, which every "officer of unit X" check reads. Roles in
// further units are rows of staff_roles (owned here). A person's unit roles are the union of both.
import { sql } from 'kysely';
import type { Db } from '../../platform/db.ts';
import { UNIT_ROLES, type TUnitRole } from '../../contract/staff.ts';

export interface UnitGrant {
  role: TUnitRole;
  unitCode: string;
}

export const isUnitRole = (role: string): role is TUnitRole => (UNIT_ROLES as readonly string[]).includes(role);

/** Every unit role of a person: the account's own one (when it is a unit role) and the extra ones. */
export async function unitGrantsOf(db: Db, userId: number): Promise<UnitGrant[]> {
  const own = await db.selectFrom('users').select(['role', 'unit_code']).where('id', '=', userId).executeTakeFirst();
  const extra = await db.selectFrom('staff_roles').select(['role', 'unit_code']).where('user_id', '=', userId).orderBy('granted_at').orderBy('unit_code').execute();
  const grants: UnitGrant[] = [];
  if (own && own.unit_code && isUnitRole(own.role)) grants.push({ role: own.role, unitCode: own.unit_code });
  for (const g of extra) if (isUnitRole(g.role)) grants.push({ role: g.role, unitCode: g.unit_code });
  return grants;
}

export async function holdsUnitRole(db: Db, userId: number, role: TUnitRole, unitCode: string): Promise<boolean> {
  const r = await sql<{ ok: number }>`
    select 1 as ok from users where id = ${userId} and role = ${role} and unit_code = ${unitCode}
    union all
    select 1 from staff_roles where user_id = ${userId} and role = ${role} and unit_code = ${unitCode}
    limit 1`.execute(db);
  return r.rows.length > 0;
}

export interface StaffRow {
  id: number;
  username: string;
  display_name: string;
  phone: string | null;
  disabled: boolean;
  must_change_password: boolean;
  role: string;
  unit_code: string | null;
}

/** People holding any role in the unit (unit systems' accounts, adapter.*, are not staff). */
export async function listUnitStaff(db: Db, unitCode: string): Promise<Array<StaffRow & { grants: UnitGrant[] }>> {
  const people = await sql<StaffRow>`
    select u.id::int as id, u.username, u.display_name, u.phone, u.disabled, u.must_change_password, u.role, u.unit_code
    from users u
    where u.username not like 'adapter.%'
      and (u.unit_code = ${unitCode} or exists (select 1 from staff_roles s where s.user_id = u.id and s.unit_code = ${unitCode}))
    order by u.username`.execute(db);
  const ids = people.rows.map((p) => p.id);
  const extra = ids.length === 0 ? [] : await db.selectFrom('staff_roles').select(['user_id', 'role', 'unit_code']).where('user_id', 'in', ids).orderBy('granted_at').execute();
  return people.rows.map((p) => {
    const grants: UnitGrant[] = [];
    if (p.unit_code && isUnitRole(p.role)) grants.push({ role: p.role, unitCode: p.unit_code });
    for (const g of extra) if (Number(g.user_id) === p.id && isUnitRole(g.role)) grants.push({ role: g.role, unitCode: g.unit_code });
    return { ...p, grants };
  });
}

export async function addExtraGrant(db: Db, userId: number, grant: UnitGrant, by: number | null, at: Date): Promise<boolean> {
  const r = await db
    .insertInto('staff_roles')
    .values({ user_id: userId, unit_code: grant.unitCode, role: grant.role, granted_by: by, granted_at: at })
    .onConflict((oc) => oc.columns(['user_id', 'unit_code', 'role']).doNothing())
    .returning('user_id')
    .executeTakeFirst();
  return r !== undefined;
}

export async function removeExtraGrant(db: Db, userId: number, grant: UnitGrant): Promise<boolean> {
  const r = await db.deleteFrom('staff_roles').where('user_id', '=', userId).where('unit_code', '=', grant.unitCode).where('role', '=', grant.role).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

/** Locks the account row for a change of its roles, password or state (two admins at once: one waits). */
export async function lockUser(db: Db, userId: number): Promise<StaffRow | undefined> {
  return db
    .selectFrom('users')
    .select(['id', 'username', 'display_name', 'phone', 'disabled', 'must_change_password', 'role', 'unit_code'])
    .where('id', '=', userId)
    .forUpdate()
    .executeTakeFirst();
}

/** The account's own role moves to another of its grants (the one it had is revoked). */
export async function setOwnRole(db: Db, userId: number, grant: UnitGrant): Promise<void> {
  await db.updateTable('users').set({ role: grant.role, unit_code: grant.unitCode }).where('id', '=', userId).execute();
}

export async function setDisabled(db: Db, userId: number, disabled: boolean): Promise<boolean> {
  const r = await db.updateTable('users').set({ disabled }).where('id', '=', userId).where('disabled', '=', !disabled).executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function setPasswordHash(db: Db, userId: number, passwordHash: string, mustChange: boolean): Promise<void> {
  await db.updateTable('users').set({ password_hash: passwordHash, must_change_password: mustChange }).where('id', '=', userId).execute();
}

export async function insertStaffUser(
  db: Db,
  u: { username: string; name: string; phone: string; role: string; unitCode: string | null; passwordHash: string },
): Promise<number | undefined> {
  const row = await db
    .insertInto('users')
    .values({
      username: u.username, password_hash: u.passwordHash, role: u.role, display_name: u.name, phone: u.phone,
      unit_code: u.unitCode, must_change_password: true,
    })
    .onConflict((oc) => oc.column('username').doNothing())
    .returning('id')
    .executeTakeFirst();
  return row === undefined ? undefined : Number(row.id);
}
