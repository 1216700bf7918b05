// Yijian's side of the payment provider's API (see sim/payment/README.md for the protocol): signed
// requests out, signed callbacks in. HTTP runs outside any transaction.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Config } from '../../config.ts';
import { AppError } from '../../platform/errors.ts';

const hmac = (secret: string, text: string) => createHmac('sha256', secret).update(text).digest('hex');

export const providerUnavailable = () =>
  new AppError('conflict', 'PAYMENT_PROVIDER_UNAVAILABLE', {
    zh: '网上支付暂不可用，请稍后再试或到窗口缴费',
    en: 'Online payment is not available right now; try again later or pay at the counter',
  });

type ProviderConfig = Pick<Config, 'paymentUrl' | 'paymentMerchantId' | 'paymentSecret'>;

export interface ProviderOrder {
  orderId: string;
  orderNo: string;
  amountFen: number;
  status: 'created' | 'paid' | 'closed' | 'refunded';
  paidAt: string | null;
  transactionId: string | null;
}

async function call(config: ProviderConfig, method: 'GET' | 'POST', path: string, body?: unknown): Promise<Response> {
  if (!config.paymentUrl || !config.paymentSecret) throw providerUnavailable();
  const text = body === undefined ? '' : JSON.stringify(body);
  const ts = String(Math.floor(Date.now() / 1000));
  try {
    return await fetch(`${config.paymentUrl}${path}`, {
      method, ...(text ? { body: text } : {}), signal: AbortSignal.timeout(15_000),
      headers: {
        'content-type': 'application/json', 'x-pay-merchant': config.paymentMerchantId, 'x-pay-timestamp': ts,
        'x-pay-signature': hmac(config.paymentSecret, `${ts}\n${method}\n${path}\n${text}`),
      },
    });
  } catch {
    throw providerUnavailable();
  }
}

export async function createOrder(config: ProviderConfig, order: { orderNo: string; amountFen: number; subject: string; notifyUrl: string; returnUrl: string }): Promise<{ orderId: string; payUrl: string }> {
  const res = await call(config, 'POST', '/orders', order);
  if (res.status !== 200 && res.status !== 201) throw providerUnavailable();
  return (await res.json()) as { orderId: string; payUrl: string };
}

export async function queryOrder(config: ProviderConfig, orderNo: string): Promise<ProviderOrder | undefined> {
  const res = await call(config, 'GET', `/orders/${orderNo}`);
  if (res.status === 404) return undefined;
  if (!res.ok) throw providerUnavailable();
  return (await res.json()) as ProviderOrder;
}

/** A whole refund, idempotent by refundNo (the same number again is answered, not paid twice). */
export async function refundOrder(config: ProviderConfig, orderNo: string, refund: { refundNo: string; amountFen: number; reason: string }): Promise<void> {
  const res = await call(config, 'POST', `/orders/${orderNo}/refunds`, refund);
  if (res.status !== 200 && res.status !== 201) throw new Error(`payment provider refused refund ${refund.refundNo}: ${res.status} ${await res.text()}`);
}

/** Checks a callback's signature (x-pay-timestamp, x-pay-signature over "<timestamp>.<body>") and its age. */
export function callbackSignatureProblem(config: Pick<Config, 'paymentSecret' | 'paymentCallbackToleranceS'>, headers: Record<string, unknown>, rawBody: string, now: Date): 'signature' | 'stale' | undefined {
  const ts = typeof headers['x-pay-timestamp'] === 'string' ? headers['x-pay-timestamp'] : '';
  const sig = typeof headers['x-pay-signature'] === 'string' ? headers['x-pay-signature'] : '';
  if (!config.paymentSecret || !/^\d{9,11}$/.test(ts)) return 'signature';
  const expected = Buffer.from(hmac(config.paymentSecret, `${ts}.${rawBody}`));
  const given = Buffer.from(sig);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return 'signature';
  if (Math.abs(now.getTime() / 1000 - Number(ts)) > config.paymentCallbackToleranceS) return 'stale';
  return undefined;
}
