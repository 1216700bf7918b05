// Fees of a sub-case: what is due, how it was paid (online through the payment provider, or at the
// counter with a receipt number) and whether it was refunded. Shared by the server and the web.
import { z } from 'zod';

export const PAYMENT_STATES = {
  unpaid: { zh: '待缴费', en: 'Not paid' },
  pending: { zh: '支付中', en: 'Payment in progress' },
  paid: { zh: '已缴费', en: 'Paid' },
  refunding: { zh: '退费中', en: 'Being refunded' },
  refunded: { zh: '已退费', en: 'Refunded' },
} as const;
export const ZPaymentState = z.enum(['unpaid', 'pending', 'paid', 'refunding', 'refunded']);
export type TPaymentState = z.infer<typeof ZPaymentState>;

export const ZSubcasePayment = z.object({
  subcaseId: z.string(),
  matterCode: z.string(),
  matterName: z.string(),
  fees: z.array(z.object({ name: z.string(), amountFen: z.number().int() })),
  /** the total due, in fen (分) */
  amountFen: z.number().int(),
  state: ZPaymentState,
  channel: z.enum(['online', 'counter', 'unit']).nullable(),
  orderNo: z.string().nullable(),
  receiptNo: z.string().nullable(),
  paidAt: z.string().nullable(),
  refundedAt: z.string().nullable(),
  /** the payer page of the open online order */
  payUrl: z.string().nullable(),
  /** the applicant may pay online now (released, still open, unpaid, a provider configured) */
  canPayOnline: z.boolean(),
  /** counter staff may record a payment now */
  canPayAtCounter: z.boolean(),
});
export type TSubcasePayment = z.infer<typeof ZSubcasePayment>;

export const ZPaymentStarted = z.object({ orderNo: z.string(), payUrl: z.string() });

export const ZCounterPayment = z.object({
  /** the number of the receipt (票据号) the counter handed out */
  receiptNo: z.string().trim().regex(/^[A-Za-z0-9-]{4,40}$/, 'receipt number: 4–40 letters, digits or hyphens'),
  /** what was taken, in fen; must equal what is due */
  amountFen: z.number().int().min(1).max(10_000_000_000),
}).strict();
export type TCounterPayment = z.infer<typeof ZCounterPayment>;

/** The payment provider's callback (its body; signed in x-pay-timestamp / x-pay-signature). */
export const ZPaymentCallback = z.object({
  notifyId: z.string().min(1).max(100),
  orderNo: z.string().min(1).max(100),
  orderId: z.string().min(1).max(100),
  amountFen: z.number().int(),
  status: z.literal('paid'),
  paidAt: z.string().max(40),
  transactionId: z.string().max(100).nullable(),
});
export type TPaymentCallback = z.infer<typeof ZPaymentCallback>;

export const ZCallbackAnswer = z.object({ result: z.enum(['applied', 'duplicate']) });
