import { describe, expect, it } from 'vitest';
import { makeResidentId } from '../../platform/identifiers.ts';
import { checkCrossRules, CROSS_RULES, statutoryRetirementMonths, type CleanValues } from './cross-rules.ts';

const run = (values: CleanValues, today = '2024-06-15') => checkCrossRules(values, new Set(Object.keys(values)), today);
const codes = (values: CleanValues, today?: string) => run(values, today).map((p) => p.code);

describe('cross-field rules', () => {
  it('run only when all their elements are in the form', () => {
    const mother = makeResidentId('430104', '1995-01-01', 2);
    const values = { 'child.birth-date': '1990-01-01', 'mother.id-number': mother };
    expect(codes(values)).toEqual(['CHILD_BORN_BEFORE_PARENT']);
    // the same values, but the form has no mother element: the rule does not run
    expect(checkCrossRules(values, new Set(['child.birth-date']), '2024-06-15')).toEqual([]);
  });

  it('every rule has a distinct code', () => {
    expect(new Set(CROSS_RULES.map((r) => r.code)).size).toBe(CROSS_RULES.length);
  });

  it('a problem names all the elements involved, in both languages', () => {
    const [p] = run({ 'veteran.enlist-date': '2010-09-01', 'veteran.discharge-date': '2008-12-01' });
    expect(p).toMatchObject({ code: 'DATE_ORDER', paths: ['veteran.enlist-date', 'veteran.discharge-date'] });
    expect(p!.zh).toContain('退出现役时间应晚于入伍时间');
    expect(p!.en).toContain('Discharge must come after enlistment');
  });

  it('the applicant\'s stated gender agrees with the ID number', () => {
    const woman = makeResidentId('430104', '1980-01-01', 2);
    expect(codes({ 'applicant.id-number': woman, 'applicant.gender': '1' })).toEqual(['ID_SEX_MISMATCH']);
    expect(codes({ 'applicant.id-number': woman, 'applicant.gender': '2' })).toEqual([]);
  });

  it('no employee under 16, no work before 16', () => {
    const young = makeResidentId('430104', '2009-01-10', 1);
    expect(codes({ 'employee.id-number': young, 'employee.hire-date': '2025-01-09' })).toEqual(['EMPLOYEE_UNDER_16']);
    expect(codes({ 'employee.id-number': young, 'employee.hire-date': '2025-01-10' })).toEqual([]);
    expect(codes({ 'applicant.id-number': young, 'retirement.work-start-date': '2024-01-01' })).toEqual(['WORK_START_UNDER_16']);
  });

  it('death is not before birth, cremation not before death', () => {
    const id = makeResidentId('430104', '1940-03-03', 1);
    expect(codes({ 'deceased.id-number': id, 'deceased.death-date': '1939-01-01', 'deceased.cremation-date': '1938-01-01' })).toEqual(['DATE_BEFORE_BIRTH', 'DATE_ORDER']);
    expect(codes({ 'deceased.id-number': id, 'deceased.death-date': '2024-06-01', 'deceased.cremation-date': '2024-06-01' })).toEqual([]);
  });
});

describe('retirement age', () => {
  it('follows the 2024 gradual raise month by month', () => {
    expect(statutoryRetirementMonths('1964-12-31', 'male', 'worker')).toBe(60 * 12);
    expect(statutoryRetirementMonths('1965-01-01', 'male', 'worker')).toBe(60 * 12 + 1);
    expect(statutoryRetirementMonths('1965-04-30', 'male', 'cadre')).toBe(60 * 12 + 1);
    expect(statutoryRetirementMonths('1965-05-01', 'male', 'worker')).toBe(60 * 12 + 2);
    expect(statutoryRetirementMonths('1976-09-01', 'male', 'worker')).toBe(63 * 12);
    expect(statutoryRetirementMonths('1990-01-01', 'male', 'worker')).toBe(63 * 12);
    expect(statutoryRetirementMonths('1969-12-01', 'female', 'cadre')).toBe(55 * 12);
    expect(statutoryRetirementMonths('1970-01-01', 'female', 'cadre')).toBe(55 * 12 + 1);
    expect(statutoryRetirementMonths('1981-09-01', 'female', 'cadre')).toBe(58 * 12);
    expect(statutoryRetirementMonths('1975-02-01', 'female', 'worker')).toBe(50 * 12 + 1);
    expect(statutoryRetirementMonths('1975-03-01', 'female', 'worker')).toBe(50 * 12 + 2);
    expect(statutoryRetirementMonths('1984-11-01', 'female', 'worker')).toBe(55 * 12);
  });

  const man1966 = makeResidentId('430104', '1966-05-10', 1); // 60 years and 5 months: 2026-10-10
  it('a normal retirement date is not before the statutory age', () => {
    const [p] = run({ 'applicant.id-number': man1966, 'retirement.date': '2026-06-01' });
    expect(p).toMatchObject({ code: 'BELOW_RETIREMENT_AGE', paths: ['retirement.date', 'applicant.id-number'] });
    expect(p!.zh).toContain('2026-10-10');
    expect(p!.zh).toContain('60 周岁5 个月');
    expect(codes({ 'applicant.id-number': man1966, 'retirement.date': '2026-10-10' })).toEqual([]);
  });

  it('a woman worker and a woman cadre retire at different ages', () => {
    const woman = makeResidentId('430104', '1974-03-01', 2); // before the raise: 50 or 55
    expect(codes({ 'applicant.id-number': woman, 'retirement.identity': 'worker', 'retirement.date': '2024-03-01' })).toEqual([]);
    expect(codes({ 'applicant.id-number': woman, 'retirement.identity': 'cadre', 'retirement.date': '2024-03-01' })).toEqual(['BELOW_RETIREMENT_AGE']);
  });

  it('early retirement has its own ages', () => {
    expect(codes({ 'applicant.id-number': man1966, 'retirement.early-reason': 'special-job', 'retirement.date': '2021-05-10' })).toEqual([]);
    expect(codes({ 'applicant.id-number': man1966, 'retirement.early-reason': 'special-job', 'retirement.date': '2021-05-09' })).toEqual(['BELOW_RETIREMENT_AGE']);
    expect(codes({ 'applicant.id-number': man1966, 'retirement.early-reason': 'illness', 'retirement.date': '2016-05-10' })).toEqual([]);
  });

  it('retirement comes after the first job', () => {
    expect(codes({ 'retirement.work-start-date': '2027-01-01', 'retirement.date': '2026-10-10' })).toEqual(['DATE_ORDER']);
  });
});
