// What waits for the applicant in their applications: sub-cases whose unit asked for a supplement
// (补齐补正). The menu counts them and 我的办件 lists them first, so nobody has to find them by opening
// each application.
import type { Actor } from '../../platform/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import type { TAwaitingApplicant } from '../../contract/cases.ts';
import { statusCode } from './case.machine.ts';
import { presentStatus } from './cases.presenters.ts';
import * as repo from './cases.repo.ts';

export async function listAwaitingApplicant(ctx: AppContext, actor: Actor): Promise<TAwaitingApplicant> {
  const rows = await repo.listSubcasesAwaitingApplicant(ctx.database.db, actor.id, [statusCode('supplementRequested')]);
  return rows.map((r) => ({
    applicationId: r.application_id, number: r.number, themeCode: r.theme_code, subcaseId: r.id, matterName: r.matter_name,
    status: presentStatus(r.status), since: new Date(r.updated_at).toISOString(),
  }));
}
