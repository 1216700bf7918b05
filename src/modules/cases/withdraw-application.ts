// 撤回申请: the applicant withdraws; every sub-case still open is withdrawn with it, finished ones
// keep their results.
import type { Actor } from '../../platform/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import { recordAudit } from '../audit/index.ts';
import { applicationMachine, isFinal, statusCode, subcaseMachine, transition } from './case.machine.ts';
import { statusOf } from './bundle-engine.ts';
import * as repo from './cases.repo.ts';
import { emitCasesEvents, type TCasesEvent } from './cases.events.ts';
import { applicationNotFound, assertApplicant } from './cases.policy.ts';
import { staleSubcase } from './act-on-subcase.ts';

export async function withdrawApplication(ctx: AppContext, actor: Actor, applicationId: string, reason?: string): Promise<void> {
  const at = ctx.now();
  await ctx.database.db.transaction().execute(async (tx) => {
    const app = await repo.lockApplication(tx, applicationId);
    if (!app) throw applicationNotFound();
    assertApplicant(actor, app);
    const to = statusCode(transition(applicationMachine, statusOf(app.status), 'withdraw'));
    const who = { actorId: actor.id, actorRole: actor.role, note: reason ?? null, at };
    const history: repo.HistoryEntry[] = [];
    const events: TCasesEvent[] = [];
    const withdrawn: Array<{ subcaseId: string; matterCode: string; unitCode: string }> = [];
    for (const sub of await repo.listSubcases(tx, app.id)) {
      const s = statusOf(sub.status);
      if (isFinal(s)) continue;
      const subTo = statusCode(transition(subcaseMachine, s, 'withdraw'));
      if ((await repo.updateSubcaseIf(tx, sub.id, sub.status, { status: subTo, promisedAt: null, at })) === 0) throw staleSubcase();
      history.push({ caseKind: 'subcase', caseId: sub.id, applicationId: app.id, from: sub.status, to: subTo, event: 'withdraw', ...who });
      // a sub-case the unit has already received: tell its system (dispatch), in order after its release
      if (sub.status !== statusCode('draft'))
        events.push({ type: 'subcase.withdrawn', subcaseId: sub.id, applicationId: app.id, matterCode: sub.matter_code, unitCode: sub.unit_code });
      withdrawn.push({ subcaseId: sub.id, matterCode: sub.matter_code, unitCode: sub.unit_code });
    }
    await repo.updateApplicationIf(tx, app.id, app.status, to, at);
    history.push({ caseKind: 'application', caseId: app.id, applicationId: app.id, from: app.status, to, event: 'withdraw', ...who });
    await repo.appendHistory(tx, history);
    // the applicant hears of it (in-app and by the channels chosen); units holding a sub-case were told above
    events.push({ type: 'application.withdrawn', applicationId: app.id, number: app.number, applicantId: app.applicant_id, subcases: withdrawn, ...(reason ? { reason } : {}) });
    await emitCasesEvents(tx, events, at);
    await recordAudit(tx, { actorId: actor.id, actorRole: actor.role, action: 'case.application.withdraw', targetType: 'application', targetId: app.id, detail: { from: app.status }, ...(reason ? { reason } : {}) });
  });
}
