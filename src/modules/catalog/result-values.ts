// The values of a result (办理结果) checked against the result field dictionary before they are
// recorded and passed on to dependent matters: the type of each field, the check character of an ID
// number or credit code, a real calendar date, an amount in yuan, a code table's value. Pure; the
// cases module turns the problems into one 422 (officer and department system alike).
import { parseCreditCode, parseResidentId } from '../../platform/identifiers.ts';
import type { ResultFieldDictionary, TResultField } from './result-fields.ts';

export type ResultValue = string | number | boolean;

export type ResultValueProblemCode =
  | 'RESULT_FIELD_UNKNOWN' // not a field this matter's result declares
  | 'RESULT_FIELD_TYPE' // a number or true/false where words are expected, or the reverse
  | 'RESULT_FIELD_EMPTY'
  | 'RESULT_FIELD_TOO_LONG'
  | 'RESULT_FIELD_DATE'
  | 'RESULT_FIELD_MONEY'
  | 'RESULT_FIELD_ID_NUMBER'
  | 'RESULT_FIELD_CREDIT_CODE'
  | 'RESULT_FIELD_CODE';

export interface ResultValueProblem {
  field: string;
  code: ResultValueProblemCode;
  /** the field's name from the dictionary (the code itself where the dictionary lacks it) */
  name: { zh: string; en: string };
  zh: string;
  en: string;
}

const MAX_TEXT = 500;
const MAX_NUMBER = 100;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONEY_RE = /^\d{1,13}(\.\d{1,2})?$/;
const DEFAULT_CODE_RE = /^[0-9A-Za-z][0-9A-Za-z.-]{0,39}$/;
// printable text: no control characters
// eslint-disable-next-line no-control-regex
const CONTROL_RE = /[\u0000-\u001f\u007f]/;

function isRealDay(s: string): boolean {
  const m = DATE_RE.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const dt = new Date(Date.UTC(y, mo - 1, d));
  return y >= 1900 && y <= 2200 && dt.getUTCFullYear() === y && dt.getUTCMonth() === mo - 1 && dt.getUTCDate() === d;
}

type Check = { ok: true; value: ResultValue } | { ok: false; code: ResultValueProblemCode; zh: string; en: string };
const bad = (code: ResultValueProblemCode, zh: string, en: string): Check => ({ ok: false, code, zh, en });

/** One value against its field's definition; gives the normalised value (trimmed, ID check letter in capitals). */
export function checkResultValue(field: TResultField, value: ResultValue, today: Date): Check {
  if (field.type === 'money') {
    const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : null;
    if (text === null) return bad('RESULT_FIELD_TYPE', '应为金额（元）', 'must be an amount in yuan');
    if (!MONEY_RE.test(text) || !Number.isFinite(Number(text))) return bad('RESULT_FIELD_MONEY', '应为不小于 0、至多两位小数的金额（元）', 'must be an amount in yuan, at least 0, with at most two decimals');
    return { ok: true, value: Number(text) };
  }
  if (typeof value !== 'string') return bad('RESULT_FIELD_TYPE', '应为文字', 'must be text');
  const text = value.trim();
  if (text === '') return bad('RESULT_FIELD_EMPTY', '不能为空', 'must not be empty');
  if (CONTROL_RE.test(text)) return bad('RESULT_FIELD_TYPE', '含有不可见的控制字符', 'contains control characters');
  switch (field.type) {
    case 'text':
      return text.length > MAX_TEXT ? bad('RESULT_FIELD_TOO_LONG', `不能超过 ${MAX_TEXT} 个字`, `must be at most ${MAX_TEXT} characters`) : { ok: true, value: text };
    case 'certificateNo':
      return text.length > MAX_NUMBER ? bad('RESULT_FIELD_TOO_LONG', `不能超过 ${MAX_NUMBER} 个字符`, `must be at most ${MAX_NUMBER} characters`) : { ok: true, value: text };
    case 'date':
      return isRealDay(text) ? { ok: true, value: text } : bad('RESULT_FIELD_DATE', '应为真实的日期，格式如 2025-06-01', 'must be a real date such as 2025-06-01');
    case 'code': {
      if (field.format === 'residentId') {
        const id = parseResidentId(text, today);
        return id.ok ? { ok: true, value: id.idNumber } : bad('RESULT_FIELD_ID_NUMBER', '不是有效的 18 位公民身份号码（请核对出生日期和校验码）', 'is not a valid 18-character resident ID number (check the birth date and the check character)');
      }
      if (field.format === 'creditCode') {
        const cc = parseCreditCode(text);
        return cc.ok ? { ok: true, value: cc.creditCode } : bad('RESULT_FIELD_CREDIT_CODE', '不是有效的 18 位统一社会信用代码（请核对校验码）', 'is not a valid 18-character unified social credit code (check the check character)');
      }
      if (field.values) return field.values.includes(text) ? { ok: true, value: text } : bad('RESULT_FIELD_CODE', `应为以下代码之一：${field.values.join('、')}`, `must be one of: ${field.values.join(', ')}`);
      if (field.pattern) return new RegExp(`^(?:${field.pattern})$`, 'u').test(text) ? { ok: true, value: text } : bad('RESULT_FIELD_CODE', '不符合该代码的国家标准格式', "does not have the national standard's form");
      return DEFAULT_CODE_RE.test(text) ? { ok: true, value: text } : bad('RESULT_FIELD_CODE', '应为字母和数字组成的代码', 'must be a code of letters and digits');
    }
  }
}

/**
 * Every value of a result: only the fields `declared` (the matter's result fields and those its
 * dependents wait for), each valid for its definition. Gives the normalised values or every problem.
 */
export function checkResultValues(
  dictionary: ResultFieldDictionary,
  declared: ReadonlySet<string>,
  fields: Readonly<Record<string, ResultValue>>,
  today: Date,
): { ok: true; values: Record<string, ResultValue> } | { ok: false; problems: ResultValueProblem[] } {
  const values: Record<string, ResultValue> = {};
  const problems: ResultValueProblem[] = [];
  for (const [code, value] of Object.entries(fields)) {
    const field = dictionary.get(code);
    const name = field ? { zh: field.name, en: field.nameEn } : { zh: code, en: code };
    if (!declared.has(code) || !field) {
      problems.push({ field: code, code: 'RESULT_FIELD_UNKNOWN', name, zh: '不是本事项办理结果的字段', en: "is not a field of this matter's result" });
      continue;
    }
    const r = checkResultValue(field, value, today);
    if (r.ok) values[code] = r.value;
    else problems.push({ field: code, code: r.code, name, zh: r.zh, en: r.en });
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, values };
}
