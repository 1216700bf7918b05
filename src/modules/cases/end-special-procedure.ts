// 结束特别程序: handling goes on and the clock resumes with the time that was left.
import type { Actor } from '../../platform/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import { clockDeadline, resumeClock } from '../../platform/calendar.ts';
import { actOnSubcase } from './act-on-subcase.ts';
import { loadClock, storeClock } from './cases.repo.ts';

export function endSpecialProcedure(ctx: AppContext, actor: Actor, subcaseId: string, note?: string) {
  return actOnSubcase(ctx, actor, subcaseId, {
    event: 'endSpecialProcedure', audit: 'case.subcase.end-special', by: 'unit', note,
    change: (s, _to, at) => {
      if (!s.clock) return {};
      const clock = resumeClock(loadClock(s.clock), at);
      return { clock: storeClock(clock), promisedAt: clockDeadline(clock) };
    },
  });
}
