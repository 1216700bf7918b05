import { describe, expect, it } from 'vitest';
import { matter, newbornFixture } from '../../../tests/fixtures/catalog.ts';
import { checkElement, checkMatter, checkMatterRefs, checkTheme, findCycle, limitInWorkdays } from './quality-rules.ts';
import { parseResultFields } from './result-fields.ts';

const codes = (ps: Array<{ code: string }>) => ps.map((p) => p.code);

describe('quality rules of a matter', () => {
  it('accepts a consistent implementation list', () => {
    expect(checkMatter(matter('ok'))).toEqual([]);
  });
  it('即办件 must have a promised limit of 0, and a limit of 0 must be 即办件', () => {
    expect(codes(checkMatter(matter('a', { caseType: 'immediate' })))).toContain('IMMEDIATE_LIMIT');
    expect(codes(checkMatter(matter('b', { promisedLimit: { value: 0, unit: 'workday' } })))).toContain('ZERO_LIMIT_NOT_IMMEDIATE');
  });
  it('visits other than 0 need a reason, and fully online means 0 visits', () => {
    const p = checkMatter(matter('c', { visits: { count: 1 } }));
    expect(codes(p)).toEqual(expect.arrayContaining(['VISIT_REASON_REQUIRED', 'FULLY_ONLINE_VISITS']));
    expect(p.find((x) => x.code === 'VISIT_REASON_REQUIRED')?.zh).toContain('原因');
  });
  it('a fee needs its standard and basis; no fee means no online payment', () => {
    expect(codes(checkMatter(matter('d', { fees: [{ name: '工本费' }] })))).toContain('FEE_BASIS_REQUIRED');
    expect(codes(checkMatter(matter('e', { channels: ['online', 'onlinePayment'] })))).toContain('PAYMENT_WITHOUT_FEE');
  });
  it('a result needs a sample; the promised limit stays within the legal one', () => {
    expect(codes(checkMatter(matter('f', { result: { type: 'certificate', name: '证' } })))).toContain('RESULT_SAMPLE_REQUIRED');
    expect(codes(checkMatter(matter('g', { promisedLimit: { value: 30, unit: 'workday' } })))).toContain('PROMISED_OVER_LEGAL');
  });
  it('a licence has acceptance, review, decision and delivery steps', () => {
    const p = checkMatter(matter('h', { type: '行政许可', steps: [{ name: '受理', nameEn: 'Accept' }] }));
    expect(p.filter((x) => x.code === 'LICENCE_STEP_MISSING')).toHaveLength(3);
  });
  it('converts limits to working days', () => {
    expect(limitInWorkdays({ value: 7, unit: 'calendarDay' })).toBe(5);
    expect(limitInWorkdays({ value: 9, unit: 'hour' })).toBe(2);
  });
});

describe('references of a matter', () => {
  const resultFields = parseResultFields({ certificateNo: { name: '证书编号', nameEn: 'Certificate number', type: 'certificateNo' } });
  const idx = { units: new Set(['city-health']), elements: new Set(['applicant.name', 'applicant.id-number']), matters: new Map(), resultFields };
  it('accepts result fields the dictionary defines', () => {
    expect(checkMatterRefs(matter('ok'), idx)).toEqual([]);
  });
  it('names a result field the dictionary lacks, where it is and what to do', () => {
    const p = checkMatterRefs(matter('r', { result: { type: 'certificate', name: '证', sample: '样本', fields: ['certificateNo', 'certNo'] } }), idx);
    expect(p).toEqual([expect.objectContaining({ path: 'result.fields.1', code: 'UNDEFINED_RESULT_FIELD' })]);
    expect(p[0]!.zh).toContain('“certNo”');
    expect(p[0]!.zh).toContain('result-fields.yaml');
    expect(p[0]!.en).toContain('"certNo"');
  });
});

describe('theme checks', () => {
  const { theme, matters } = newbornFixture();
  const idx = { units: new Set(['city-health', 'city-police', 'city-hrss']), elements: new Set(['applicant.name']), matters, resultFields: new Map() };
  it('accepts the fixture', () => {
    expect(checkTheme(theme, idx)).toEqual([]);
  });
  it('finds cycles, unknown references and matters no option switches on', () => {
    const bad = {
      ...theme,
      matters: [...theme.matters, { matter: 'nope', always: false }],
      dependencies: [...theme.dependencies, { matter: 'birth-cert', needs: 'ss-card', passes: [] }],
    };
    const c = codes(checkTheme(bad, idx));
    expect(c).toEqual(expect.arrayContaining(['UNKNOWN_MATTER', 'MATTER_NEVER_APPLIES', 'DEPENDENCY_CYCLE']));
  });
  it('asks who a theme serves, the kind of its lifecycle among them, and uniqueness keys of elements its matters ask for', () => {
    const { applicants: _declared, ...undeclared } = theme;
    expect(codes(checkTheme(undeclared, idx))).toEqual(['APPLICANTS_REQUIRED']);
    expect(codes(checkTheme({ ...theme, applicants: ['enterprise', 'enterprise'] }, idx))).toEqual(['DUPLICATE_APPLICANT_KIND', 'APPLICANTS_MISS_LIFECYCLE']);
    expect(codes(checkTheme({ ...theme, applicants: ['person', 'enterprise'], uniqueBy: [['applicant.name'], ['applicant.name', 'child.nope']] }, idx))).toEqual(['UNIQUE_ELEMENT_NOT_ASKED']);
  });
  it('wants an identity element to come from the profile', () => {
    const element = { code: 'applicant.id-number', name: '申请人公民身份号码', nameEn: 'ID number', type: 'idNumber' as const, personal: true, applicantIdentity: 'person' as const };
    expect(checkElement({ ...element, prefill: [{ source: 'profile', field: 'idNumber' }] })).toEqual([]);
    expect(codes(checkElement({ ...element, prefill: [{ source: 'datahub', resource: 'household', field: 'idNumber' }] }))).toEqual(['IDENTITY_WITHOUT_PROFILE']);
  });
  it('refuses a theme that sends a matter to another unit than its own (the routing table decides)', () => {
    const first = theme.matters[0]!;
    const own = matters.get(first.matter)!.unit;
    const same = { ...theme, matters: [{ ...first, unit: own }, ...theme.matters.slice(1)] };
    expect(checkTheme(same, idx)).toEqual([]);
    const other = own === 'city-police' ? 'city-hrss' : 'city-police';
    const overridden = { ...theme, matters: [{ ...first, unit: other }, ...theme.matters.slice(1)] };
    expect(checkTheme(overridden, idx)).toEqual([expect.objectContaining({ path: 'matters.0.unit', code: 'THEME_UNIT_OVERRIDE' })]);
  });
  it('reports the cycle path', () => {
    expect(findCycle([{ matter: 'a', needs: 'b' }, { matter: 'b', needs: 'c' }, { matter: 'c', needs: 'a' }])).toEqual(['a', 'b', 'c', 'a']);
    expect(findCycle([{ matter: 'a', needs: 'b' }])).toBeUndefined();
  });
});
