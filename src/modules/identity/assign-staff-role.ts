// 授予单位角色: a role (officer, counter, unit admin) in a unit, beside the roles the person holds
// elsewhere. A unit admin grants roles in their own unit only. Audited.
import type { Db } from '../../platform/db.ts';
import type { TUnitRole } from '../../contract/staff.ts';
import { recordAudit } from '../audit/index.ts';
import { findUnit } from '../org/index.ts';
import { loadStaffTarget } from './load-staff-target.ts';
import { addExtraGrant } from './staff.repo.ts';
import { assertCanManageUnit, auditActor, type StaffAdmin } from './staff.policy.ts';
import { roleAlreadyHeld, unitUnknown } from './staff.errors.ts';
import { inTransaction } from './in-transaction.ts';

export async function assignStaffRole(db: Db, userId: number, grant: { role: TUnitRole; unitCode: string }, by: StaffAdmin, at: Date): Promise<void> {
  await inTransaction(db, async (tx) => {
    await assertCanManageUnit(tx, by, grant.unitCode);
    if (!(await findUnit(tx, grant.unitCode))) throw unitUnknown(grant.unitCode);
    const target = await loadStaffTarget(tx, userId);
    if (target.grants.some((g) => g.role === grant.role && g.unitCode === grant.unitCode)) throw roleAlreadyHeld();
    await addExtraGrant(tx, userId, grant, by === 'system' ? null : by.id, at);
    await recordAudit(tx, {
      ...auditActor(by), action: 'staff.role.assign', targetType: 'user', targetId: userId,
      detail: { username: target.username, role: grant.role, unitCode: grant.unitCode },
    });
  });
}
