// The states of a payment row and the moves the payments code makes. Pure.
import * as kit from '../../platform/state-machine.ts';

export const PAYMENT_ROW_STATES = ['pending', 'paid', 'closed', 'refunding', 'refunded'] as const;
export type PaymentRowState = (typeof PAYMENT_ROW_STATES)[number];
export const PAYMENT_EVENTS = ['pay', 'close', 'startRefund', 'refund'] as const;
export type PaymentEvent = (typeof PAYMENT_EVENTS)[number];

/**
 * An online order is pending until the provider's callback (or a query) says it is paid; a counter
 * payment is made paid. A refund is started in the transaction that decides it and finished once the
 * provider (or the counter) has paid it back.
 */
export const paymentMachine = kit.defineMachine<PaymentRowState, PaymentEvent>({
  name: 'payment',
  states: PAYMENT_ROW_STATES,
  events: PAYMENT_EVENTS,
  initial: 'pending',
  transitions: [
    { from: ['pending'], event: 'pay', to: 'paid' },
    { from: ['pending'], event: 'close', to: 'closed' },
    { from: ['paid'], event: 'startRefund', to: 'refunding' },
    { from: ['refunding'], event: 'refund', to: 'refunded' },
  ],
  refuse: kit.namedRefusal<PaymentRowState, PaymentEvent>({ zh: '缴费记录', en: 'a payment' },
    { pending: { zh: '支付中', en: 'pending' }, paid: { zh: '已缴费', en: 'paid' }, closed: { zh: '已关闭', en: 'closed' }, refunding: { zh: '退费中', en: 'being refunded' }, refunded: { zh: '已退费', en: 'refunded' } },
    { pay: { zh: '确认缴费', en: 'pay' }, close: { zh: '关闭', en: 'close' }, startRefund: { zh: '发起退费', en: 'start refunding' }, refund: { zh: '完成退费', en: 'refund' } }),
});

/** The move of a payment: the state it must be in (update … where status = from) and the one it gets. */
export function paymentMove(event: PaymentEvent, from: PaymentRowState): { from: PaymentRowState; to: PaymentRowState } {
  return { from, to: kit.transition(paymentMachine, from, event, {}) };
}
