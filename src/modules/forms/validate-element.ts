// One data element's value: checked against its type and constraints, and normalised (trimmed,
// full-width folded, upper-cased codes) so that every sub-case stores the same spelling.
// Messages name the element and say what to fix.
import type { TDataElement } from '../catalog/index.ts';
import { isChangshaDivision, normalizeMobilePhone, parseCreditCode, parseResidentId } from '../../platform/identifiers.ts';
import { charCount, chinaDay, chinaDayAsUtc, foldAlnum, foldAscii, isBlank, isRealIsoDate } from './normalise.ts';

export type ElementValue = string | number | boolean;

export interface ElementProblem {
  code: string;
  zh: string;
  en: string;
}

export type ElementResult = { ok: true; value: ElementValue } | { ok: false; problem: ElementProblem };

// A guard when the catalog sets no limit: nobody needs more, and unbounded text is a storage risk.
const DEFAULT_MAX_LENGTH: Partial<Record<TDataElement['type'], number>> = {
  text: 200, longText: 5000, address: 200, certificateNo: 60, email: 254,
};
const ADDRESS_MIN_LENGTH = 5;
// Years before this are typing mistakes (the oldest ID numbers use 1850 too).
const EARLIEST_YEAR = 1850;
const LATEST_YEAR = 2200;

// GB/T 2260 provinces (71 Taiwan, 81 Hong Kong, 82 Macao included).
const PROVINCES = new Set('11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45 46 50 51 52 53 54 61 62 63 64 65 71 81 82'.split(' '));
const CHANGSHA_PREFIX = '4301';

const patterns = new Map<string, RegExp>();
function compiled(pattern: string): RegExp {
  let re = patterns.get(pattern);
  if (!re) patterns.set(pattern, (re = new RegExp(pattern)));
  return re;
}

function fail(el: TDataElement, code: string, zh: string, en: string): ElementResult {
  return { ok: false, problem: { code, zh: `“${el.name}”${zh}`, en: `${el.nameEn}: ${en}` } };
}

function hintOf(el: TDataElement): { zh: string; en: string } {
  return { zh: el.hint ? `（${el.hint}）` : '', en: el.hintEn ? ` (${el.hintEn})` : '' };
}

/** Length and pattern checks common to every value kept as a string. */
function checkString(el: TDataElement, value: string): ElementResult {
  const max = el.maxLength ?? DEFAULT_MAX_LENGTH[el.type];
  if (max !== undefined && charCount(value) > max)
    return fail(el, 'TOO_LONG', `最多 ${max} 个字，现有 ${charCount(value)} 个，请删减`, `at most ${max} characters, this has ${charCount(value)}; please shorten it`);
  if (el.pattern && !compiled(el.pattern).test(value)) {
    const h = hintOf(el);
    return fail(el, 'PATTERN_MISMATCH', `格式不正确${h.zh}，请核对后重新填写`, `the format is not right${h.en}; please check it`);
  }
  return { ok: true, value };
}

// Characters that change how text looks without being text: bidirectional overrides and isolates
// (a name that reads differently than it is stored), zero-width characters (two names that look the
// same), and control characters other than tab and line breaks.
const INVISIBLE = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C\u200B-\u200D\u2060\uFEFF\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/u;

function asText(el: TDataElement, raw: unknown): string | ElementResult {
  if (typeof raw !== 'string') return fail(el, 'NOT_TEXT', '应填写文字', 'expects text');
  if (INVISIBLE.test(raw))
    return fail(el, 'INVISIBLE_CHARACTER', '含有不可见的控制字符（如方向控制符、零宽字符），请删除后重新填写', 'contains invisible control characters (direction overrides, zero-width characters); please remove them');
  return foldAlnum(raw).trim();
}

function validateNumber(el: TDataElement, raw: unknown): ElementResult {
  let n: number;
  if (typeof raw === 'number') n = raw;
  else if (typeof raw === 'string') {
    // people write 1,000 or 1 000 and type full-width digits
    const s = foldAscii(raw).replace(/[,\s]/g, '');
    n = /^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(s) ? Number(s) : NaN;
  } else n = NaN;
  if (!Number.isFinite(n)) return fail(el, 'NOT_A_NUMBER', '应填写数字，如 12 或 12.5', 'expects a number such as 12 or 12.5');
  // money is never negative unless the catalog says so (a refund element would set min)
  const min = el.min ?? (el.type === 'money' ? 0 : undefined);
  if (min !== undefined && n < min) return fail(el, 'BELOW_MIN', `不能小于 ${min}`, `must be at least ${min}`);
  if (el.max !== undefined && n > el.max) return fail(el, 'ABOVE_MAX', `不能大于 ${el.max}`, `must be at most ${el.max}`);
  return { ok: true, value: n };
}

function validateDate(el: TDataElement, raw: unknown, today: Date): ElementResult {
  if (typeof raw !== 'string') return fail(el, 'NOT_A_DATE', '应填写日期，格式为 YYYY-MM-DD', 'expects a date as YYYY-MM-DD');
  // 2023/5/1, 2023.5.1 and 2023年5月1日 are all the same day: store the ISO spelling
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(foldAscii(raw).trim());
  const iso = m ? `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}` : '';
  if (!m || !isRealIsoDate(iso))
    return fail(el, 'NOT_A_DATE', '不是有效日期，请按 YYYY-MM-DD 填写，如 2023-05-01', 'is not a valid date; write it as YYYY-MM-DD, e.g. 2023-05-01');
  const year = Number(iso.slice(0, 4));
  if (year < EARLIEST_YEAR || year > LATEST_YEAR) return fail(el, 'DATE_OUT_OF_RANGE', `年份 ${year} 有误，请核对`, `the year ${year} looks wrong; please check it`);
  const day = chinaDay(today);
  if (el.dateRule === 'past' && iso > day) return fail(el, 'DATE_IN_FUTURE', `不能晚于今天（${day}）`, `cannot be later than today (${day})`);
  if (el.dateRule === 'future' && iso < day) return fail(el, 'DATE_IN_PAST', `不能早于今天（${day}）`, `cannot be earlier than today (${day})`);
  return { ok: true, value: iso };
}

const TRUE_WORDS = new Set(['true', '1', 'yes', 'y', '是']);
const FALSE_WORDS = new Set(['false', '0', 'no', 'n', '否']);
function validateBoolean(el: TDataElement, raw: unknown): ElementResult {
  if (typeof raw === 'boolean') return { ok: true, value: raw };
  const s = typeof raw === 'number' ? String(raw) : typeof raw === 'string' ? foldAscii(raw).trim().toLowerCase() : '';
  if (TRUE_WORDS.has(s)) return { ok: true, value: true };
  if (FALSE_WORDS.has(s)) return { ok: true, value: false };
  return fail(el, 'NOT_YES_OR_NO', '请选择“是”或“否”', 'choose yes or no');
}

function validateEnum(el: TDataElement, raw: unknown): ElementResult {
  const s = typeof raw === 'number' ? String(raw) : typeof raw === 'string' ? foldAlnum(raw).trim() : undefined;
  const options = el.options ?? [];
  // an API client may send the label a person saw (男) instead of the code (1)
  const hit = s === undefined ? undefined : options.find((o) => o.value === s || o.label === s || o.labelEn.toLowerCase() === s.toLowerCase());
  if (hit) return { ok: true, value: hit.value };
  const zh = options.map((o) => o.label).join('、');
  const en = options.map((o) => o.labelEn).join(', ');
  return fail(el, 'NOT_AN_OPTION', `请从以下选项中选择：${zh}`, `choose one of: ${en}`);
}

function validatePhone(el: TDataElement, raw: unknown): ElementResult {
  const s = asText(el, raw);
  if (typeof s !== 'string') return s;
  const phone = normalizeMobilePhone(foldAscii(s));
  if (!phone) return fail(el, 'NOT_A_MOBILE_PHONE', '应为 11 位中国大陆手机号码，如 13812345678', 'expects an 11-digit mainland China mobile number, e.g. 13812345678');
  return checkString(el, phone);
}

function validateEmail(el: TDataElement, raw: unknown): ElementResult {
  const s = asText(el, raw);
  if (typeof s !== 'string') return s;
  const email = foldAscii(s).trim();
  const at = email.lastIndexOf('@');
  if (!/^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/.test(email))
    return fail(el, 'NOT_AN_EMAIL', '格式不正确，应如 name@example.com', 'is not an e-mail address like name@example.com');
  // domains are case-insensitive; the local part is the mailbox owner's business
  return checkString(el, email.slice(0, at) + email.slice(at).toLowerCase());
}

function validateIdNumber(el: TDataElement, raw: unknown, today: Date): ElementResult {
  const s = asText(el, raw);
  if (typeof s !== 'string') return s;
  const compact = foldAscii(s).replace(/\s/g, '');
  const parsed = parseResidentId(compact, chinaDayAsUtc(today));
  if (parsed.ok) return checkString(el, parsed.idNumber);
  switch (parsed.problem) {
    case 'FORMAT':
      return compact.length === 15
        ? fail(el, 'ID_NUMBER_FORMAT', '是 15 位旧号码，请填写居民身份证上的 18 位号码', 'is an old 15-digit number; enter the 18-character number on the ID card')
        : fail(el, 'ID_NUMBER_FORMAT', '应为 18 位：17 位数字加 1 位数字或 X', 'must be 18 characters: 17 digits and a final digit or X');
    case 'DIVISION':
      return fail(el, 'ID_NUMBER_DIVISION', '前 6 位不是有效的行政区划代码，请核对', 'the first 6 digits are not a valid division code; please check them');
    case 'BIRTH_DATE':
      return fail(el, 'ID_NUMBER_BIRTH_DATE', '第 7–14 位不是有效的出生日期，请核对', 'digits 7–14 are not a valid date of birth; please check them');
    case 'CHECK_DIGIT':
      return fail(el, 'ID_NUMBER_CHECK_DIGIT', '校验位不符，可能有数字填错，请对照身份证逐位核对', 'the check character does not match, so a digit is probably wrong; compare it with the card');
  }
}

function validateCreditCode(el: TDataElement, raw: unknown): ElementResult {
  const s = asText(el, raw);
  if (typeof s !== 'string') return s;
  const parsed = parseCreditCode(foldAscii(s).replace(/\s/g, ''));
  if (parsed.ok) return checkString(el, parsed.creditCode);
  return parsed.problem === 'FORMAT'
    ? fail(el, 'CREDIT_CODE_FORMAT', '应为 18 位数字或大写字母（不含 I、O、Z、S、V），请对照营业执照核对', 'must be 18 digits or capital letters (never I, O, Z, S or V); compare it with the business licence')
    : fail(el, 'CREDIT_CODE_CHECK_CHAR', '校验位不符，可能有字符填错，请对照营业执照逐位核对', 'the check character does not match, so a character is probably wrong; compare it with the business licence');
}

function validateDivision(el: TDataElement, raw: unknown): ElementResult {
  const s = asText(el, raw);
  if (typeof s !== 'string') return s;
  const code = foldAscii(s).replace(/\s/g, '');
  if (!/^\d{6}(\d{3})?$/.test(code) || !PROVINCES.has(code.slice(0, 2)) || code.slice(2, 6) === '0000')
    return fail(el, 'DIVISION_CODE_FORMAT', '应为 6 位区县代码或 9 位街道（乡镇）代码，如 430104', 'must be a 6-digit district or 9-digit street code, e.g. 430104');
  // inside Changsha we know every district, so a code there must be one of them
  if (code.startsWith(CHANGSHA_PREFIX) && !isChangshaDivision(code))
    return fail(el, 'DIVISION_NOT_IN_CHANGSHA', '不是长沙市的区县（市）或其下的街道代码，请重新选择', 'is not a district of Changsha or a street in one; please choose again');
  return checkString(el, code);
}

function validateAddress(el: TDataElement, raw: unknown): ElementResult {
  const s = asText(el, raw);
  if (typeof s !== 'string') return s;
  const address = s.replace(/\s+/g, ' ');
  if (charCount(address) < ADDRESS_MIN_LENGTH)
    return fail(el, 'ADDRESS_TOO_SHORT', '过短，请写明区县、街道（乡镇）、门牌号', 'is too short; give the district, street and house number');
  return checkString(el, address);
}

function validateCertificateNo(el: TDataElement, raw: unknown): ElementResult {
  const s = asText(el, raw);
  if (typeof s !== 'string') return s;
  // certificate numbers have no spaces; letters in them are capitals (J430104-…, A123456789)
  return checkString(el, s.replace(/\s/g, '').replace(/[a-z]/g, (c) => c.toUpperCase()));
}

/** Checks and normalises one value. A blank value is EMPTY here; whether it may be blank is the form's business. */
export function validateElementValue(element: TDataElement, raw: unknown, today: Date): ElementResult {
  if (isBlank(raw)) return fail(element, 'EMPTY', '未填写', 'is empty');
  switch (element.type) {
    case 'text':
    case 'longText': {
      const s = asText(element, raw);
      if (typeof s !== 'string') return s;
      // one line for text; long text keeps its lines but in one spelling
      const text = element.type === 'text' ? s.replace(/\s*[\r\n]+\s*/g, ' ') : s.replace(/\r\n?/g, '\n');
      // bank accounts and plates are written in blocks ("6222 0212 3456"): the pattern decides if spaces belong
      const compact = text.replace(/\s/g, '');
      if (element.pattern && !compiled(element.pattern).test(text) && compiled(element.pattern).test(compact)) return checkString(element, compact);
      return checkString(element, text);
    }
    case 'number':
    case 'money':
      return validateNumber(element, raw);
    case 'date':
      return validateDate(element, raw, today);
    case 'boolean':
      return validateBoolean(element, raw);
    case 'enum':
      return validateEnum(element, raw);
    case 'phone':
      return validatePhone(element, raw);
    case 'email':
      return validateEmail(element, raw);
    case 'idNumber':
      return validateIdNumber(element, raw, today);
    case 'creditCode':
      return validateCreditCode(element, raw);
    case 'divisionCode':
      return validateDivision(element, raw);
    case 'address':
      return validateAddress(element, raw);
    case 'certificateNo':
      return validateCertificateNo(element, raw);
  }
}
