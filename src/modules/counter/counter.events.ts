// The counter module's domain events.
import { z } from 'zod';
import type { Tx } from '../../platform/db.ts';
import { emit } from '../../platform/events.ts';

/** 窗口收件: a confirmation code to send by SMS to the number the counter used (the only place the code is in clear). */
export const ZCounterConfirmationCode = z.object({
  type: z.literal('counter.confirmation-code'),
  intakeId: z.string(), userId: z.number(), phone: z.string(), text: z.string(), purpose: z.literal('counter-confirmation'),
});

export const COUNTER_EVENTS = [ZCounterConfirmationCode] as const;

/** The phone number and the text with the code are removed from the outbox once the SMS is sent. */
export const COUNTER_CLEARED_WHEN_DONE = { 'counter.confirmation-code': ['phone', 'text'] } as const;
export const ZCounterEvent = z.discriminatedUnion('type', COUNTER_EVENTS);
export type TCounterEvent = z.infer<typeof ZCounterEvent>;

export const emitCounterEvents = (tx: Tx, events: TCounterEvent | TCounterEvent[], at: Date): Promise<void> => emit(tx, events, at);
