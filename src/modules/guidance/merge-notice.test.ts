import { describe, expect, it } from 'vitest';
import { newbornFixture } from '../../../tests/fixtures/catalog.ts';
import { buildNotice, criticalPath, mergeMaterials, reformFigures } from './merge-notice.ts';
import { everything, resolveGuidance } from './resolve-guidance.ts';
import { AppError } from '../../platform/errors.ts';

const { theme, matters } = newbornFixture();
const bundle = { theme, version: 1, matters, unitNames: new Map([['city-police', { name: '市公安局', nameEn: 'Police' }]]) };

describe('guidance resolution', () => {
  it('starts with the root questions and the always-required matters', () => {
    const r = resolveGuidance(theme, {});
    expect(r.matters).toEqual(['birth-cert']);
    expect(r.pending).toEqual(['settle', 'extras']);
  });
  it('an option switches matters and follow-up questions on; materials switch optional ones on', () => {
    const r = resolveGuidance(theme, { settle: ['yes'], married: ['yes'], extras: ['card'] });
    expect(r.matters).toEqual(['birth-cert', 'household', 'ss-card']);
    expect(r.questions.map((q) => q.code)).toEqual(['settle', 'married', 'extras']);
    expect([...r.materials]).toEqual(['household.marriage']);
    expect(r.pending).toEqual([]);
  });
  it('drops answers to follow-ups that are no longer reached', () => {
    const r = resolveGuidance(theme, { settle: ['no'], married: ['yes'], extras: [] });
    expect(r.answers).toEqual({ settle: ['no'] });
    expect(r.materials.size).toBe(0);
  });
  it('rejects unknown questions and options and two answers to a single choice', () => {
    expect(() => resolveGuidance(theme, { nope: ['x'] })).toThrow(AppError);
    expect(() => resolveGuidance(theme, { settle: ['maybe'] })).toThrow(/UNKNOWN_OPTION/);
    expect(() => resolveGuidance(theme, { settle: ['yes', 'no'] })).toThrow(/SINGLE_CHOICE/);
  });
});

describe('merging into one notice', () => {
  const r = resolveGuidance(theme, { settle: ['yes'], married: ['no'], extras: ['card', 'vaccine'] });
  it('folds shared materials, keeps the strictest terms and the best way to obtain them', () => {
    const mats = mergeMaterials(bundle, r);
    const ids = mats.find((m) => m.key === 'parents-id-card')!;
    expect(ids.matters).toEqual(['birth-cert', 'household', 'ss-card']);
    expect(ids.copies).toBe(2);
    expect(ids.obtain).toBe('certificateLibrary'); // one unit can fetch it, so none asks for it
    expect(ids.allowMissing).toBe(false); // not every unit accepts it later
    expect(mats.find((m) => m.key === 'household.birth-cert')).toMatchObject({ obtain: 'produced', producedBy: 'birth-cert' });
    expect(mats.some((m) => m.key === 'household.marriage')).toBe(false); // optional, not chosen
  });
  it('a material made by a matter outside the selection stays with the applicant', () => {
    const alone = { matters: ['household'], materials: new Set<string>() };
    expect(mergeMaterials(bundle, alone).find((m) => m.key === 'household.birth-cert')?.obtain).toBe('applicant');
  });
  it('the time limit is the critical path through the dependencies', () => {
    expect(criticalPath(bundle, r)).toEqual({ workdays: 14, path: ['birth-cert', 'household', 'ss-card'] });
    expect(criticalPath(bundle, { matters: ['birth-cert', 'vaccine'], materials: new Set() }).workdays).toBe(3);
  });
  it('reform figures compare each matter on its own with the merged bundle', () => {
    const f = reformFigures(bundle, r);
    expect(f.before).toEqual({ matters: 4, materials: 7, fields: 8, visits: 1, days: 14, forms: 4 });
    expect(f.after).toEqual({ matters: 4, materials: 2, fields: 3, visits: 1, days: 14, forms: 1 });
  });
  it('builds the notice with units, needs, fees and visit reasons', () => {
    const n = buildNotice(bundle, r);
    expect(n.complete).toBe(true);
    expect(n.matters.find((m) => m.code === 'household')).toMatchObject({ unit: { code: 'city-police', name: { zh: '市公安局' } }, needs: ['birth-cert'] });
    expect(n.fees).toEqual([{ matter: 'ss-card', name: '工本费', standard: '20元', basis: '湘发改价费〔2020〕1号', reducible: false }]);
    expect(n.visits).toEqual({ count: 1, reasons: ['事项ss-card：领取实体卡'] });
    expect(n.themeFigures.before.matters).toBe(everything(theme).matters.length);
  });
});
