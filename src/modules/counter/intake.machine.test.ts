import { describe, expect, it } from 'vitest';
import { ZIntakeStatus, type TIntakeStatus } from '../../contract/counter.ts';
import { AppError } from '../../platform/errors.ts';
import { allowedEvents } from '../../platform/state-machine.ts';
import { INTAKE_EVENTS, intakeMachine, intakeTransition, type IntakeEvent } from './intake.machine.ts';

// Written out by hand: what the counter code does today (confirm-intake.ts).
const rows: Array<[TIntakeStatus, IntakeEvent, TIntakeStatus]> = [
  ['awaiting-confirmation', 'confirm', 'confirmed'],
  ['confirmed', 'reopen', 'awaiting-confirmation'],
  ['awaiting-confirmation', 'decline', 'declined'],
  ['awaiting-confirmation', 'expire', 'expired'],
];

describe('counter intake machine', () => {
  it('starts awaiting confirmation, over the statuses of the API', () => {
    expect(intakeMachine.initial).toBe('awaiting-confirmation');
    expect(intakeMachine.states).toEqual(ZIntakeStatus.options);
  });

  it.each(rows)('%s --%s--> %s', (from, event, to) => {
    expect(intakeTransition(from, event)).toBe(to);
  });

  it('refuses every other move', () => {
    const refused = ZIntakeStatus.options.flatMap((s) => INTAKE_EVENTS.map((e) => [s, e] as const))
      .filter(([s, e]) => !rows.some(([f, ev]) => f === s && ev === e));
    expect(refused).toContainEqual(['declined', 'confirm']);
    expect(refused).toContainEqual(['expired', 'reopen']);
    for (const [s, e] of refused) {
      expect(() => intakeTransition(s, e), `${s} --${e}-->`).toThrow(AppError);
    }
    expect(() => intakeTransition('confirmed', 'decline')).toThrow(expect.objectContaining({ code: 'INVALID_TRANSITION', status: 409 }));
    // the Chinese message names the state and the event in words, not by their codes
    expect(() => intakeTransition('confirmed', 'decline')).toThrow(expect.objectContaining({ zh: '窗口收件当前状态为“已确认”，不能执行“拒绝”' }));
  });

  it('leaves nothing out of declined and expired', () => {
    expect(allowedEvents(intakeMachine, 'declined', {})).toEqual([]);
    expect(allowedEvents(intakeMachine, 'expired', {})).toEqual([]);
  });
});
