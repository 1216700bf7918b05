// 结束特别程序: handling goes on and the clock resumes: both due times recomputed from the time used.
import type { Actor } from '../../platform/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import { actOnSubcase } from './act-on-subcase.ts';
import { resumedClock } from './subcase-clock.ts';

export function endSpecialProcedure(ctx: AppContext, actor: Actor, subcaseId: string, note?: string) {
  return actOnSubcase(ctx, actor, subcaseId, {
    event: 'endSpecialProcedure', audit: 'case.subcase.end-special', by: 'unit', note,
    change: (s, _to, at, settings) => ({ clockColumns: resumedClock(s, at, settings.noticeWorkdays) }),
  });
}
