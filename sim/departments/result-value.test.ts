// The simulated department's result values follow the field type Yijian's envelope gives; only a
// field without a type it knows is guessed from its code's spelling.
import { describe, expect, it } from 'vitest';
import { isValidCreditCode, isValidResidentId } from '../../src/platform/identifiers.ts';
import { resultValue } from './department.ts';

const now = new Date('2025-06-10T20:00:00Z'); // already the 11th in China

describe('simulated result values', () => {
  it('follow the envelope type', () => {
    expect(resultValue({ code: 'validTo', type: 'date' }, 's1', now)).toBe('2025-06-11');
    expect(resultValue({ code: 'certificateNo', type: 'certificateNo' }, 's1', now)).toMatch(/^SIM\d{10}$/);
    expect(resultValue({ code: 'creditCode', type: 'code' }, 's1', now)).toMatch(/^\d{18}$/);
    // a code as the envelope says Yijian checks it: with a valid check character, from its table, like its example
    expect(isValidCreditCode(String(resultValue({ code: 'creditCode', type: 'code', format: 'creditCode' }, 's1', now)))).toBe(true);
    expect(isValidResidentId(String(resultValue({ code: 'idNumber', type: 'code', format: 'residentId' }, 's1', now)))).toBe(true);
    expect(['1', '2']).toContain(resultValue({ code: 'gender', type: 'code', values: ['1', '2'] }, 's1', now));
    expect(resultValue({ code: 'unitNo', type: 'code', example: '430102001001GB00001F00010001' }, 's1', now)).toBe('430102001001GB00001F00010001');
    expect(resultValue({ code: 'loanAmount', type: 'money' }, 's1', now)).toEqual(expect.any(Number));
    // the type wins over the spelling: a text field whose code ends in "No" is still text
    expect(resultValue({ code: 'verificationNo', type: 'text' }, 's1', now)).toMatch(/^模拟-verificationNo-/);
  });
  it('are guessed from the code without a known type, and are stable per sub-case', () => {
    expect(resultValue({ code: 'issueDate' }, 's1', now)).toBe('2025-06-11');
    expect(resultValue({ code: 'permitNo', type: 'string' }, 's1', now)).toMatch(/^SIM\d{10}$/);
    expect(resultValue({ code: 'permitNo' }, 's1', now)).toBe(resultValue({ code: 'permitNo' }, 's1', now));
  });
});
