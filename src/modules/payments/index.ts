// The payments module's public face: fees of sub-cases paid online (payment provider) or at the
// counter, the approval gate's fact (cases' paid_at), and refunds of refused sub-cases.
export { registerPaymentsRoutes } from './payments.routes.ts';
export { PAYMENTS_SUBSCRIPTIONS, paymentsSubscribers } from './payments.subscribers.ts';
export { refundSubcases } from './refund-refused.ts';
export { recordUnitPayment, type UnitCollected } from './record-unit-payment.ts';
