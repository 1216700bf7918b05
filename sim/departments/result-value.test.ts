// The simulated department's result values are realistic for the field and the matter: valid
// identifiers, certificate numbers in their real formats, names and dates from the sub-case's data.
import { describe, expect, it } from 'vitest';
import { isValidCreditCode, isValidResidentId, makeResidentId } from '../../src/platform/identifiers.ts';
import { resultValue } from './department.ts';

const now = new Date('2025-06-10T20:00:00Z'); // already the 11th in China
const rec = (matterCode: string, data: Record<string, unknown> = {}, unitCode = 'city-natural-resources') => ({ id: 's1', matterCode, unitCode, data });

describe('simulated result values', () => {
  it('give certificate numbers in the format of the certificate', () => {
    expect(resultValue({ code: 'certificateNo', type: 'certificateNo' }, rec('real-estate-registration'), now)).toMatch(/^湘\(2025\)长沙市不动产权第\d{7}号$/);
    expect(resultValue({ code: 'certificateNo', type: 'certificateNo' }, rec('birth-medical-certificate'), now)).toMatch(/^[A-Z]\d{9}$/);
    expect(resultValue({ code: 'licenceNo', type: 'certificateNo' }, rec('food-business-licence', { 'enterprise.credit-code': '91430102MA4L1W3A7F' }), now)).toMatch(/^JY2430102\d{7}$/);
    expect(resultValue({ code: 'unitNo', type: 'code' }, rec('real-estate-registration'), now)).toMatch(/^\d{12}[A-Z]{2}\d{5}[A-Z]\d{8}$/);
    const id = makeResidentId('430102', '1990-03-07', 131);
    const disability = resultValue({ code: 'certificateNo', type: 'certificateNo' }, rec('disability-certificate', { 'applicant.id-number': id, 'disability.category': '2', 'disability.level': '3' }), now);
    expect(disability).toBe(`${id}23`); // 残疾人证号: the ID number, the category and the level
    expect(resultValue({ code: 'approvalNo', type: 'certificateNo' }, rec('tender-application-approval', {}, 'city-development-reform'), now)).toMatch(/^长发改审〔2025〕\d+号$/);
  });
  it('give valid identifiers: a new ID number for a newborn, the enterprise\'s own credit code on a change', () => {
    const child = String(resultValue({ code: 'idNumber', type: 'code' }, rec('household-registration', { 'child.birth-date': '2025-06-01', 'child.gender': '2', 'applicant.id-number': makeResidentId('430103', '1945-06-18', 48) }), now));
    expect(isValidResidentId(child)).toBe(true);
    expect(child.slice(0, 14)).toBe('43010320250601');
    expect(Number(child[16]) % 2).toBe(0); // female
    const fresh = String(resultValue({ code: 'creditCode', type: 'code' }, rec('enterprise-establishment-registration'), now));
    expect(isValidCreditCode(fresh)).toBe(true);
    expect(resultValue({ code: 'creditCode', type: 'code' }, rec('enterprise-change-registration', { 'enterprise.credit-code': '91430102MA4L1W3A7F' }), now)).toBe('91430102MA4L1W3A7F');
  });
  it('take names and dates from the data, and are stable per sub-case', () => {
    expect(resultValue({ code: 'childName', type: 'text' }, rec('birth-medical-certificate', { 'child.name': '张小禾' }), now)).toBe('张小禾');
    expect(resultValue({ code: 'registrationDate', type: 'date' }, rec('marriage-registration'), now)).toBe('2025-06-11');
    expect(resultValue({ code: 'loanAmount', type: 'money' }, rec('financing-matchmaking'), now)).toEqual(expect.any(Number));
    expect(resultValue({ code: 'permitNo' }, rec('construction-work-permit'), now)).toBe(resultValue({ code: 'permitNo' }, rec('construction-work-permit'), now));
    expect(String(resultValue({ code: 'verificationNo', type: 'certificateNo' }, rec('planning-land-verification'), now))).not.toMatch(/模拟|SIM/);
  });
});
