// The one logger (pino). Logs never carry personal data: resident ID numbers and mobile numbers in any
// logged string are masked (430102********1234, 138****0001), and a database error is logged without
// the statement's parameters — they are the very values a query was writing.
import { pino, type Logger } from 'pino';
export type { Logger };

// 18-character resident ID numbers (last may be X) and mainland mobile numbers, not inside longer digit runs
const RESIDENT_ID = /(?<![0-9A-Za-z])(\d{6})\d{8}(\d{3}[\dXx])(?![0-9A-Za-z])/g;
const MOBILE = /(?<!\d)(1[3-9]\d)\d{4}(\d{4})(?!\d)/g;
/** Keys whose values are never logged at all. */
const DROPPED = new Set(['parameters', 'params', 'password', 'passwordHash', 'password_hash', 'secret', 'smsCode', 'confirmationCode', 'otp', 'token', 'authorization', 'cookie']);

export function maskPersonalText(s: string): string {
  return s.replace(RESIDENT_ID, '$1********$2').replace(MOBILE, '$1****$2');
}

/** A copy of a log record's value with personal data masked; errors keep their name, message, code and stack. */
export function maskPersonalData(v: unknown, depth = 0, seen = new WeakSet<object>()): unknown {
  if (typeof v === 'string') return maskPersonalText(v);
  if (v === null || typeof v !== 'object' || depth > 8) return v;
  if (seen.has(v)) return '[circular]';
  seen.add(v);
  if (Array.isArray(v)) return v.map((x) => maskPersonalData(x, depth + 1, seen));
  if (v instanceof Date || Buffer.isBuffer(v)) return v;
  const out: Record<string, unknown> = {};
  if (v instanceof Error) {
    out.type = v.name;
    out.message = maskPersonalText(v.message);
    if (v.stack) out.stack = maskPersonalText(v.stack);
  }
  for (const [k, x] of Object.entries(v)) {
    if (DROPPED.has(k)) out[k] = '[removed]';
    else out[k] = maskPersonalData(x, depth + 1, seen);
  }
  return out;
}

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level,
    base: undefined,
    timestamp: pino.stdTimeFunctions.isoTime,
    // errors go through the same masking instead of pino's serializer, which would copy every property
    serializers: { err: (e: unknown) => maskPersonalData(e), error: (e: unknown) => maskPersonalData(e) },
    formatters: { log: (obj) => maskPersonalData(obj) as Record<string, unknown> },
    hooks: {
      // the message string (and any printf-style arguments) is masked too
      logMethod(args, method) {
        method.apply(this, args.map((a) => (typeof a === 'string' ? maskPersonalText(a) : a)) as Parameters<typeof method>);
      },
    },
  };
  return destination ? pino(options, destination) : pino(options);
}
