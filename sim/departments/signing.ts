// The simulator signs and verifies like a department's system would: the scheme of the adapter
// contract (docs/integration.md), HMAC-SHA256 over `${timestamp}\n${METHOD}\n${pathWithQuery}\n${rawBody}`.
// Kept in one file so the rest of the simulator does not care where the scheme's code lives.
import { createHmac, timingSafeEqual } from 'node:crypto';

export interface UnitKey {
  unitCode: string;
  keyId: string;
  secret: string;
}

export const MAX_SKEW_S = 300;

function mac(secret: string, timestamp: string, method: string, pathWithQuery: string, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}\n${method.toUpperCase()}\n${pathWithQuery}\n${body}`).digest('hex');
}

/** Headers for a request to Yijian (or from Yijian to a unit). */
export function signedHeaders(key: UnitKey, method: string, pathWithQuery: string, body: string, now = Date.now()): Record<string, string> {
  const timestamp = String(Math.floor(now / 1000));
  return {
    'x-yj-unit': key.unitCode,
    'x-yj-key-id': key.keyId,
    'x-yj-timestamp': timestamp,
    'x-yj-signature': `v1=${mac(key.secret, timestamp, method, pathWithQuery, body)}`,
  };
}

/** Whether a request carries a valid signature by one of `keys` (a unit may hold several during a rotation). */
export function verifiedBy(keys: readonly UnitKey[], method: string, pathWithQuery: string, body: string, headers: Record<string, string | string[] | undefined>, now = Date.now()): boolean {
  const one = (name: string) => {
    const v = headers[name];
    return Array.isArray(v) ? v[0] : v;
  };
  const unit = one('x-yj-unit');
  const keyId = one('x-yj-key-id');
  const timestamp = one('x-yj-timestamp');
  const signature = one('x-yj-signature');
  if (!unit || !keyId || !timestamp || !signature || !/^\d{1,12}$/.test(timestamp)) return false;
  if (Math.abs(now / 1000 - Number(timestamp)) > MAX_SKEW_S) return false;
  const key = keys.find((k) => k.unitCode === unit && k.keyId === keyId);
  if (!key) return false;
  const expected = Buffer.from(`v1=${mac(key.secret, timestamp, method, pathWithQuery, body)}`);
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
