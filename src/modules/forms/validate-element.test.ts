import { describe, expect, it } from 'vitest';
import { ZDataElement, type TDataElement } from '../catalog/index.ts';
import { makeCreditCode, makeResidentId, residentIdCheckChar } from '../../platform/identifiers.ts';
import { validateElementValue } from './validate-element.ts';

// 10:00 in Changsha on 2024-06-15 is 02:00 UTC
const TODAY = new Date('2024-06-15T02:00:00Z');

const el = (over: Partial<TDataElement> & Pick<TDataElement, 'type'>): TDataElement =>
  ZDataElement.parse({ code: 'x.field', name: '字段', nameEn: 'Field', ...over });

function ok(e: TDataElement, raw: unknown) {
  const r = validateElementValue(e, raw, TODAY);
  if (!r.ok) throw new Error(`expected ${JSON.stringify(raw)} to pass, got ${r.problem.code}: ${r.problem.en}`);
  return r.value;
}
function problem(e: TDataElement, raw: unknown) {
  const r = validateElementValue(e, raw, TODAY);
  if (r.ok) throw new Error(`expected ${JSON.stringify(raw)} to fail, got ${JSON.stringify(r.value)}`);
  return r.problem.code;
}

const ID = makeResidentId('430104', '1990-03-07', 123); // odd sequence: a man
const wrongCheck = (id: string) => id.slice(0, 17) + (id[17] === '0' ? '1' : '0');

describe('every element type', () => {
  it.each<[string, TDataElement, unknown, unknown]>([
    ['text: trimmed, full-width digits folded, one line', el({ type: 'text', maxLength: 20 }), '  张三\n丰 １２３ ', '张三 丰 123'],
    ['longText keeps its lines', el({ type: 'longText' }), 'a\r\nb', 'a\nb'],
    ['text with a pattern', el({ type: 'text', pattern: '^\\d{12,19}$' }), '６２２２０２１２３４５６７８９０', '6222021234567890'],
    ['text in blocks that its pattern wants compact', el({ type: 'text', pattern: '^\\d{12,19}$' }), '6222 0212 3456 7890', '6222021234567890'],
    ['text keeps spaces its pattern allows', el({ type: 'text', pattern: '^[A-Za-z ]+$' }), 'Li  Ming', 'Li  Ming'],
    ['number from a string with separators', el({ type: 'number', min: 300, max: 8000 }), '3,250', 3250],
    ['number as a number', el({ type: 'number' }), 12.5, 12.5],
    ['money', el({ type: 'money' }), '１０００.５', 1000.5],
    ['date', el({ type: 'date', dateRule: 'past' }), '2024-06-15', '2024-06-15'],
    ['date written the Chinese way', el({ type: 'date' }), '2023年5月1日', '2023-05-01'],
    ['date with slashes', el({ type: 'date', dateRule: 'future' }), '2024/6/15', '2024-06-15'],
    ['boolean', el({ type: 'boolean' }), '是', true],
    ['boolean false', el({ type: 'boolean' }), false, false],
    ['enum by value', el({ type: 'enum', options: [{ value: '1', label: '男', labelEn: 'Male' }, { value: '2', label: '女', labelEn: 'Female' }] }), 2, '2'],
    ['enum by label', el({ type: 'enum', options: [{ value: '1', label: '男', labelEn: 'Male' }] }), '男', '1'],
    ['phone with +86 and spaces', el({ type: 'phone' }), '+86 138 1234 5678', '13812345678'],
    ['phone in full-width', el({ type: 'phone' }), '１３８１２３４５６７８', '13812345678'],
    ['email: domain lower-cased, full-width @', el({ type: 'email' }), ' Zhang.San＠Example.COM ', 'Zhang.San@example.com'],
    ['idNumber with lower-case x and spaces', el({ type: 'idNumber' }), ` ${makeResidentId('430104', '1985-01-01', 2).slice(0, 17)}${residentIdCheckChar(makeResidentId('430104', '1985-01-01', 2).slice(0, 17)).toLowerCase()} `, makeResidentId('430104', '1985-01-01', 2)],
    ['idNumber', el({ type: 'idNumber' }), ID, ID],
    ['creditCode in lower case', el({ type: 'creditCode' }), makeCreditCode('91430104', 'seed').toLowerCase(), makeCreditCode('91430104', 'seed')],
    ['divisionCode: Changsha district', el({ type: 'divisionCode' }), '430104', '430104'],
    ['divisionCode: Changsha street', el({ type: 'divisionCode' }), '430104007', '430104007'],
    ['divisionCode: the city', el({ type: 'divisionCode' }), '430100', '430100'],
    ['divisionCode elsewhere', el({ type: 'divisionCode' }), '440305', '440305'],
    ['address: whitespace collapsed', el({ type: 'address', maxLength: 200 }), '湖南省长沙市  岳麓区麓山南路2号', '湖南省长沙市 岳麓区麓山南路2号'],
    ['certificateNo: spaces out, capitals', el({ type: 'certificateNo', pattern: '^[A-Z]\\d{9}$' }), 'p 123456789', 'P123456789'],
    ['certificateNo keeps full-width brackets', el({ type: 'certificateNo', maxLength: 40 }), '湘（2019）长沙市不动产权第０１２３４５６号', '湘（2019）长沙市不动产权第0123456号'],
  ])('%s', (_name, e, raw, expected) => {
    expect(ok(e, raw)).toEqual(expected);
  });

  it.each<[string, TDataElement, unknown, string]>([
    ['blank', el({ type: 'text' }), '   ', 'EMPTY'],
    ['null', el({ type: 'number' }), null, 'EMPTY'],
    ['text that is not a string', el({ type: 'text' }), 12, 'NOT_TEXT'],
    ['text too long, counted in characters', el({ type: 'text', maxLength: 3 }), '长沙市岳麓区', 'TOO_LONG'],
    ['text over the default guard', el({ type: 'text' }), 'a'.repeat(201), 'TOO_LONG'],
    ['text against its pattern', el({ type: 'text', pattern: '^\\d{12,19}$' }), '6222-0212', 'PATTERN_MISMATCH'],
    ['number that is not one', el({ type: 'number' }), '12kg', 'NOT_A_NUMBER'],
    ['number that is infinite', el({ type: 'number' }), Infinity, 'NOT_A_NUMBER'],
    ['number below min', el({ type: 'number', min: 300 }), 299, 'BELOW_MIN'],
    ['number above max', el({ type: 'number', max: 8000 }), '8001', 'ABOVE_MAX'],
    ['negative money', el({ type: 'money' }), -1, 'BELOW_MIN'],
    ['date that does not exist', el({ type: 'date' }), '2023-02-29', 'NOT_A_DATE'],
    ['date in another format', el({ type: 'date' }), '15/06/2024', 'NOT_A_DATE'],
    ['date as a number', el({ type: 'date' }), 20240615, 'NOT_A_DATE'],
    ['date with an impossible year', el({ type: 'date' }), '0202-01-01', 'DATE_OUT_OF_RANGE'],
    ['past date tomorrow', el({ type: 'date', dateRule: 'past' }), '2024-06-16', 'DATE_IN_FUTURE'],
    ['future date yesterday', el({ type: 'date', dateRule: 'future' }), '2024-06-14', 'DATE_IN_PAST'],
    ['boolean that is neither', el({ type: 'boolean' }), 'maybe', 'NOT_YES_OR_NO'],
    ['enum value not offered', el({ type: 'enum', options: [{ value: '1', label: '男', labelEn: 'Male' }] }), '3', 'NOT_AN_OPTION'],
    ['landline for a mobile', el({ type: 'phone' }), '0731-88886666', 'NOT_A_MOBILE_PHONE'],
    ['mobile too short', el({ type: 'phone' }), '1381234567', 'NOT_A_MOBILE_PHONE'],
    ['email without a domain', el({ type: 'email' }), 'zhangsan@', 'NOT_AN_EMAIL'],
    ['email with a space', el({ type: 'email' }), 'zhang san@example.com', 'NOT_AN_EMAIL'],
    ['idNumber with a wrong check digit', el({ type: 'idNumber' }), wrongCheck(ID), 'ID_NUMBER_CHECK_DIGIT'],
    ['idNumber of 15 digits', el({ type: 'idNumber' }), '430104900307123', 'ID_NUMBER_FORMAT'],
    ['idNumber with a letter inside', el({ type: 'idNumber' }), `4301041990A307123${ID[17]}`, 'ID_NUMBER_FORMAT'],
    ['idNumber with an unreal birth date', el({ type: 'idNumber' }), (() => { const b = '43010419900230123'; return b + residentIdCheckChar(b); })(), 'ID_NUMBER_BIRTH_DATE'],
    ['idNumber born tomorrow (China day)', el({ type: 'idNumber' }), (() => { const b = '43010420240616123'; return b + residentIdCheckChar(b); })(), 'ID_NUMBER_BIRTH_DATE'],
    ['idNumber with an unknown province', el({ type: 'idNumber' }), (() => { const b = '99010419900307123'; return b + residentIdCheckChar(b); })(), 'ID_NUMBER_DIVISION'],
    ['creditCode with a letter GB 32100 leaves out', el({ type: 'creditCode' }), '91430104MA4LOOOOOX', 'CREDIT_CODE_FORMAT'],
    ['creditCode with a wrong check character', el({ type: 'creditCode' }), (() => { const c = makeCreditCode('91430104', 'seed'); return c.slice(0, 17) + (c[17] === '0' ? '1' : '0'); })(), 'CREDIT_CODE_CHECK_CHAR'],
    ['divisionCode of 5 digits', el({ type: 'divisionCode' }), '43010', 'DIVISION_CODE_FORMAT'],
    ['divisionCode of a province', el({ type: 'divisionCode' }), '430000', 'DIVISION_CODE_FORMAT'],
    ['divisionCode of no province', el({ type: 'divisionCode' }), '990101', 'DIVISION_CODE_FORMAT'],
    ['divisionCode in Changsha that is no district', el({ type: 'divisionCode' }), '430199', 'DIVISION_NOT_IN_CHANGSHA'],
    ['divisionCode, street of no Changsha district', el({ type: 'divisionCode' }), '430100001', 'DIVISION_NOT_IN_CHANGSHA'],
    ['divisionCode restricted to Changsha by a pattern', el({ type: 'divisionCode', pattern: '^4301' }), '440305', 'PATTERN_MISMATCH'],
    ['address too short', el({ type: 'address' }), '岳麓区', 'ADDRESS_TOO_SHORT'],
    ['address too long', el({ type: 'address', maxLength: 10 }), '湖南省长沙市岳麓区麓山南路2号', 'TOO_LONG'],
    ['certificateNo against its pattern', el({ type: 'certificateNo', pattern: '^[A-Z]\\d{9}$' }), 'P12345678', 'PATTERN_MISMATCH'],
  ])('%s', (_name, e, raw, code) => {
    expect(problem(e, raw)).toBe(code);
  });
});

describe('invisible characters', () => {
  it.each<[string, string]>([
    ['a right-to-left override in a name', '张\u202E三'],
    ['a directional isolate', '\u2067张三\u2069'],
    ['a zero-width space between two characters', '张\u200B三'],
    ['a byte-order mark', '\uFEFF张三'],
    ['a control character', '张三\u0007'],
    ['a C1 control character', '张三\u0085'],
  ])('refuses %s in names and addresses', (_what, raw) => {
    expect(problem(el({ type: 'text' }), raw)).toBe('INVISIBLE_CHARACTER');
    expect(problem(el({ type: 'address' }), `湖南省长沙市${raw}路 1 号`)).toBe('INVISIBLE_CHARACTER');
  });

  it('keeps what people really type: line breaks in long text, a tab, emoji and rare characters', () => {
    expect(ok(el({ type: 'longText' }), '第一行\n第二行\t附注')).toBe('第一行\n第二行\t附注');
    expect(ok(el({ type: 'text' }), '𠮷野家 😀')).toBe('𠮷野家 😀');
  });
});

describe('messages', () => {
  it('name the element in both languages and say what to fix', () => {
    const r = validateElementValue(el({ type: 'date', name: '出生日期', nameEn: "Child's date of birth", dateRule: 'past' }), '2024-07-01', TODAY);
    expect(r).toEqual({
      ok: false,
      problem: { code: 'DATE_IN_FUTURE', zh: '“出生日期”不能晚于今天（2024-06-15）', en: "Child's date of birth: cannot be later than today (2024-06-15)" },
    });
  });
  it('a pattern problem carries the catalog hint', () => {
    const r = validateElementValue(el({ type: 'certificateNo', pattern: '^[A-Z]\\d{9}$', hint: '1位字母加9位数字', hintEn: 'One letter and 9 digits' }), '123', TODAY);
    expect(!r.ok && r.problem.zh).toContain('1位字母加9位数字');
    expect(!r.ok && r.problem.en).toContain('One letter and 9 digits');
  });
  it('"today" is the day in China, not in UTC', () => {
    // 2024-06-15 23:30 UTC is already 2024-06-16 07:30 in Changsha
    const lateUtc = new Date('2024-06-15T23:30:00Z');
    expect(validateElementValue(el({ type: 'date', dateRule: 'past' }), '2024-06-16', lateUtc).ok).toBe(true);
  });
});
