// The theme's rejection policy: which policy applies to a dependency, and the quality rules for it.
import { describe, expect, it } from 'vitest';
import { newbornFixture } from '../../../tests/fixtures/catalog.ts';
import { ZDataElement, ZTheme, type TTheme } from '../../contract/catalog.ts';
import { checkTheme } from './quality-rules.ts';
import { refusalPolicy, refusalText } from './refusal-policy.ts';

const codes = (ps: Array<{ code: string }>) => ps.map((p) => p.code);
const msg = { message: '“{prerequisite}”未办成，“{matter}”照常办理', messageEn: '"{prerequisite}" refused; "{matter}" goes on' };

describe('rejection policy', () => {
  const { theme, matters } = newbornFixture();
  const childCertNo = ZDataElement.parse({
    code: 'child.birth-cert-no', name: '出生医学证明编号', nameEn: 'Birth certificate number', type: 'certificateNo',
    prefill: [{ source: 'matterResult', matter: 'birth-cert', field: 'certificateNo' }],
  });
  const idx = { units: new Set(['city-health', 'city-police', 'city-hrss']), elements: new Set(['applicant.name', 'child.name', 'child.birth-cert-no']), matters, resultFields: new Map() };

  it('is void by default, the theme default otherwise, and a dependency may override it', () => {
    expect(refusalPolicy(theme, 'household', 'birth-cert')).toEqual({ effect: 'void', message: undefined });
    const withDefault: TTheme = { ...theme, onRefusal: { effect: 'continue', ...msg } };
    expect(refusalPolicy(withDefault, 'ss-card', 'household')).toEqual({ effect: 'continue', message: { zh: msg.message, en: msg.messageEn } });
    const overridden: TTheme = { ...withDefault, dependencies: withDefault.dependencies.map((d) => (d.matter === 'ss-card' ? { ...d, onRefusal: { effect: 'void' as const } } : d)) };
    expect(refusalPolicy(overridden, 'ss-card', 'household')).toEqual({ effect: 'void', message: { zh: msg.message, en: msg.messageEn } });
    expect(refusalText(msg.message, { prerequisite: '户口登记', matter: '社保卡' })).toBe('“户口登记”未办成，“社保卡”照常办理');
  });

  it('themes without a policy parse as before (no field added), and the YAML shape parses', () => {
    expect(ZTheme.parse(theme).onRefusal).toBeUndefined();
    const parsed = ZTheme.parse({ ...theme, dependencies: [{ matter: 'ss-card', needs: 'household', onRefusal: { effect: 'continue', ...msg } }] });
    expect(parsed.dependencies[0]!.onRefusal).toEqual({ effect: 'continue', ...msg });
    expect(ZTheme.safeParse({ ...theme, onRefusal: { effect: 'ignore' } }).success).toBe(false);
  });

  it('checks: messages in both languages; continue says what it means and only where the result is not needed', () => {
    expect(checkTheme(theme, idx)).toEqual([]);
    const oneLanguage: TTheme = { ...theme, onRefusal: { effect: 'void', message: '只有中文' } };
    expect(codes(checkTheme(oneLanguage, idx))).toEqual(['REFUSAL_MESSAGE_PAIR']);
    const silent: TTheme = { ...theme, dependencies: theme.dependencies.map((d) => (d.matter === 'ss-card' ? { ...d, onRefusal: { effect: 'continue' as const } } : d)) };
    expect(codes(checkTheme(silent, idx))).toEqual(['CONTINUE_MESSAGE_REQUIRED']);
    // the household matter requires the birth certificate number the birth-cert result fills in
    const household = { ...matters.get('household')!, fields: [{ element: 'applicant.name', required: true }, { element: 'child.birth-cert-no', required: true }] };
    const needsIt = { ...idx, matters: new Map([...matters, ['household', household]]), elementDocs: new Map([['child.birth-cert-no', childCertNo]]) };
    const continuing: TTheme = { ...theme, onRefusal: { effect: 'continue', ...msg } };
    const problems = checkTheme(continuing, needsIt);
    expect(codes(problems)).toEqual(['CONTINUE_NEEDS_RESULT']);
    expect(problems[0]!.en).toContain('child.birth-cert-no');
    // optional: then it may continue
    const optional = { ...household, fields: [{ element: 'child.birth-cert-no', required: false }] };
    expect(checkTheme(continuing, { ...needsIt, matters: new Map([...matters, ['household', optional]]) })).toEqual([]);
  });
});
