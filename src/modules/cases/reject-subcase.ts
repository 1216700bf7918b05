// 办结（不予许可）: the unit decides against, with the reason; dependents are voided by the bundle
// engine's rejection policy.
import type { Actor } from '../../platform/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import { actOnSubcase } from './act-on-subcase.ts';
import { emitCasesEvents } from './cases.events.ts';

export function rejectSubcase(ctx: AppContext, actor: Actor, subcaseId: string, reason: string) {
  return actOnSubcase(ctx, actor, subcaseId, {
    event: 'reject', audit: 'case.subcase.reject', by: 'unit', note: reason,
    change: (_s, _to, at) => ({ result: { decision: 'rejected', reason, decidedAt: at.toISOString() } }),
    effects: (tx, sub, app, at) => emitCasesEvents(tx, { type: 'subcase.refused', subcaseId: sub.id, applicationId: app.id, matterCode: sub.matter_code, unitCode: sub.unit_code, decision: 'rejected' }, at),
  });
}
