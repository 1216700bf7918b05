// 不予受理: the unit refuses to accept, with the reason the applicant is given.
import type { Actor } from '../../platform/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import { actOnSubcase } from './act-on-subcase.ts';

export function notAcceptSubcase(ctx: AppContext, actor: Actor, subcaseId: string, reason: string) {
  return actOnSubcase(ctx, actor, subcaseId, {
    event: 'notAccept', audit: 'case.subcase.not-accept', by: 'unit', note: reason,
    change: () => ({ result: { decision: 'notAccepted', reason }, promisedAt: null }),
  });
}
