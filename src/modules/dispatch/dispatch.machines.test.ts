import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/errors.ts';
import { transition } from '../../platform/state-machine.ts';
import { adapterEventMachine, adapterEventMove, EVENT_EVENTS, EVENT_STATES, TASK_EVENTS, TASK_STATES, taskMachine, taskMove } from './dispatch.machines.ts';

// Written out by hand: what the dispatch code does today (dispatch.repo.ts, apply-result-event.ts).
describe.each([
  ['dispatch task', taskMachine, TASK_STATES, TASK_EVENTS, [['pending', 'complete', 'done']]],
  ['adapter event', adapterEventMachine, EVENT_STATES, EVENT_EVENTS, [['parked', 'apply', 'applied'], ['parked', 'fail', 'failed']]],
] as const)('%s machine', (_name, machine, states, events, rows) => {
  const m = machine as typeof machine & { transitions: ReadonlyArray<{ from: readonly string[]; event: string; to: string }> };
  const move = (s: string, e: string) => transition(m as never, s as never, e as never, {} as never) as string;

  it.each(rows.map((r) => [...r]))('%s --%s--> %s', (from, event, to) => {
    expect(move(from, event)).toBe(to);
  });

  it('refuses every other move', () => {
    const refused = states.flatMap((s) => events.map((e) => [s, e] as const)).filter(([s, e]) => !rows.some(([f, ev]) => f === s && ev === e));
    expect(refused.length).toBeGreaterThan(0);
    for (const [s, e] of refused) expect(() => move(s, e), `${s} --${e}-->`).toThrow(AppError);
  });
});

describe('moves used by the repository', () => {
  it('complete a pending task; settle a parked event', () => {
    expect(taskMove('complete')).toEqual({ from: 'pending', to: 'done' });
    expect(adapterEventMove('apply')).toEqual({ from: 'parked', to: 'applied' });
    expect(adapterEventMove('fail')).toEqual({ from: 'parked', to: 'failed' });
    expect(() => adapterEventMove('apply', 'failed')).toThrow(expect.objectContaining({ code: 'INVALID_TRANSITION', zh: '部门系统回传事件当前状态为“处理失败”，不能执行“处理”' }));
  });
});
