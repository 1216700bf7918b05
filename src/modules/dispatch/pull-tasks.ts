// Pull: a unit's system long-polls for its tasks and acknowledges each one. A poll leases the tasks
// it returns for config.pullLeaseMs (60 s); a task not acknowledged by then is offered again. While waiting, the
// poll looks at the table every POLL_INTERVAL_MS and holds no transaction (PGlite has one connection).
import type { AppContext } from '../../platform/context.ts';
import { notFound } from '../../platform/errors.ts';
import * as repo from './dispatch.repo.ts';
import type { TTaskEnvelope } from '../../contract/dispatch.ts';

const POLL_INTERVAL_MS = 200;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function pollTasks(ctx: AppContext, unitCode: string, waitS: number, limit: number, gone: () => boolean = () => false): Promise<TTaskEnvelope[]> {
  const deadline = Date.now() + waitS * 1000;
  for (;;) {
    const tasks = await repo.leasePullTasks(ctx.database.db, unitCode, limit, ctx.now(), ctx.config.pullLeaseMs);
    if (tasks.length > 0 || Date.now() + POLL_INTERVAL_MS > deadline || gone()) return tasks.map((t) => t.envelope as TTaskEnvelope);
    await sleep(POLL_INTERVAL_MS);
  }
}

export const taskNotFound = () => notFound({ zh: '任务', en: 'Task' }, 'TASK_NOT_FOUND');

/** Acknowledged: not offered again. Acknowledging twice is fine. */
export async function ackTask(ctx: AppContext, unitCode: string, taskId: string, caseNo: string | undefined): Promise<void> {
  const task = await repo.findTask(ctx.database.db, taskId);
  if (!task || task.unit_code !== unitCode || task.kind !== 'pull') throw taskNotFound();
  await repo.completeTask(ctx.database.db, task.id, ctx.now(), caseNo ?? null);
}
