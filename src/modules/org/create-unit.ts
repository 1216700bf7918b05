// 新建单位: a platform admin adds a unit beyond the catalog's. Audited.
import type { Actor } from '../../platform/actor.ts';
import type { Database } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import type { TCreateUnitBody } from '../../contract/org.ts';
import { recordAudit } from '../audit/index.ts';
import { checkUnit } from './check-unit.ts';
import { insertUnit } from './units.repo.ts';

export async function createUnit(database: Database, actor: Actor, body: TCreateUnitBody, at: Date): Promise<void> {
  await database.db.transaction().execute(async (tx) => {
    await checkUnit(tx, body, body.code);
    if (!(await insertUnit(tx, { ...body, creditCode: body.creditCode.toUpperCase() })))
      throw new AppError('conflict', 'UNIT_CODE_TAKEN', { zh: `单位代码“${body.code}”已存在`, en: `The unit code "${body.code}" exists` });
    await recordAudit(tx, { actorId: actor.id, actorRole: actor.role, action: 'org.unit.create', targetType: 'unit', targetId: body.code, detail: { ...body, at: at.toISOString() } });
  });
}
