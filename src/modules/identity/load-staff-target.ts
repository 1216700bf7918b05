// The account a staff change is about, locked, with its unit roles; citizens and enterprises are not staff.
import type { Db } from '../../platform/db.ts';
import { lockUser, unitGrantsOf, type StaffRow, type UnitGrant } from './staff.repo.ts';
import { notStaff, staffNotFound } from './staff.errors.ts';

export async function loadStaffTarget(db: Db, userId: number): Promise<StaffRow & { grants: UnitGrant[] }> {
  const row = await lockUser(db, userId);
  if (!row || row.username.startsWith('adapter.')) throw staffNotFound();
  if (row.role === 'citizen' || row.role === 'enterprise') throw notStaff();
  return { ...row, id: Number(row.id), grants: await unitGrantsOf(db, userId) };
}
