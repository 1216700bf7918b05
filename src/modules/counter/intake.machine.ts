// The states of a counter intake (counter_intakes.status) and the moves the counter code makes. Pure.
import { ZIntakeStatus, type TIntakeStatus } from '../../contract/counter.ts';
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
  refuse: kit.namedRefusal<TIntakeStatus, IntakeEvent>({ zh: '窗口收件', en: 'a counter intake' },
    {
      'awaiting-confirmation': { zh: '待申请人确认', en: 'awaiting confirmation' }, confirmed: { zh: '已确认', en: 'confirmed' },
      declined: { zh: '已拒绝', en: 'declined' }, expired: { zh: '已过期', en: 'expired' },
    },
    { confirm: { zh: '确认', en: 'confirm' }, reopen: { zh: '重新等待确认', en: 'reopen' }, decline: { zh: '拒绝', en: 'decline' }, expire: { zh: '过期', en: 'expire' } }),
});

/** The intake's status after `event`, or an INVALID_TRANSITION conflict. */
export const intakeTransition = (state: TIntakeStatus, event: IntakeEvent): TIntakeStatus => kit.transition(intakeMachine, state, event, {});
