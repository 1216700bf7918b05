import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findRootDir } from '../../config.ts';
import { readCatalogDir } from '../catalog/index.ts';
import { everything, mergeFields, resolveGuidance } from '../guidance/index.ts';
import { makeResidentId } from '../../platform/identifiers.ts';
import { AppError } from '../../platform/errors.ts';
import { buildThemeForm, formInvalid, prefillForm, sliceForMatter, validateForm, type ThemeForm } from './build-form.ts';
import { CROSS_RULES } from './cross-rules.ts';

const { catalog } = readCatalogDir(path.join(findRootDir(), 'catalog'));
const matters = new Map(catalog.matters.map((m) => [m.code, m]));
const elements = new Map(catalog.elements.map((e) => [e.code, e]));
const bundleOf = (code: string) => ({ theme: catalog.themes.find((t) => t.code === code)!, version: 1, matters, unitNames: new Map() });
const formOf = (code: string, sel?: { matters: string[]; materials: Set<string> }) => {
  const b = bundleOf(code);
  return buildThemeForm(b, sel ?? everything(b.theme), elements);
};
const el = (form: ThemeForm, code: string) => form.elements.find((e) => e.code === code);

const TODAY = new Date('2024-06-15T02:00:00Z');
const MOTHER = makeResidentId('430104', '1994-08-20', 124); // even: a woman
const FATHER = makeResidentId('430105', '1992-02-11', 131);

describe('the one form of a theme', () => {
  const newborn = formOf('newborn');

  it('asks each element once, fewer than the matters ask on their own', () => {
    const codes = newborn.elements.map((e) => e.code);
    expect(new Set(codes).size).toBe(codes.length);
    const perMatter = everything(bundleOf('newborn').theme).matters.reduce((n, mc) => n + matters.get(mc)!.fields.length, 0);
    expect(codes.length).toBeLessThan(perMatter);
    expect(codes.length).toBe(mergeFields(bundleOf('newborn'), everything(bundleOf('newborn').theme)).length);
  });

  it('lists the matters that use each element and is required if any of them requires it', () => {
    expect(el(newborn, 'child.name')!.matters).toContain('household-registration');
    expect(el(newborn, 'child.name')!.matters).toContain('birth-medical-certificate');
    // optional for medical insurance, required for household registration
    expect(el(newborn, 'child.birth-certificate-no')).toMatchObject({ required: true });
    expect(el(newborn, 'child.gestational-weeks')).toMatchObject({ required: false, matters: ['birth-medical-certificate'] });
  });

  it('does not ask for what an earlier matter of the theme produces', () => {
    expect(el(newborn, 'child.birth-certificate-no')!.producedBy).toBe('birth-medical-certificate');
    expect(el(newborn, 'child.id-number')!.producedBy).toBe('household-registration');
    expect(el(newborn, 'child.name')!.producedBy).toBeUndefined(); // the birth certificate asks for it
  });

  it('groups elements by whom they are about, the applicant first', () => {
    expect(newborn.groups.map((g) => g.code).slice(0, 4)).toEqual(['applicant', 'child', 'mother', 'father']);
    expect(newborn.groups.find((g) => g.code === 'mother')!.name).toEqual({ zh: '母亲', en: 'Mother' });
    expect(newborn.elements.map((e) => e.code)).toEqual(newborn.groups.flatMap((g) => g.elements));
  });

  it('follows guidance: fewer matters, fewer elements', () => {
    const b = bundleOf('newborn');
    const r = resolveGuidance(b.theme, { 'parents-household': ['neither'] });
    const small = buildThemeForm(b, r, elements);
    expect(small.matters.map((m) => m.code)).toEqual(['birth-medical-certificate']);
    expect(el(small, 'child.birth-certificate-no')).toBeUndefined();
    expect(small.elements.length).toBe(matters.get('birth-medical-certificate')!.fields.length);
  });

  it('builds for all 29 themes, each element once and defined', () => {
    expect(catalog.themes).toHaveLength(29);
    for (const t of catalog.themes) {
      const f = formOf(t.code);
      const codes = f.elements.map((e) => e.code);
      expect(new Set(codes).size, t.code).toBe(codes.length);
      expect(f.groups.every((g) => !/^[a-z-]+$/.test(g.name.zh)), `${t.code}: every group has a name`).toBe(true);
    }
  });

  it('cross-field rules only name elements that exist', () => {
    for (const r of CROSS_RULES) for (const c of r.needs) expect(elements.has(c), `${r.code}: ${c}`).toBe(true);
  });

  it('fails loudly when a matter names an element the catalog lacks', () => {
    const b = bundleOf('newborn');
    expect(() => buildThemeForm(b, everything(b.theme), new Map())).toThrow(/not in the catalog/);
  });
});

describe('data minimisation', () => {
  it('a sub-case keeps only the elements its matter declares', () => {
    const values = { 'child.name': '李小明', 'mother.id-number': MOTHER, 'social-security-card.bank': 'icbc', 'applicant.phone': '13812345678' };
    const vaccination = matters.get('vaccination-certificate')!;
    expect(sliceForMatter(vaccination, values)).toEqual({ 'child.name': '李小明', 'applicant.phone': '13812345678' });
  });
});

describe('prefill', () => {
  const newborn = formOf('newborn');
  const birthRecord: Record<string, unknown> = { childName: '李小明', birthDate: '2024-06-01', motherIdNumber: MOTHER, fatherName: '' };

  it('takes the first source with a value and says where each value came from', () => {
    const asked: string[] = [];
    const { values, origins } = prefillForm(newborn, {
      profile: { name: '李大明', idNumber: FATHER, phone: '13812345678' },
      datahub: (resource, field) => {
        asked.push(`${resource}.${field}`);
        return resource === 'birth' ? birthRecord[field] : undefined;
      },
      matterResults: { 'birth-medical-certificate': { certificateNo: 'P430123456', childName: '李晓明' } },
    });
    expect(values).toMatchObject({ 'applicant.name': '李大明', 'applicant.id-number': FATHER, 'child.name': '李小明', 'child.birth-date': '2024-06-01', 'mother.id-number': MOTHER });
    expect(origins['applicant.name']).toEqual({ source: { source: 'profile', field: 'name' }, label: { zh: '实名认证信息', en: 'your verified profile' } });
    expect(origins['child.name']!.label).toEqual({ zh: '出生医学证明信息', en: 'hospital birth records' });
    // the certificate number: the earlier matter's result comes first in the catalog
    expect(values['child.birth-certificate-no']).toBe('P430123456');
    expect(origins['child.birth-certificate-no']!.label.zh).toBe('“出生医学证明签发”办理结果');
    // a blank registry value is no value: the person is asked
    expect(values).not.toHaveProperty('father.name');
    expect(asked).toContain('birth.fatherName');
  });

  it('without sources, nothing is prefilled', () => {
    expect(prefillForm(newborn, {})).toEqual({ values: {}, origins: {} });
  });
});

describe('validating the form', () => {
  const newborn = formOf('newborn');
  const valid: Record<string, unknown> = {
    'applicant.phone': '138 1234 5678',
    'applicant.name': '李大明',
    'applicant.address': '湖南省长沙市岳麓区麓山南路2号',
    'applicant.household-address': '湖南省长沙市开福区湘江中路1号',
    'applicant.id-number': FATHER,
    'child.name': '李小明',
    'child.gender': '男',
    'child.birth-date': '2024-06-01',
    'child.birth-place': '湖南省长沙市开福区',
    'child.birth-weight': '3,250',
    'child.guardian-relation': 'father',
    'child.ethnicity': '汉族',
    'child.household-follow': 'father',
    'mother.name': '王芳',
    'mother.id-number': MOTHER,
    'father.name': '李大明',
    'father.id-number': FATHER.toLowerCase(),
    'medical-insurance.contribution-year': 2024,
    'social-security-card.bank': 'icbc',
    'social-security-card.delivery': 'post',
    'somebody.else': 'dropped',
  };

  it('returns the clean, normalised values of the form only', () => {
    const r = validateForm(newborn, valid, TODAY);
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    expect(r.values['applicant.phone']).toBe('13812345678');
    expect(r.values['child.gender']).toBe('1');
    expect(r.values['child.birth-weight']).toBe(3250);
    expect(r.values['father.id-number']).toBe(FATHER);
    expect(r.values).not.toHaveProperty('somebody.else');
    // produced by earlier matters, so not missing
    expect(r.values).not.toHaveProperty('child.birth-certificate-no');
  });

  it('reports every element problem and every cross-field problem at once', () => {
    const r = validateForm(newborn, { ...valid, 'child.name': '', 'child.birth-date': '2026-01-01', 'mother.id-number': FATHER, 'applicant.phone': '12345' }, TODAY);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map((p) => [p.code, p.paths])).toEqual([
      ['NOT_A_MOBILE_PHONE', ['applicant.phone']],
      ['REQUIRED', ['child.name']],
      ['DATE_IN_FUTURE', ['child.birth-date']],
      ['PARENT_SEX_MISMATCH', ['mother.id-number']],
    ]);
  });

  it('checks the child against the parents', () => {
    const olderChild = makeResidentId('430104', '1993-05-05', 124);
    const r = validateForm(newborn, { ...valid, 'child.birth-date': '1990-01-01', 'mother.id-number': makeResidentId('430104', '1995-01-01', 2) }, TODAY);
    expect(!r.ok && r.problems.map((p) => p.code)).toEqual(['CHILD_BORN_BEFORE_PARENT', 'CHILD_BORN_BEFORE_PARENT']);
    // with the ID number the household registration produced, birth date and gender must agree with it
    const r2 = validateForm(newborn, { ...valid, 'child.id-number': olderChild }, TODAY);
    expect(!r2.ok && r2.problems.map((p) => [p.code, p.paths])).toEqual([
      ['ID_BIRTH_DATE_MISMATCH', ['child.id-number', 'child.birth-date']],
      ['ID_SEX_MISMATCH', ['child.id-number', 'child.gender']],
    ]);
  });

  it('turns problems into one error with a detail per element', () => {
    const e = formInvalid([{ code: 'CHILD_BORN_BEFORE_PARENT', paths: ['child.birth-date', 'mother.id-number'], zh: '甲', en: 'a' }]);
    expect(e).toBeInstanceOf(AppError);
    expect(e.status).toBe(422);
    expect(e.details.map((d) => d.path)).toEqual(['child.birth-date', 'mother.id-number']);
  });
});

describe('marriage: legal age from the ID numbers', () => {
  const b = bundleOf('marriage');
  const form = buildThemeForm(b, resolveGuidance(b.theme, { 'registration-type': ['marry'], 'household-place': ['yes'], 'update-household': ['no'], 'join-spouse': ['no'], fertility: ['no'] }), elements);
  const man = (birth: string) => makeResidentId('430104', birth, 11);
  const woman = (birth: string) => makeResidentId('430105', birth, 22);
  const values = (groom: string, bride: string, type = 'marriage') => ({
    'applicant.name': '张伟', 'applicant.id-number': groom, 'applicant.gender': '1', 'applicant.phone': '13812345678',
    'applicant.household-address': '湖南省长沙市岳麓区麓山南路2号', 'spouse.name': '刘婷', 'spouse.id-number': bride,
    'spouse.phone': '13912345678', 'spouse.household-address': '湖南省长沙市天心区书院路9号',
    'marriage.registration-type': type, 'marriage.appointment-date': '2024-07-01',
  });

  it('a man of 22 and a woman of 20 on the appointment day may marry', () => {
    expect(validateForm(form, values(man('2002-07-01'), woman('2004-07-01')), TODAY).ok).toBe(true);
  });
  it('a man of 21 may not, and the problem names him', () => {
    const r = validateForm(form, values(man('2002-07-02'), woman('2000-01-01')), TODAY);
    expect(!r.ok && r.problems.map((p) => [p.code, p.paths])).toEqual([['MARRIAGE_UNDER_AGE', ['applicant.id-number']]]);
  });
  it('a woman of 19 may not', () => {
    const r = validateForm(form, values(man('1990-01-01'), woman('2004-07-02')), TODAY);
    expect(!r.ok && r.problems[0]!.paths).toEqual(['spouse.id-number']);
  });
  it('age does not matter for a divorce', () => {
    expect(validateForm(form, values(man('2002-07-02'), woman('2004-07-02'), 'divorce'), TODAY).ok).toBe(true);
  });
  it('nobody marries themself', () => {
    const r = validateForm(form, values(man('1990-01-01'), man('1990-01-01')), TODAY);
    expect(!r.ok && r.problems.map((p) => p.code)).toContain('SPOUSE_IS_APPLICANT');
  });
});
