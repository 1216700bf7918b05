// The counter channel's public face (窗口收件 / 帮代办 with the citizen's confirmation).
export { registerCounterRoutes } from './counter.routes.ts';
export { COUNTER_CLEARED_WHEN_DONE, COUNTER_EVENTS, type TCounterEvent } from './counter.events.ts';
export { ZCounterIntake, ZCounterIntakeView, ZConfirmationView, ZIntakeCreated, type TCounterIntake, type TCounterIntakeView, type TConfirmationView } from '../../contract/counter.ts';
