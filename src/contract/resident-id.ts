// Resident ID numbers (公民身份号码, GB 11643): the parser and validator the server and the clients share.

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

export function isRealDate(y: number, m: number, d: number): boolean {
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
