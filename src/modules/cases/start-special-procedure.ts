// 启动特别程序 (hearing, inspection, expert review): the clock stops until the procedure ends.
import type { Actor } from '../../platform/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import { actOnSubcase } from './act-on-subcase.ts';
import { pausedClock } from './subcase-clock.ts';

export function startSpecialProcedure(ctx: AppContext, actor: Actor, subcaseId: string, note: string) {
  return actOnSubcase(ctx, actor, subcaseId, {
    event: 'startSpecialProcedure', audit: 'case.subcase.start-special', by: 'unit', note,
    change: (s, _to, at) => ({ clockColumns: pausedClock(s, at) }),
  });
}
