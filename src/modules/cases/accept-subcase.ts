// 受理: the unit accepts its sub-case; the promised time limit starts counting now.
import type { Actor } from '../../platform/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import { actOnSubcase } from './act-on-subcase.ts';
import { storeClock } from './cases.repo.ts';
import { startSubcaseClock } from './subcase-clock.ts';

export function acceptSubcase(ctx: AppContext, actor: Actor, subcaseId: string, note?: string) {
  return actOnSubcase(ctx, actor, subcaseId, {
    event: 'accept', audit: 'case.subcase.accept', by: 'unit', note,
    change: (sub, _to, at) => {
      const { clock, promisedAt } = startSubcaseClock(sub.time_limit, at);
      return { clock: storeClock(clock), promisedAt };
    },
  });
}
