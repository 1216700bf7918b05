// The states of a counter intake (counter_intakes.status) and the moves the counter code makes. Pure.
import { ZIntakeStatus, type TIntakeStatus } from '../../contract/counter.ts';
import { AppError } from '../../platform/errors.ts';
import * as kit from '../../platform/state-machine.ts';

export const INTAKE_EVENTS = ['confirm', 'reopen', 'decline', 'expire'] as const;
export type IntakeEvent = (typeof INTAKE_EVENTS)[number];

export const intakeMachine = kit.defineMachine<TIntakeStatus, IntakeEvent>({
  name: 'counter intake',
  states: ZIntakeStatus.options,
  events: INTAKE_EVENTS,
  initial: 'awaiting-confirmation',
  transitions: [
    // the citizen confirmed (signed in or by code): claimed before the application is made
    { from: ['awaiting-confirmation'], event: 'confirm', to: 'confirmed' },
    // making the application failed (e.g. the catalog changed since): the intake waits again
    { from: ['confirmed'], event: 'reopen', to: 'awaiting-confirmation' },
    { from: ['awaiting-confirmation'], event: 'decline', to: 'declined' },
    // found past its 24 hours when someone tried to confirm it
    { from: ['awaiting-confirmation'], event: 'expire', to: 'expired' },
  ],
  refuse: (state, event) => new AppError('conflict', 'INVALID_TRANSITION', {
    zh: `窗口申请当前状态为“${state}”，不能执行“${event}”`,
    en: `Cannot ${event} a counter intake that is ${state}`,
  }),
});

/** The intake's status after `event`, or an INVALID_TRANSITION conflict. */
export const intakeTransition = (state: TIntakeStatus, event: IntakeEvent): TIntakeStatus => kit.transition(intakeMachine, state, event, {});
