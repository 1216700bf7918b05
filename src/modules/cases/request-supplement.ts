// 补齐补正告知: the unit asks the applicant to complete the materials; the clock pauses and
// keeps the time used. The applicant is told (outbox, same transaction) with the note.
import type { Actor } from '../../platform/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import { actOnSubcase } from './act-on-subcase.ts';
import { emitCasesEvents } from './cases.events.ts';
import { pausedClock } from './subcase-clock.ts';

export async function requestSupplement(ctx: AppContext, actor: Actor, subcaseId: string, note: string) {
  return actOnSubcase(ctx, actor, subcaseId, {
    event: 'requestSupplement', audit: 'case.subcase.request-supplement', by: 'unit', note,
    change: (s, _to, at) => ({ clockColumns: pausedClock(s, at) }),
    effects: (tx, s, app, at) =>
      emitCasesEvents(tx, {
        type: 'subcase.supplement-requested', applicationId: app.id, applicantId: app.applicant_id, subcaseId: s.id, matterCode: s.matter_code, matterName: s.matter_name, note,
      }, at),
  });
}
