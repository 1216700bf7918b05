// National identifiers: resident ID numbers (GB 11643), unified social credit codes (GB 32100),
// mobile numbers and Changsha division codes. Pure functions: validators and generators for seeds and tests.
import { createHash, randomBytes } from 'node:crypto';

// ---------- resident ID number (公民身份号码, GB 11643) ----------

// ISO 7064 MOD 11-2: weight of position i is 2^(17-i) mod 11.
const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK_CHARS = '10X98765432';

// Provinces of GB/T 2260 (71 Taiwan, 81 Hong Kong, 82 Macao are valid in ID numbers too).
const PROVINCE_CODES = new Set([
  '11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37',
  '41', '42', '43', '44', '45', '46', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65', '71', '81', '82',
]);

export type ResidentIdProblem = 'FORMAT' | 'DIVISION' | 'BIRTH_DATE' | 'CHECK_DIGIT';

export type ResidentIdParse =
  | { ok: true; idNumber: string; divisionCode: string; birthDate: string; sex: 'male' | 'female' }
  | { ok: false; problem: ResidentIdProblem };

/** The check character for the first 17 digits. */
export function residentIdCheckChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new Error(`residentIdCheckChar needs 17 digits, got "${first17}"`);
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * ID_WEIGHTS[i]!;
  return ID_CHECK_CHARS[sum % 11]!;
}

function isRealDate(y: number, m: number, d: number): boolean {
  const dt = new Date(Date.UTC(y, m - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
}

/**
 * Parses a resident ID number. A lower-case final "x" is accepted (people type it) and normalised;
 * `today` bounds the birth date so that nobody is born in the future.
 */
export function parseResidentId(input: string, today: Date = new Date()): ResidentIdParse {
  const idNumber = input.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(idNumber)) return { ok: false, problem: 'FORMAT' };
  const divisionCode = idNumber.slice(0, 6);
  if (!PROVINCE_CODES.has(divisionCode.slice(0, 2)) || divisionCode.slice(2) === '0000') return { ok: false, problem: 'DIVISION' };
  const y = Number(idNumber.slice(6, 10));
  const m = Number(idNumber.slice(10, 12));
  const d = Number(idNumber.slice(12, 14));
  const birthDate = `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`;
  if (y < 1850 || !isRealDate(y, m, d) || birthDate > today.toISOString().slice(0, 10)) return { ok: false, problem: 'BIRTH_DATE' };
  if (residentIdCheckChar(idNumber.slice(0, 17)) !== idNumber[17]) return { ok: false, problem: 'CHECK_DIGIT' };
  return { ok: true, idNumber, divisionCode, birthDate, sex: Number(idNumber[16]) % 2 === 1 ? 'male' : 'female' };
}

export function isValidResidentId(input: string, today?: Date): boolean {
  return parseResidentId(input, today).ok;
}

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
