// The identity module's domain events.
import { z } from 'zod';
import type { Tx } from '../../platform/db.ts';
import { emit } from '../../platform/events.ts';

/** 注册验证码: an SMS code to send to the phone being registered (the only place the code is in clear). */
export const ZIdentitySmsCode = z.object({
  type: z.literal('identity.sms-code'),
  challengeId: z.string(), phone: z.string(), text: z.string(), purpose: z.literal('register'),
});

export const IDENTITY_EVENTS = [ZIdentitySmsCode] as const;

/** The phone number and the text with the code are removed from the outbox once the SMS is sent. */
export const IDENTITY_CLEARED_WHEN_DONE = { 'identity.sms-code': ['phone', 'text'] } as const;
export const ZIdentityEvent = z.discriminatedUnion('type', IDENTITY_EVENTS);
export type TIdentityEvent = z.infer<typeof ZIdentityEvent>;

export const emitIdentityEvents = (tx: Tx, events: TIdentityEvent | TIdentityEvent[], at: Date): Promise<void> => emit(tx, events, at);
