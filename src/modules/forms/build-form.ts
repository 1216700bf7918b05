// 一次表单: the one form of a theme after guidance. Each data element is asked once, required if any
// selected matter requires it, grouped by whom or what it is about; values come prefilled from the
// person's profile, the data hub and earlier results; each sub-case later keeps only its own slice.
import { AppError } from '../../platform/errors.ts';
import type { TDataElement, TMatter, ThemeBundle as CatalogBundle } from '../catalog/index.ts';
import { mergeFields, type Resolution } from '../guidance/index.ts';
import { checkCrossRules, type CrossProblem } from './cross-rules.ts';
import { chinaDay, isBlank } from './normalise.ts';
import { validateElementValue, type ElementValue } from './validate-element.ts';

type TPrefillSource = TDataElement['prefill'][number];
type Bilingual = { zh: string; en: string };

export type FormBundle = Pick<CatalogBundle, 'theme' | 'version' | 'matters' | 'unitNames'>;

export interface FormElement {
  code: string;
  element: TDataElement;
  group: string;
  required: boolean;
  /** the selected matters that declare this element, in the theme's order */
  matters: string[];
  prefill: TPrefillSource[];
  /**
   * Made by the result of a selected matter that does not itself ask for it (e.g. the birth
   * certificate number for the household registration): the applicant is not asked, the bundle
   * engine passes it on when that matter is done.
   */
  producedBy?: string;
}

export interface FormGroup {
  code: string;
  name: Bilingual;
  elements: string[];
}

export interface ThemeForm {
  theme: { code: string; version: number };
  matters: Array<{ code: string; name: Bilingual }>;
  elements: FormElement[];
  groups: FormGroup[];
}

// Groups in the order a person fills them in; an element's group is its code prefix.
const GROUPS: Array<[string, Bilingual]> = [
  ['applicant', { zh: '申请人', en: 'Applicant' }],
  ['enterprise', { zh: '企业', en: 'Enterprise' }],
  ['child', { zh: '儿童', en: 'Child' }],
  ['mother', { zh: '母亲', en: 'Mother' }],
  ['father', { zh: '父亲', en: 'Father' }],
  ['spouse', { zh: '配偶（对方）', en: 'Spouse (other party)' }],
  ['marriage', { zh: '婚姻登记', en: 'Marriage registration' }],
  ['fertility', { zh: '生育', en: 'Childbirth' }],
  ['household', { zh: '户籍', en: 'Household registration' }],
  ['deceased', { zh: '逝者', en: 'The deceased' }],
  ['survivor', { zh: '遗属', en: 'Survivors' }],
  ['seller', { zh: '转让方', en: 'Transferor' }],
  ['buyer', { zh: '受让方', en: 'Transferee' }],
  ['property', { zh: '不动产', en: 'Property' }],
  ['utility', { zh: '水电气', en: 'Utilities' }],
  ['employee', { zh: '职工', en: 'Employee' }],
  ['employment', { zh: '就业', en: 'Employment' }],
  ['social-insurance', { zh: '社会保险', en: 'Social insurance' }],
  ['medical-insurance', { zh: '医疗保险', en: 'Medical insurance' }],
  ['retirement', { zh: '退休', en: 'Retirement' }],
  ['project', { zh: '工程项目', en: 'Project' }],
  ['land', { zh: '土地', en: 'Land' }],
  ['building', { zh: '建筑', en: 'Building' }],
];
// Prefixes of the catalog that are one topic each: the topic is the group name.
const TOPICS: Array<[string, Bilingual]> = [
  ['tax', { zh: '税务', en: 'Tax' }],
  ['advert', { zh: '户外广告', en: 'Outdoor advertising' }],
  ['venue', { zh: '场所', en: 'Venue' }],
  ['policy', { zh: '惠企政策', en: 'Business support' }],
  ['personnel-file', { zh: '人事档案', en: 'Personnel file' }],
  ['social-security-card', { zh: '社会保障卡', en: 'Social security card' }],
  ['disability', { zh: '残疾人', en: 'Disability' }],
  ['assistance', { zh: '社会救助', en: 'Social assistance' }],
  ['housing-fund', { zh: '住房公积金', en: 'Housing provident fund' }],
  ['only-child', { zh: '独生子女', en: 'Only child' }],
  ['veteran', { zh: '退役军人', en: 'Veteran' }],
  ['party', { zh: '党组织关系', en: 'Party membership' }],
  ['residence-permit', { zh: '居住证', en: 'Residence permit' }],
  ['id-card', { zh: '居民身份证', en: 'ID card' }],
  ['driving-licence', { zh: '驾驶证', en: 'Driving licence' }],
  ['vehicle', { zh: '机动车', en: 'Vehicle' }],
  ['teacher', { zh: '教师资格', en: 'Teacher qualification' }],
  ['education', { zh: '学历', en: 'Education' }],
  ['vocational', { zh: '职业资格', en: 'Vocational qualification' }],
  ['medical', { zh: '就医', en: 'Medical care' }],
  ['out-of-area', { zh: '异地就医', en: 'Treatment elsewhere' }],
  ['maternity', { zh: '生育保险', en: 'Maternity' }],
];
const GROUP_RANK = new Map(GROUPS.map(([code], i) => [code, i]));
const GROUP_NAME = new Map([...GROUPS, ...TOPICS]);

function groupOf(code: string): string {
  const dot = code.indexOf('.');
  return dot < 0 ? 'other' : code.slice(0, dot);
}

function matterOf(bundle: FormBundle, code: string): TMatter {
  const m = bundle.matters.get(code);
  if (!m) throw new Error(`theme ${bundle.theme.code} v${bundle.version} pins no version of matter ${code}`);
  return m;
}

export function buildThemeForm(bundle: FormBundle, resolution: Pick<Resolution, 'matters' | 'materials'>, elements: ReadonlyMap<string, TDataElement>): ThemeForm {
  const selected = new Set(resolution.matters);
  const usedBy = new Map<string, string[]>();
  for (const mc of resolution.matters)
    for (const f of matterOf(bundle, mc).fields) usedBy.set(f.element, [...(usedBy.get(f.element) ?? []), mc]);

  // same merge as the notice's field list, so the notice and the form never disagree
  const formElements: FormElement[] = mergeFields(bundle, resolution).map(({ element: code, required }) => {
    const element = elements.get(code);
    if (!element) throw new Error(`data element ${code} used by ${usedBy.get(code)?.join(', ')} is not in the catalog`);
    const matters = usedBy.get(code) ?? [];
    const producer = element.prefill.find((s) => s.source === 'matterResult' && selected.has(s.matter) && !matters.includes(s.matter));
    return {
      code,
      element,
      group: groupOf(code),
      required,
      matters,
      prefill: element.prefill,
      ...(producer?.source === 'matterResult' ? { producedBy: producer.matter } : {}),
    };
  });

  const groups = new Map<string, FormGroup>();
  for (const e of formElements) {
    const g = groups.get(e.group) ?? { code: e.group, name: GROUP_NAME.get(e.group) ?? { zh: e.group, en: e.group }, elements: [] };
    g.elements.push(e.code);
    groups.set(e.group, g);
  }
  // known groups in their fixed order, others after them in the order the matters ask for them
  const rank = (g: FormGroup) => GROUP_RANK.get(g.code) ?? GROUPS.length;
  const ordered = [...groups.values()].map((g, i) => ({ g, i })).sort((a, b) => rank(a.g) - rank(b.g) || a.i - b.i).map((x) => x.g);

  const byCode = new Map(formElements.map((e) => [e.code, e]));
  return {
    theme: { code: bundle.theme.code, version: bundle.version },
    matters: resolution.matters.map((mc) => {
      const m = matterOf(bundle, mc);
      return { code: mc, name: { zh: m.name, en: m.nameEn } };
    }),
    elements: ordered.flatMap((g) => g.elements.map((c) => byCode.get(c)!)),
    groups: ordered,
  };
}

/** 数据最小化: what one sub-case stores — only the elements its matter declares. */
export function sliceForMatter<V>(matter: Pick<TMatter, 'fields'>, values: Readonly<Record<string, V>>): Record<string, V> {
  const out: Record<string, V> = {};
  for (const f of matter.fields) if (Object.hasOwn(values, f.element)) out[f.element] = values[f.element]!;
  return out;
}

// ---------- prefill ----------

export type ProfileField = Extract<TPrefillSource, { source: 'profile' }>['field'];

export interface PrefillSources {
  /** the signed-in person's real-name profile */
  profile?: Partial<Record<ProfileField, string | undefined>>;
  /** a data-hub look-up; the caller binds the reader and the cause, which the hub audits */
  datahub?: (resource: string, field: string) => unknown;
  /** results of matters already done: matter code → result field → value */
  matterResults?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
}

export interface PrefillOrigin {
  source: TPrefillSource;
  label: Bilingual;
}

export interface PrefilledForm {
  values: Record<string, unknown>;
  /** for each prefilled value, where it came from, so that the UI can say "prefilled from the 户籍 registry" */
  origins: Record<string, PrefillOrigin>;
}

const RESOURCE_LABEL: Record<string, Bilingual> = {
  household: { zh: '户籍登记信息', en: 'household registration registry' },
  birth: { zh: '出生医学证明信息', en: 'hospital birth records' },
  'social-insurance': { zh: '社会保险信息', en: 'social insurance records' },
  'real-estate': { zh: '不动产登记信息', en: 'real estate registry' },
  'residence-permit': { zh: '居住证信息', en: 'residence permit records' },
  marriage: { zh: '婚姻登记信息', en: 'marriage registry' },
  company: { zh: '企业登记信息', en: 'company registry' },
};

function labelOf(form: ThemeForm, s: TPrefillSource): Bilingual {
  switch (s.source) {
    case 'profile':
      return { zh: '实名认证信息', en: 'your verified profile' };
    case 'datahub':
      return RESOURCE_LABEL[s.resource] ?? { zh: `共享数据（${s.resource}）`, en: `shared data (${s.resource})` };
    case 'matterResult': {
      const m = form.matters.find((x) => x.code === s.matter);
      return m ? { zh: `“${m.name.zh}”办理结果`, en: `the result of "${m.name.en}"` } : { zh: '前序事项办理结果', en: 'the result of an earlier matter' };
    }
  }
}

function lookUp(s: TPrefillSource, sources: PrefillSources): unknown {
  switch (s.source) {
    case 'profile':
      return sources.profile?.[s.field];
    case 'datahub':
      return sources.datahub?.(s.resource, s.field);
    case 'matterResult':
      return sources.matterResults?.[s.matter]?.[s.field];
  }
}

/** The first source of each element, in the catalog's order of preference, that has a value. Values are not validated here: validateForm does that. */
export function prefillForm(form: ThemeForm, sources: PrefillSources): PrefilledForm {
  const values: Record<string, unknown> = {};
  const origins: Record<string, PrefillOrigin> = {};
  for (const e of form.elements) {
    for (const s of e.prefill) {
      const v = lookUp(s, sources);
      if (isBlank(v)) continue;
      values[e.code] = v;
      origins[e.code] = { source: s, label: labelOf(form, s) };
      break;
    }
  }
  return { values, origins };
}

// ---------- validation ----------

export interface FormProblem {
  code: string;
  /** element codes; one for a problem with one value, several for a cross-field problem */
  paths: string[];
  zh: string;
  en: string;
}

export type FormValidation = { ok: true; values: Record<string, ElementValue> } | { ok: false; problems: FormProblem[] };

/**
 * Every element problem and every cross-field problem at once, so that a person fixes all in one
 * go; or the clean, normalised values. Values for elements outside the form are dropped: the form
 * is what the matters declared, and nothing else is kept.
 */
export function validateForm(form: ThemeForm, values: Readonly<Record<string, unknown>>, today: Date): FormValidation {
  const problems: FormProblem[] = [];
  const clean: Record<string, ElementValue> = {};
  for (const e of form.elements) {
    const raw = Object.hasOwn(values, e.code) ? values[e.code] : undefined;
    if (isBlank(raw)) {
      if (e.required && !e.producedBy)
        problems.push({ code: 'REQUIRED', paths: [e.code], zh: `请填写“${e.element.name}”`, en: `${e.element.nameEn} is required` });
      continue;
    }
    const r = validateElementValue(e.element, raw, today);
    if (r.ok) clean[e.code] = r.value;
    else problems.push({ ...r.problem, paths: [e.code] });
  }
  const cross: CrossProblem[] = checkCrossRules(clean, new Set(form.elements.map((e) => e.code)), chinaDay(today));
  problems.push(...cross);
  return problems.length === 0 ? { ok: true, values: clean } : { ok: false, problems };
}

/** The error a submit returns for an invalid form: one detail per element path, each with its own message. */
export function formInvalid(problems: readonly FormProblem[]): AppError {
  return new AppError(
    'unprocessable',
    'FORM_INVALID',
    { zh: `表单有 ${problems.length} 处需要修改`, en: `The form has ${problems.length} ${problems.length === 1 ? 'problem' : 'problems'} to fix` },
    problems.flatMap((p) => p.paths.map((path) => ({ path, code: p.code, zh: p.zh, en: p.en }))),
  );
}
