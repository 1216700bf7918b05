// National identifiers: resident ID numbers (GB 11643), unified social credit codes (GB 32100),
// mobile numbers and Changsha division codes. Pure functions: validators and generators for seeds and tests.
import { createHash, randomBytes } from 'node:crypto';

// ---------- resident ID number (公民身份号码, GB 11643) ----------

export { isValidResidentId, parseResidentId, residentIdCheckChar, type ResidentIdParse, type ResidentIdProblem } from '../contract/resident-id.ts';
import { isRealDate, residentIdCheckChar } from '../contract/resident-id.ts';

/**
 * A valid ID number. `birthDate` is YYYY-MM-DD, YYYYMMDD or a Date (its UTC day); `seq` is the
 * 3-digit order number, whose parity is the sex (odd = male).
 */
export function makeResidentId(divisionCode: string, birthDate: string | Date, seq: number): string {
  if (!/^\d{6}$/.test(divisionCode)) throw new Error(`makeResidentId: division code must be 6 digits, got "${divisionCode}"`);
  const ymd = typeof birthDate === 'string' ? birthDate.replaceAll('-', '') : birthDate.toISOString().slice(0, 10).replaceAll('-', '');
  if (!/^\d{8}$/.test(ymd) || !isRealDate(Number(ymd.slice(0, 4)), Number(ymd.slice(4, 6)), Number(ymd.slice(6, 8))))
    throw new Error(`makeResidentId: "${String(birthDate)}" is not a date`);
  if (!Number.isInteger(seq) || seq < 0 || seq > 999) throw new Error(`makeResidentId: seq must be 0–999, got ${seq}`);
  const first17 = `${divisionCode}${ymd}${String(seq).padStart(3, '0')}`;
  return first17 + residentIdCheckChar(first17);
}

// ---------- unified social credit code (统一社会信用代码, GB 32100) ----------

// 31 characters: digits and capitals without I, O, Z, S, V (easily confused).
const CREDIT_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const CREDIT_RE = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;
// Positions 9–17 are the organisation code of GB 11714: 8 characters and a MOD 11 check.
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

export type CreditCodeProblem = 'FORMAT' | 'CHECK_CHAR';

export type CreditCodeParse =
  | { ok: true; creditCode: string; registrationAuthority: string; orgType: string; divisionCode: string; orgCode: string }
  | { ok: false; problem: CreditCodeProblem };

export function creditCodeCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = CREDIT_ALPHABET.indexOf(first17[i] ?? '');
    if (v < 0) throw new Error(`creditCodeCheckChar: "${first17}" has a character outside the GB 32100 alphabet`);
    sum += v * CREDIT_WEIGHTS[i]!;
  }
  return CREDIT_ALPHABET[(31 - (sum % 31)) % 31]!;
}

/** GB 11714 value of a character: digits as themselves, A = 10 … Z = 35. */
function orgCharValue(c: string): number {
  return /\d/.test(c) ? Number(c) : c.charCodeAt(0) - 55;
}

function orgCodeCheckChar(body8: string): string {
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += orgCharValue(body8[i]!) * ORG_WEIGHTS[i]!;
  const c = 11 - (sum % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}

/** Validates format and the final check character (the only check GB 32100 mandates). Lower case is normalised. */
export function parseCreditCode(input: string): CreditCodeParse {
  const creditCode = input.trim().toUpperCase();
  if (!CREDIT_RE.test(creditCode)) return { ok: false, problem: 'FORMAT' };
  if (creditCodeCheckChar(creditCode.slice(0, 17)) !== creditCode[17]) return { ok: false, problem: 'CHECK_CHAR' };
  return {
    ok: true,
    creditCode,
    registrationAuthority: creditCode[0]!,
    orgType: creditCode[1]!,
    divisionCode: creditCode.slice(2, 8),
    orgCode: creditCode.slice(8, 17),
  };
}

export function isValidCreditCode(input: string): boolean {
  return parseCreditCode(input).ok;
}

/**
 * A valid credit code whose organisation code (positions 9–17) carries its own GB 11714 check too.
 * - `makeCreditCode()`: a random enterprise registered in Changsha (prefix 91430100)
 * - `makeCreditCode(bytes)`: the same, deterministic from the bytes (e.g. a hash of a unit code)
 * - `makeCreditCode('11430102', seed?)`: a fixed prefix — registration authority (1 机构编制, 5 民政,
 *   9 市场监管, …), organisation type, 6-digit division, optionally the start of the organisation code;
 *   the rest comes from `seed` (bytes, or text that is hashed) or is random.
 */
export function makeCreditCode(prefixOrSeed?: string | Uint8Array, seed?: string | Uint8Array): string {
  const prefix = typeof prefixOrSeed === 'string' ? prefixOrSeed.toUpperCase() : '91430100';
  const source = typeof prefixOrSeed === 'string' || prefixOrSeed === undefined ? seed : prefixOrSeed;
  if (prefix.length < 8 || prefix.length > 16 || !/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]*$/.test(prefix))
    throw new Error(`makeCreditCode: prefix must be 8–16 characters (authority, type, 6-digit division, …), got "${prefix}"`);
  const bytes = source === undefined ? randomBytes(8) : typeof source === 'string' ? createHash('sha256').update(source).digest() : source;
  if (bytes.length < 16 - prefix.length) throw new Error('makeCreditCode: seed has too few bytes');
  let body = prefix.slice(8);
  for (let i = 0; body.length < 8; i++) body += CREDIT_ALPHABET[bytes[i]! % CREDIT_ALPHABET.length];
  const first17 = prefix.slice(0, 8) + body + orgCodeCheckChar(body);
  return first17 + creditCodeCheckChar(first17);
}

// ---------- mobile phone ----------

/** Strips spaces, dashes and a +86 / 0086 prefix; returns undefined when it is not a mainland mobile number. */
export function normalizeMobilePhone(input: string): string | undefined {
  const digits = input.replace(/[\s-]/g, '').replace(/^(\+86|0086)/, '');
  return /^1[3-9]\d{9}$/.test(digits) ? digits : undefined;
}

export function isMobilePhone(input: string): boolean {
  return normalizeMobilePhone(input) !== undefined;
}

// ---------- Changsha divisions (GB/T 2260 + 3-digit street codes) ----------

export const CHANGSHA_CITY_CODE = '430100';
export const CHANGSHA_DISTRICT_CODES = ['430102', '430103', '430104', '430105', '430111', '430112', '430121', '430181', '430182'] as const;
const CHANGSHA_DISTRICTS: ReadonlySet<string> = new Set(CHANGSHA_DISTRICT_CODES);

/** The district (6 digits) a Changsha district, street (9) or community (12) code lies in. */
export function changshaDistrictOf(code: string): string | undefined {
  if (!/^\d{6}(\d{3}){0,2}$/.test(code)) return undefined;
  const district = code.slice(0, 6);
  return CHANGSHA_DISTRICTS.has(district) ? district : undefined;
}

/** The city itself or any division inside one of its districts. */
export function isChangshaDivision(code: string): boolean {
  return code === CHANGSHA_CITY_CODE || changshaDistrictOf(code) !== undefined;
}

// ---------- masking for lists, logs and audit rows ----------

/** A mobile number as lists and records show it: 138****0001. */
export const maskPhone = (phone: string): string => (phone.length >= 7 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : '****');

/** An ID number as lists and records show it: 4301**********1314. */
export const maskIdNumber = (id: string): string => (id.length > 8 ? `${id.slice(0, 4)}**********${id.slice(-4)}` : '****');
