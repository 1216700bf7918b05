import { describe, expect, it } from 'vitest';
import {
  changshaDistrictOf,
  creditCodeCheckChar,
  isChangshaDivision,
  isMobilePhone,
  isValidCreditCode,
  isValidResidentId,
  makeCreditCode,
  makeResidentId,
  normalizeMobilePhone,
  parseCreditCode,
  parseResidentId,
  residentIdCheckChar,
} from './identifiers.ts';

describe('resident ID number (GB 11643)', () => {
  it('accepts the standard example and known-valid numbers', () => {
    expect(isValidResidentId('11010519491231002X')).toBe(true);
    expect(isValidResidentId('11010519491231002x')).toBe(true); // typed lower case
    expect(isValidResidentId('440524188001010014')).toBe(true); // example from GB 11643 itself
    expect(parseResidentId('11010519491231002X')).toEqual({
      ok: true, idNumber: '11010519491231002X', divisionCode: '110105', birthDate: '1949-12-31', sex: 'female',
    });
  });

  it('computes the MOD 11-2 check character', () => {
    expect(residentIdCheckChar('11010519491231002')).toBe('X');
    expect(residentIdCheckChar('44052418800101001')).toBe('4');
  });

  it('names the problem', () => {
    expect(parseResidentId('1101051949123100')).toEqual({ ok: false, problem: 'FORMAT' });
    expect(parseResidentId('11010519491231002Y')).toEqual({ ok: false, problem: 'FORMAT' });
    expect(parseResidentId('110105194912310021')).toEqual({ ok: false, problem: 'CHECK_DIGIT' });
    expect(parseResidentId('990105194912310021')).toEqual({ ok: false, problem: 'DIVISION' });
    expect(parseResidentId('430000194912310021')).toEqual({ ok: false, problem: 'DIVISION' });
    expect(parseResidentId(makeResidentId('430102', '2000-01-01', 1).replace('20000101', '20000230'))).toEqual({ ok: false, problem: 'BIRTH_DATE' });
  });

  it('rejects a birth date in the future', () => {
    const id = makeResidentId('430102', '2030-06-01', 12);
    expect(parseResidentId(id, new Date('2025-01-01T00:00:00Z'))).toEqual({ ok: false, problem: 'BIRTH_DATE' });
    expect(parseResidentId(id, new Date('2031-01-01T00:00:00Z')).ok).toBe(true);
  });

  it('makes valid numbers with the sex in the order digit', () => {
    const male = makeResidentId('430104', '1990-03-07', 123);
    expect(male.slice(0, 17)).toBe('43010419900307123');
    expect(parseResidentId(male)).toMatchObject({ ok: true, sex: 'male', birthDate: '1990-03-07', divisionCode: '430104' });
    expect(parseResidentId(makeResidentId('430105', new Date('1945-08-15T00:00:00Z'), 42))).toMatchObject({ ok: true, sex: 'female' });
    for (let seq = 0; seq < 1000; seq += 37) expect(isValidResidentId(makeResidentId('430181', '19880229', seq))).toBe(true);
  });

  it('refuses to make an impossible number', () => {
    expect(() => makeResidentId('43010', '1990-01-01', 1)).toThrow();
    expect(() => makeResidentId('430102', '1990-02-30', 1)).toThrow();
    expect(() => makeResidentId('430102', '1990-01-01', 1000)).toThrow();
  });
});

describe('unified social credit code (GB 32100)', () => {
  it('accepts known-valid codes', () => {
    expect(isValidCreditCode('91350100M000100Y43')).toBe(true);
    expect(isValidCreditCode('91350100m000100y43')).toBe(true);
    expect(parseCreditCode('91350100M000100Y43')).toEqual({
      ok: true, creditCode: '91350100M000100Y43', registrationAuthority: '9', orgType: '1', divisionCode: '350100', orgCode: 'M000100Y4',
    });
  });

  it('computes the MOD 31 check character', () => {
    expect(creditCodeCheckChar('91350100M000100Y4')).toBe('3');
  });

  it('names the problem', () => {
    expect(parseCreditCode('91350100M000100Y44')).toEqual({ ok: false, problem: 'CHECK_CHAR' });
    expect(parseCreditCode('91350100M000100I43')).toEqual({ ok: false, problem: 'FORMAT' }); // I is not in the alphabet
    expect(parseCreditCode('913501A0M000100Y43')).toEqual({ ok: false, problem: 'FORMAT' }); // division must be digits
    expect(parseCreditCode('91350100M000100Y4')).toEqual({ ok: false, problem: 'FORMAT' });
  });

  it('makes valid codes: random, from bytes, from a prefix and a seed', () => {
    const random = makeCreditCode();
    expect(random.startsWith('91430100')).toBe(true);
    expect(isValidCreditCode(random)).toBe(true);
    const bytes = new Uint8Array(32).map((_, i) => i * 7);
    expect(makeCreditCode(bytes)).toBe(makeCreditCode(bytes));
    expect(isValidCreditCode(makeCreditCode(bytes))).toBe(true);
    const unit = makeCreditCode('11430102', 'furong-government');
    expect(unit).toBe(makeCreditCode('11430102', 'furong-government'));
    expect(unit.startsWith('11430102')).toBe(true);
    expect(isValidCreditCode(unit)).toBe(true);
    expect(makeCreditCode('91430102MA4L', 'x').startsWith('91430102MA4L')).toBe(true);
    for (let i = 0; i < 200; i++) expect(isValidCreditCode(makeCreditCode())).toBe(true);
  });

  it('embeds a GB 11714 organisation code whose own check holds', () => {
    // M000100Y → check 4, as in the published example
    const code = makeCreditCode('91350100M000100Y');
    expect(code).toBe('91350100M000100Y43');
  });

  it('refuses a malformed prefix', () => {
    expect(() => makeCreditCode('9143')).toThrow();
    expect(() => makeCreditCode('91A30100')).toThrow();
    expect(() => makeCreditCode('9143010O')).toThrow();
  });
});

describe('mobile phone', () => {
  it('accepts mainland mobile numbers, with or without +86 and separators', () => {
    expect(isMobilePhone('13800138000')).toBe(true);
    expect(isMobilePhone('199-0731-0000')).toBe(true);
    expect(normalizeMobilePhone('+86 138 0013 8000')).toBe('13800138000');
    expect(normalizeMobilePhone('008613800138000')).toBe('13800138000');
  });

  it('rejects landlines and malformed numbers', () => {
    expect(isMobilePhone('0731-88888888')).toBe(false);
    expect(isMobilePhone('12800138000')).toBe(false);
    expect(isMobilePhone('1380013800')).toBe(false);
    expect(isMobilePhone('138001380001')).toBe(false);
  });
});

describe('Changsha divisions', () => {
  it('knows the city, its districts, streets and communities', () => {
    expect(isChangshaDivision('430100')).toBe(true);
    expect(isChangshaDivision('430102')).toBe(true);
    expect(isChangshaDivision('430102001')).toBe(true);
    expect(isChangshaDivision('430182001002')).toBe(true);
    expect(changshaDistrictOf('430104010')).toBe('430104');
  });

  it('rejects other places and malformed codes', () => {
    expect(isChangshaDivision('430000')).toBe(false);
    expect(isChangshaDivision('430202')).toBe(false); // Zhuzhou
    expect(isChangshaDivision('430106')).toBe(false);
    expect(isChangshaDivision('4301020')).toBe(false);
    expect(changshaDistrictOf('430100')).toBeUndefined();
  });
});
