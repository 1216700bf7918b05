// 停用 / 启用人员账号. A disabled account cannot sign in, and its sessions end at once. Audited.
import type { Db } from '../../platform/db.ts';
import { deleteUserSessions } from '../../platform/sessions.ts';
import { recordAudit } from '../audit/index.ts';
import { loadStaffTarget } from './load-staff-target.ts';
import { setDisabled } from './staff.repo.ts';
import { assertCanManageAccount, auditActor, type StaffAdmin } from './staff.policy.ts';
import { alreadyInState, cannotChangeSelf } from './staff.errors.ts';
import { inTransaction } from './in-transaction.ts';

async function setAccountDisabled(db: Db, userId: number, disabled: boolean, by: StaffAdmin, at: Date, reason?: string): Promise<void> {
  await inTransaction(db, async (tx) => {
    const target = await loadStaffTarget(tx, userId);
    await assertCanManageAccount(tx, by, target);
    if (by !== 'system' && by.id === userId) throw cannotChangeSelf();
    if (!(await setDisabled(tx, userId, disabled))) throw alreadyInState(disabled);
    if (disabled) await deleteUserSessions(tx, userId);
    await recordAudit(tx, {
      ...auditActor(by), action: disabled ? 'staff.account.disable' : 'staff.account.enable', targetType: 'user', targetId: userId,
      ...(reason ? { reason } : {}), detail: { username: target.username, at: at.toISOString() },
    });
  });
}

export const disableStaffAccount = (db: Db, userId: number, by: StaffAdmin, at: Date, reason?: string) => setAccountDisabled(db, userId, true, by, at, reason);
export const enableStaffAccount = (db: Db, userId: number, by: StaffAdmin, at: Date) => setAccountDisabled(db, userId, false, by, at);
