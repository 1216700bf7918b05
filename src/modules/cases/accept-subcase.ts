// 受理: the unit accepts its sub-case; the promised and legal time limits start counting now.
import type { Actor } from '../../platform/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import { actOnSubcase } from './act-on-subcase.ts';
import { acceptedClock } from './subcase-clock.ts';

export function acceptSubcase(ctx: AppContext, actor: Actor, subcaseId: string, note?: string) {
  return actOnSubcase(ctx, actor, subcaseId, {
    event: 'accept', audit: 'case.subcase.accept', by: 'unit', note,
    change: (sub, _to, at, settings) => ({ clockColumns: acceptedClock(sub, at, settings.noticeWorkdays) }),
  });
}
