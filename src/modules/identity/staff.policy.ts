// Who may administer whose staff: a platform administrator every unit's; a unit administrator
// (单位管理员) only the staff of the units they administer; the system (seeds, the import CLI) all.
import type { Actor } from '../../platform/actor.ts';
import type { Db } from '../../platform/db.ts';
import { forbidden } from '../../platform/errors.ts';
import { holdsUnitRole, isUnitRole, type UnitGrant } from './staff.repo.ts';

export type StaffAdmin = Actor | 'system';

const isPlatformLevel = (by: StaffAdmin): boolean => by === 'system' || by.role === 'platform_admin';

/** Units a unit administrator may not touch answer 403 — the same whether or not the unit exists. */
export async function assertCanManageUnit(db: Db, by: StaffAdmin, unitCode: string): Promise<void> {
  if (isPlatformLevel(by)) return;
  if (by !== 'system' && (await holdsUnitRole(db, by.id, 'unit_admin', unitCode))) return;
  throw forbidden('STAFF_FORBIDDEN');
}

/** An account as a whole (disable, reset): a unit admin only when all of its roles are in units they administer. */
export async function assertCanManageAccount(db: Db, by: StaffAdmin, target: { role: string; grants: UnitGrant[] }): Promise<void> {
  if (isPlatformLevel(by)) return;
  if (!isUnitRole(target.role) || target.grants.length === 0) throw forbidden('STAFF_FORBIDDEN');
  for (const g of target.grants) await assertCanManageUnit(db, by, g.unitCode);
}

/** Platform roles (supervisor, hotline, catalog and platform administrators) are granted by a platform administrator only. */
export function assertCanGrantPlatformRole(by: StaffAdmin): void {
  if (!isPlatformLevel(by)) throw forbidden('STAFF_FORBIDDEN');
}

export const auditActor = (by: StaffAdmin) => (by === 'system' ? { actorId: null, actorRole: 'system' } : { actorId: by.id, actorRole: by.role });
