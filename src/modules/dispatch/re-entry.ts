// 二次录入 (manual re-entry): for a unit whose system has no API, a clerk sees each task, types it into
// that system and records the case number it gave. Counted per unit, so the city sees where clerks
// still type things twice.
import type { Actor } from '../../platform/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError, forbidden } from '../../platform/errors.ts';
import { recordAudit } from '../audit/index.ts';
import * as repo from './dispatch.repo.ts';
import type { TTaskEnvelope } from '../../contract/dispatch.ts';
import { taskNotFound } from './pull-tasks.ts';

/** The officer's own unit; a platform admin names one. */
export function reentryUnit(actor: Actor, unit: string | undefined): string {
  if (actor.role === 'officer' && actor.unitCode) {
    if (unit && unit !== actor.unitCode) throw forbidden('NOT_YOUR_UNIT');
    return actor.unitCode;
  }
  if (actor.role === 'platform_admin' && unit) return unit;
  throw new AppError('bad_request', 'UNIT_REQUIRED', { zh: '请指定单位（unit）', en: 'Name the unit (unit)' });
}

export async function listReentry(ctx: AppContext, unitCode: string, limit: number) {
  const tasks = await repo.listManualTasks(ctx.database.db, unitCode, limit);
  return tasks.map((t) => {
    const envelope = t.envelope as TTaskEnvelope;
    return { taskId: t.id, event: t.event, sequence: t.sequence, createdAt: new Date(t.created_at).toISOString(), subcase: envelope.subcase };
  });
}

export async function recordReentry(ctx: AppContext, actor: Actor, taskId: string, externalCaseNo: string): Promise<void> {
  const at = ctx.now();
  await ctx.database.db.transaction().execute(async (tx) => {
    const task = await repo.findTask(tx, taskId);
    if (!task || task.kind !== 'manual' || actor.role !== 'officer' || task.unit_code !== actor.unitCode) throw taskNotFound();
    if (!(await repo.completeTask(tx, task.id, at, externalCaseNo, actor.id)))
      throw new AppError('conflict', 'REENTRY_DONE', { zh: '该任务已录入', en: 'This task was entered already' });
    await recordAudit(tx, {
      actorId: actor.id, actorRole: actor.role, action: 'dispatch.reentry.record', targetType: 'subcase', targetId: task.subcase_id,
      detail: { taskId: task.id, event: task.event, sequence: task.sequence, externalCaseNo },
    });
  });
}

export async function reentryStats(ctx: AppContext) {
  return (await repo.reentryCounts(ctx.database.db)).map((r) => ({ unitCode: r.unit_code, unitName: r.unit_name, pending: r.pending, entered: r.entered }));
}
