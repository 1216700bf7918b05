// 不予受理: the unit refuses to accept, with the reason the applicant is given.
import type { Actor } from '../../platform/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import { actOnSubcase } from './act-on-subcase.ts';
import { emitCasesEvents } from './cases.events.ts';

export function notAcceptSubcase(ctx: AppContext, actor: Actor, subcaseId: string, reason: string) {
  return actOnSubcase(ctx, actor, subcaseId, {
    event: 'notAccept', audit: 'case.subcase.not-accept', by: 'unit', note: reason,
    change: () => ({ result: { decision: 'notAccepted', reason }, promisedAt: null }),
    effects: (tx, sub, app, at) => emitCasesEvents(tx, { type: 'subcase.refused', subcaseId: sub.id, applicationId: app.id, matterCode: sub.matter_code, unitCode: sub.unit_code, decision: 'notAccepted' }, at),
  });
}
