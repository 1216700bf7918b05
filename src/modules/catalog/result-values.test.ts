import { describe, expect, it } from 'vitest';
import { makeCreditCode, makeResidentId } from '../../platform/identifiers.ts';
import { parseResultFields, resultFieldDictionary } from './result-fields.ts';
import { checkResultValue, checkResultValues } from './result-values.ts';

const TODAY = new Date('2025-06-10T02:00:00Z');
const dictionary = resultFieldDictionary();
const field = (code: string) => dictionary.get(code)!;
const code = (r: ReturnType<typeof checkResultValue>) => (r.ok ? 'OK' : r.code);

describe('result values against the result field dictionary', () => {
  it('checks an ID number by its check character and birth date, and capitalises its x', () => {
    const id = makeResidentId('430104', '2025-06-01', 12);
    expect(checkResultValue(field('idNumber'), id, TODAY)).toEqual({ ok: true, value: id });
    const x = makeResidentId('430104', '2025-06-01', 3);
    expect(checkResultValue(field('idNumber'), ` ${x.toLowerCase()} `, TODAY)).toEqual({ ok: true, value: x });
    expect(code(checkResultValue(field('idNumber'), '123', TODAY))).toBe('RESULT_FIELD_ID_NUMBER');
    expect(code(checkResultValue(field('idNumber'), id.slice(0, 17) + (id[17] === '1' ? '2' : '1'), TODAY))).toBe('RESULT_FIELD_ID_NUMBER');
    expect(code(checkResultValue(field('idNumber'), makeResidentId('430104', '2025-07-01', 12), TODAY))).toBe('RESULT_FIELD_ID_NUMBER'); // born tomorrow and later
    expect(code(checkResultValue(field('socialInsuranceNo'), '123', TODAY))).toBe('RESULT_FIELD_ID_NUMBER');
  });
  it('checks a credit code by its check character', () => {
    const cc = makeCreditCode('91430100', 'a seed');
    expect(checkResultValue(field('creditCode'), cc.toLowerCase(), TODAY)).toEqual({ ok: true, value: cc });
    expect(code(checkResultValue(field('creditCode'), cc.slice(0, 17) + (cc[17] === '0' ? '1' : '0'), TODAY))).toBe('RESULT_FIELD_CREDIT_CODE');
  });
  it('checks dates, amounts, code tables, patterns and types', () => {
    expect(code(checkResultValue(field('birthDate'), '2025-06-01', TODAY))).toBe('OK');
    expect(code(checkResultValue(field('birthDate'), '2025-02-29', TODAY))).toBe('RESULT_FIELD_DATE');
    expect(code(checkResultValue(field('birthDate'), '2025/06/01', TODAY))).toBe('RESULT_FIELD_DATE');
    expect(checkResultValue(field('approvedAmount'), '1200.50', TODAY)).toEqual({ ok: true, value: 1200.5 });
    expect(code(checkResultValue(field('approvedAmount'), -3, TODAY))).toBe('RESULT_FIELD_MONEY');
    expect(code(checkResultValue(field('approvedAmount'), true, TODAY))).toBe('RESULT_FIELD_TYPE');
    expect(code(checkResultValue(field('gender'), '1', TODAY))).toBe('OK');
    expect(code(checkResultValue(field('gender'), 'male', TODAY))).toBe('RESULT_FIELD_CODE');
    expect(code(checkResultValue(field('unitNo'), field('unitNo').example!, TODAY))).toBe('OK');
    expect(code(checkResultValue(field('unitNo'), '4301', TODAY))).toBe('RESULT_FIELD_CODE');
    expect(code(checkResultValue(field('certificateNo'), 42, TODAY))).toBe('RESULT_FIELD_TYPE');
    expect(code(checkResultValue(field('childName'), '   ', TODAY))).toBe('RESULT_FIELD_EMPTY');
    expect(code(checkResultValue(field('childName'), '张\u0000', TODAY))).toBe('RESULT_FIELD_TYPE');
  });
  it('refuses fields the result does not declare and lists every problem with the field\'s names', () => {
    const r = checkResultValues(dictionary, new Set(['idNumber', 'householdNo']), { idNumber: '123', householdNo: 'H1', wardNo: '3' }, TODAY);
    expect(r).toEqual({
      ok: false,
      problems: [
        expect.objectContaining({ field: 'idNumber', code: 'RESULT_FIELD_ID_NUMBER', name: { zh: '公民身份号码', en: 'Citizen ID number' } }),
        expect.objectContaining({ field: 'wardNo', code: 'RESULT_FIELD_UNKNOWN', name: { zh: 'wardNo', en: 'wardNo' } }),
      ],
    });
  });
  it('a dictionary field with a pattern needs a matching example; a bad pattern is refused', () => {
    expect(() => parseResultFields({ unitNo: { name: '不动产单元号', nameEn: 'Unit number', type: 'code', pattern: '\\d{4}' } })).toThrow();
    expect(() => parseResultFields({ unitNo: { name: '不动产单元号', nameEn: 'Unit number', type: 'code', pattern: '\\d{4}', example: '12' } })).toThrow();
    expect(() => parseResultFields({ unitNo: { name: '不动产单元号', nameEn: 'Unit number', type: 'code', pattern: '(', example: '12' } })).toThrow();
    expect(parseResultFields({ unitNo: { name: '不动产单元号', nameEn: 'Unit number', type: 'code', pattern: '\\d{4}', example: '1234' } }).size).toBe(1);
  });
});
