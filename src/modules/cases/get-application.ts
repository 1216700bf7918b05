// The status page: the application, every sub-case's status and promised date, and the timeline.
import type { Actor } from '../../platform/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import * as repo from './cases.repo.ts';
import { applicationNotFound, assertMayReadApplication } from './cases.policy.ts';
import { presentApplicationSummary, presentHistory, presentSubcase } from './cases.presenters.ts';
import type { TApplicationView } from './cases.schemas.ts';
import { listApplicationMaterials } from '../materials/index.ts';

export async function getApplication(ctx: AppContext, actor: Actor, id: string): Promise<TApplicationView> {
  const db = ctx.database.db;
  const app = await repo.getApplication(db, id);
  if (!app) throw applicationNotFound();
  const [subs, history] = await Promise.all([repo.listSubcases(db, id), repo.listHistory(db, id)]);
  assertMayReadApplication(actor, app, subs);
  const timeline = history.map(presentHistory);
  return {
    ...presentApplicationSummary(app),
    applicantId: app.applicant_id,
    delivery: { way: app.delivery_way, address: app.delivery_address, counter: app.delivery_counter },
    subcases: subs.map((s) => ({ ...presentSubcase(s), history: timeline.filter((h) => h.caseId === s.id) })),
    history: timeline.filter((h) => h.caseKind === 'application'),
    materials: await listApplicationMaterials(db, id),
  };
}

export async function listMyApplications(ctx: AppContext, actor: Actor, limit: number, offset: number) {
  return (await repo.listApplicationsOf(ctx.database.db, actor.id, limit, offset)).map(presentApplicationSummary);
}
