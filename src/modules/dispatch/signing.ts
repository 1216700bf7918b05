// Request signing between Yijian and department systems, the same scheme both ways (see
// docs/integration.md): HMAC-SHA256 with the unit's key over
//   `${timestamp}\n${METHOD}\n${pathWithQuery}\n${rawBody}`
// sent as x-yj-unit, x-yj-key-id, x-yj-timestamp (unix seconds) and x-yj-signature: v1=<hex>.
// Pure (node:crypto only), so department simulators and SDKs can import it as it is.
import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_MAX_SKEW_S = 300;

export const SIGNATURE_HEADERS = {
  unit: 'x-yj-unit',
  keyId: 'x-yj-key-id',
  timestamp: 'x-yj-timestamp',
  signature: 'x-yj-signature',
} as const;

export type SignedHeaders = {
  'x-yj-unit': string;
  'x-yj-key-id': string;
  'x-yj-timestamp': string;
  'x-yj-signature': string;
};

/** The string that is signed. */
export function canonicalString(timestamp: string, method: string, pathWithQuery: string, rawBody: string): string {
  return `${timestamp}\n${method.toUpperCase()}\n${pathWithQuery}\n${rawBody}`;
}

/** `v1=` and the hex HMAC-SHA256 of the canonical string (a body given as bytes is hashed as it is, not copied into it). */
export function computeSignature(secret: string, timestamp: string, method: string, pathWithQuery: string, rawBody: string | Uint8Array): string {
  return `v1=${createHmac('sha256', secret).update(canonicalString(timestamp, method, pathWithQuery, '')).update(rawBody).digest('hex')}`;
}

export interface SignInput {
  unitCode: string;
  keyId: string;
  secret: string;
  method: string;
  /** the path and query exactly as sent, e.g. /api/adapter/v1/tasks?wait=20&limit=10 */
  pathWithQuery: string;
  /** the exact bytes of the body, as a string or as the bytes sent ('' when there is none) */
  body?: string | Uint8Array;
  now?: Date;
}

export function signRequest(input: SignInput): SignedHeaders {
  const timestamp = String(Math.floor((input.now ?? new Date()).getTime() / 1000));
  return {
    'x-yj-unit': input.unitCode,
    'x-yj-key-id': input.keyId,
    'x-yj-timestamp': timestamp,
    'x-yj-signature': computeSignature(input.secret, timestamp, input.method, input.pathWithQuery, input.body ?? ''),
  };
}

/** Constant-time comparison of two signatures (different lengths are simply unequal). */
export function sameSignature(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export type SignatureProblem = 'MISSING_HEADERS' | 'BAD_TIMESTAMP' | 'STALE_TIMESTAMP' | 'UNKNOWN_KEY' | 'MISMATCH';

export interface VerifyInput {
  headers: Record<string, string | string[] | undefined>;
  method: string;
  pathWithQuery: string;
  /** the exact body: text, or the bytes of a binary one */
  body: string | Uint8Array;
  now: Date;
  /** the secrets valid now for (unit, key id): only non-retired keys */
  secretOf: (unitCode: string, keyId: string) => string | undefined | Promise<string | undefined>;
  maxSkewS?: number;
}

export type VerifyResult = { ok: true; unitCode: string; keyId: string } | { ok: false; problem: SignatureProblem; unitCode?: string; keyId?: string };

const header = (h: VerifyInput['headers'], name: string): string | undefined => {
  const v = h[name];
  return typeof v === 'string' && v.length > 0 && v.length <= 200 ? v : undefined;
};

/** Checks the signature headers of a request; never throws. */
export async function verifySignature(input: VerifyInput): Promise<VerifyResult> {
  const unitCode = header(input.headers, SIGNATURE_HEADERS.unit);
  const keyId = header(input.headers, SIGNATURE_HEADERS.keyId);
  const timestamp = header(input.headers, SIGNATURE_HEADERS.timestamp);
  const signature = header(input.headers, SIGNATURE_HEADERS.signature);
  if (!unitCode || !keyId || !timestamp || !signature) return { ok: false, problem: 'MISSING_HEADERS', ...(unitCode ? { unitCode } : {}) };
  if (!/^\d{1,12}$/.test(timestamp)) return { ok: false, problem: 'BAD_TIMESTAMP', unitCode, keyId };
  const skew = Math.abs(input.now.getTime() / 1000 - Number(timestamp));
  if (skew > (input.maxSkewS ?? SIGNATURE_MAX_SKEW_S)) return { ok: false, problem: 'STALE_TIMESTAMP', unitCode, keyId };
  const secret = await input.secretOf(unitCode, keyId);
  // compute anyway, so an unknown key costs the same time as a wrong signature
  const expected = computeSignature(secret ?? 'no-such-key', timestamp, input.method, input.pathWithQuery, input.body);
  const match = sameSignature(signature, expected);
  if (!secret) return { ok: false, problem: 'UNKNOWN_KEY', unitCode, keyId };
  return match ? { ok: true, unitCode, keyId } : { ok: false, problem: 'MISMATCH', unitCode, keyId };
}
