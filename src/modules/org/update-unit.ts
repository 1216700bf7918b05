// 修改单位: a platform admin edits a unit (name, credit code, division, level, parent). Audited with the
// values before and after. A catalog unit edited here is written again by the next `npm run catalog:load`.
import type { Actor } from '../../platform/actor.ts';
import type { Database } from '../../platform/db.ts';
import { notFound } from '../../platform/errors.ts';
import type { TUnitBody } from '../../contract/org.ts';
import { recordAudit } from '../audit/index.ts';
import { checkUnit } from './check-unit.ts';
import { lockUnit, updateUnitRow } from './units.repo.ts';

export async function updateUnit(database: Database, actor: Actor, code: string, body: TUnitBody, at: Date): Promise<void> {
  await database.db.transaction().execute(async (tx) => {
    const before = await lockUnit(tx, code);
    if (!before) throw notFound({ zh: '单位', en: 'Unit' }, 'UNIT_NOT_FOUND');
    await checkUnit(tx, body, code);
    await updateUnitRow(tx, code, { ...body, creditCode: body.creditCode.toUpperCase() });
    await recordAudit(tx, {
      actorId: actor.id, actorRole: actor.role, action: 'org.unit.update', targetType: 'unit', targetId: code,
      detail: {
        before: { name: before.name, nameEn: before.name_en, level: before.level, kind: before.kind, divisionCode: before.division_code, parentCode: before.parent_code, creditCode: before.credit_code },
        after: body, at: at.toISOString(),
      },
    });
  });
}
