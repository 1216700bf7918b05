// 切换单位: a person with roles in several units picks the one this session acts for; every check of
// "officer of unit X" then reads that role and unit. Audited.
import type { Actor } from '../../platform/actor.ts';
import type { Db } from '../../platform/db.ts';
import { setSessionActing } from '../../platform/sessions.ts';
import type { TUnitRole } from '../../contract/staff.ts';
import { recordAudit } from '../audit/index.ts';
import { findUserById } from './identity.repo.ts';
import { holdsUnitRole } from './staff.repo.ts';
import { roleNotHeld } from './staff.errors.ts';

export async function setActingUnit(db: Db, actor: Actor, sessionId: string, grant: { role: TUnitRole; unitCode: string }, ip: string): Promise<void> {
  if (!(await holdsUnitRole(db, actor.id, grant.role, grant.unitCode))) throw roleNotHeld();
  const user = await findUserById(db, actor.id);
  const own = user !== undefined && user.role === grant.role && user.unit_code === grant.unitCode;
  await db.transaction().execute(async (tx) => {
    await setSessionActing(tx, sessionId, own ? null : grant);
    await recordAudit(tx, { actorId: actor.id, actorRole: actor.role, action: 'auth.acting_unit', targetType: 'user', targetId: actor.id, detail: grant, ip });
  });
}
