// 撤销单位角色. When the role revoked is the account's own (the one a session starts with), the next
// of its roles takes its place; the last role cannot be revoked (disable the account instead). Audited.
import type { Db } from '../../platform/db.ts';
import type { TUnitRole } from '../../contract/staff.ts';
import { recordAudit } from '../audit/index.ts';
import { loadStaffTarget } from './load-staff-target.ts';
import { removeExtraGrant, setOwnRole } from './staff.repo.ts';
import { assertCanManageUnit, auditActor, type StaffAdmin } from './staff.policy.ts';
import { cannotChangeSelf, lastRole, roleNotHeld } from './staff.errors.ts';
import { inTransaction } from './in-transaction.ts';

export async function revokeStaffRole(db: Db, userId: number, grant: { role: TUnitRole; unitCode: string }, by: StaffAdmin, at: Date): Promise<void> {
  await inTransaction(db, async (tx) => {
    await assertCanManageUnit(tx, by, grant.unitCode);
    const target = await loadStaffTarget(tx, userId);
    if (by !== 'system' && by.id === userId) throw cannotChangeSelf();
    const held = target.grants.some((g) => g.role === grant.role && g.unitCode === grant.unitCode);
    if (!held) throw roleNotHeld();
    const isOwn = target.role === grant.role && target.unit_code === grant.unitCode;
    if (isOwn) {
      const next = target.grants.find((g) => !(g.role === grant.role && g.unitCode === grant.unitCode));
      if (!next) throw lastRole();
      await removeExtraGrant(tx, userId, next);
      await setOwnRole(tx, userId, next);
    } else {
      await removeExtraGrant(tx, userId, grant);
    }
    await recordAudit(tx, {
      ...auditActor(by), action: 'staff.role.revoke', targetType: 'user', targetId: userId,
      detail: { username: target.username, role: grant.role, unitCode: grant.unitCode, at: at.toISOString() },
    });
  });
}
