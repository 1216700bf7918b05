// The simulator signs and verifies with Yijian's own signing code (src/modules/dispatch/signing.ts,
// pure node:crypto, importable by any department system): HMAC-SHA256 over
// `${timestamp}\n${METHOD}\n${pathWithQuery}\n${rawBody}`. Kept in one file so the rest of the
// simulator does not care where the scheme's code lives.
import { computeSignature, sameSignature, signRequest, SIGNATURE_MAX_SKEW_S } from '../../src/modules/dispatch/signing.ts';

export interface UnitKey {
  unitCode: string;
  keyId: string;
  secret: string;
}

/** Headers for a request to Yijian (or, in tests, from Yijian to a unit). */
export function signedHeaders(key: UnitKey, method: string, pathWithQuery: string, body: string | Uint8Array, now = Date.now()): Record<string, string> {
  return signRequest({ ...key, method, pathWithQuery, body, now: new Date(now) });
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
  if (Math.abs(now / 1000 - Number(timestamp)) > SIGNATURE_MAX_SKEW_S) return false;
  const key = keys.find((k) => k.unitCode === unit && k.keyId === keyId);
  return key !== undefined && sameSignature(signature, computeSignature(key.secret, timestamp, method, pathWithQuery, body));
}
