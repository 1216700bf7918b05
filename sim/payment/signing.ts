// The payment provider's signatures, HMAC-SHA256 with the merchant's secret (hex):
//   merchant → provider: x-pay-merchant, x-pay-timestamp (unix seconds), x-pay-signature over
//                        "<timestamp>\n<METHOD>\n<path and query>\n<body>"
//   provider → merchant (the payment callback): x-pay-timestamp, x-pay-signature over "<timestamp>.<body>"
import { createHmac, timingSafeEqual } from 'node:crypto';

export const hmac = (secret: string, text: string): string => createHmac('sha256', secret).update(text).digest('hex');

export const requestSignature = (secret: string, ts: string, method: string, pathAndQuery: string, body: string): string =>
  hmac(secret, `${ts}\n${method.toUpperCase()}\n${pathAndQuery}\n${body}`);

export const callbackSignature = (secret: string, ts: string, body: string): string => hmac(secret, `${ts}.${body}`);

export function sameHex(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}
