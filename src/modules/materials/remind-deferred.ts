// 容缺 reminders: a deferred material's reminder is due at its remind_at (a day before its deadline,
// set at submit). The sweep marks the due ones reminded and emits 'material.deferred-due' in the same
// transaction, only where the material is still deferred and not yet reminded, so a second run, or a
// second worker, emits nothing more. A material handed in before (容缺补交) is no longer deferred.
import { sql } from 'kysely';
import type { Tx } from '../../platform/db.ts';
import type { SweepTask } from '../../platform/scheduler.ts';
import { emitMaterialsEvents } from './materials.events.ts';

interface DueRow {
  application_id: string;
  code: string;
  name_zh: string;
  name_en: string;
  deferred_until: string | null;
}

export async function remindDeferredMaterials(tx: Tx, now: Date, limit = 1000): Promise<number> {
  const { rows } = await sql<DueRow>`
    update application_materials m set reminded_at = ${now}
    from (select application_id, code from application_materials
          where provision = 'deferred' and reminded_at is null and remind_at <= ${now}
          order by remind_at limit ${limit} for update skip locked) due
    where m.application_id = due.application_id and m.code = due.code
    returning m.application_id, m.code, m.name_zh, m.name_en, m.deferred_until`.execute(tx);
  await emitMaterialsEvents(tx, rows.map((r) => ({
    type: 'material.deferred-due' as const, applicationId: r.application_id, materialCode: r.code,
    materialName: { zh: r.name_zh, en: r.name_en }, deadline: r.deferred_until ?? '',
  })), now);
  return rows.length;
}

export const deferredRemindersTask = (everyMs = 60_000): SweepTask => ({ name: 'materials.deferred-reminders', everyMs, sweep: (tx, now) => remindDeferredMaterials(tx, now) });
