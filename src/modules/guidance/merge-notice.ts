// 一次告知: merge the matters that apply into one notice — one de-duplicated materials list,
// one set of form fields, the critical path through the dependencies, fees, visits — and the
// reform figures (each matter on its own vs merged). Pure: no I/O.
import type { TMatter, ThemeBundle as FullBundle } from '../catalog/index.ts';
import { limitInWorkdays } from '../catalog/index.ts';
import { everything, type Resolution } from './resolve-guidance.ts';
import type { TNotice, TNoticeMaterial, TReform } from '../../contract/guidance.ts';

export type ThemeBundle = Pick<FullBundle, 'theme' | 'version' | 'matters' | 'unitNames'>;

type Selection = Pick<Resolution, 'matters' | 'materials'>;

function matterOf(b: ThemeBundle, code: string): TMatter {
  const m = b.matters.get(code);
  if (!m) throw new Error(`theme ${b.theme.code} v${b.version} pins no version of matter ${code}`);
  return m;
}

/** Materials of the selected matters: required ones plus the optional ones an option named. */
function selectedMaterials(b: ThemeBundle, sel: Selection) {
  const chosenOptional = new Set(sel.materials);
  return sel.matters.flatMap((mc) =>
    matterOf(b, mc)
      .materials.filter((mat) => mat.required || chosenOptional.has(`${mc}.${mat.code}`))
      .map((mat) => ({ matter: mc, mat })),
  );
}

export function mergeMaterials(b: ThemeBundle, sel: Selection): TNoticeMaterial[] {
  const inTheme = new Set(sel.matters);
  const merged = new Map<string, TNoticeMaterial>();
  for (const { matter, mat } of selectedMaterials(b, sel)) {
    const key = mat.shared ?? `${matter}.${mat.code}`;
    const produced = mat.producedBy && inTheme.has(mat.producedBy) && mat.producedBy !== matter ? mat.producedBy : undefined;
    const obtain: TNoticeMaterial['obtain'] = produced ? 'produced' : mat.source;
    const prev = merged.get(key);
    if (!prev) {
      merged.set(key, {
        key,
        name: { zh: mat.name, en: mat.nameEn },
        required: mat.required,
        kind: mat.kind,
        form: mat.form,
        copies: mat.copies,
        obtain,
        ...(produced ? { producedBy: produced } : {}),
        allowMissing: mat.allowMissing,
        allowCommitment: mat.allowCommitment,
        matters: [matter],
        ...(mat.note ? { note: mat.note } : {}),
      });
      continue;
    }
    prev.required ||= mat.required;
    prev.copies = Math.max(prev.copies, mat.copies);
    if (!prev.matters.includes(matter)) prev.matters.push(matter);
    // a unit that will not defer or accept a promise for it decides for the folded material
    prev.allowMissing &&= mat.allowMissing;
    prev.allowCommitment &&= mat.allowCommitment;
    prev.obtain = betterObtain(prev.obtain, obtain);
    if (produced && prev.obtain === 'produced') prev.producedBy = produced;
    if (prev.form !== mat.form) prev.form = 'both';
  }
  // a form to fill (申请表) that the applicant would bring is filled by Yijian from the one form: signed
  // online, or downloaded filled in, signed and uploaded — not a thing to bring (a paper-only form stays)
  for (const m of merged.values()) if (m.obtain === 'applicant' && m.kind === 'form' && m.form !== 'paper') m.obtain = 'generated';
  return [...merged.values()];
}

// If any linked matter can get the material without the applicant, all of them can.
const OBTAIN_RANK: Record<TNoticeMaterial['obtain'], number> = { produced: 0, certificateLibrary: 1, dataSharing: 2, generated: 3, issuedByUnit: 4, applicant: 5 };
function betterObtain(a: TNoticeMaterial['obtain'], b: TNoticeMaterial['obtain']): TNoticeMaterial['obtain'] {
  return OBTAIN_RANK[a] <= OBTAIN_RANK[b] ? a : b;
}

export function mergeFields(b: ThemeBundle, sel: Selection): Array<{ element: string; required: boolean }> {
  const out = new Map<string, boolean>();
  for (const mc of sel.matters) for (const f of matterOf(b, mc).fields) out.set(f.element, (out.get(f.element) ?? false) || f.required);
  return [...out].map(([element, required]) => ({ element, required }));
}

/** Longest chain of promised working days through the dependencies among the selected matters. */
export function criticalPath(b: ThemeBundle, sel: Selection, limit: 'promisedLimit' | 'legalLimit' = 'promisedLimit'): { workdays: number; path: string[] } {
  const selected = new Set(sel.matters);
  const needs = new Map<string, string[]>();
  for (const d of b.theme.dependencies)
    if (selected.has(d.matter) && selected.has(d.needs)) needs.set(d.matter, [...(needs.get(d.matter) ?? []), d.needs]);
  const memo = new Map<string, { workdays: number; path: string[] }>();
  const finish = (mc: string): { workdays: number; path: string[] } => {
    const hit = memo.get(mc);
    if (hit) return hit;
    let before = { workdays: 0, path: [] as string[] };
    for (const n of needs.get(mc) ?? []) {
      const f = finish(n);
      if (f.workdays > before.workdays || before.path.length === 0) before = f;
    }
    const own = limitInWorkdays(matterOf(b, mc)[limit]);
    const r = { workdays: before.workdays + own, path: [...before.path, mc] };
    memo.set(mc, r);
    return r;
  };
  let best = { workdays: 0, path: [] as string[] };
  for (const mc of sel.matters) {
    const f = finish(mc);
    if (f.workdays > best.workdays || best.path.length === 0) best = f;
  }
  return best;
}

export function reformFigures(b: ThemeBundle, sel: Selection): TReform {
  const matters = sel.matters.map((mc) => matterOf(b, mc));
  const perMatter = selectedMaterials(b, sel);
  const merged = mergeMaterials(b, sel);
  const sum = (f: (m: TMatter) => number) => matters.reduce((n, m) => n + f(m), 0);
  return {
    before: {
      matters: matters.length,
      materials: perMatter.length,
      fields: sum((m) => m.fields.length),
      visits: sum((m) => m.visits.count),
      days: sum((m) => limitInWorkdays(m.promisedLimit)),
      forms: matters.length,
    },
    after: {
      matters: matters.length,
      // what the applicant still brings: Yijian fetches shared data and certificates itself,
      // and results made inside the theme pass on to the matters that need them
      materials: merged.filter((m) => m.obtain === 'applicant' || m.obtain === 'issuedByUnit').length,
      fields: mergeFields(b, sel).length,
      visits: matters.reduce((n, m) => Math.max(n, m.visits.count), 0),
      days: criticalPath(b, sel).workdays,
      forms: matters.length > 0 ? 1 : 0,
    },
  };
}

export function buildNotice(b: ThemeBundle, r: Resolution): TNotice {
  const t = b.theme;
  const unitOf = (mc: string) => matterOf(b, mc).unit;
  const unitName = (code: string) => b.unitNames.get(code) ?? { name: code, nameEn: code };
  const needsOf = (mc: string) => t.dependencies.filter((d) => d.matter === mc && r.matters.includes(d.needs)).map((d) => d.needs);
  const matters = r.matters.map((mc) => {
    const m = matterOf(b, mc);
    const unit = unitOf(mc);
    const un = unitName(unit);
    return {
      code: mc,
      name: { zh: m.name, en: m.nameEn },
      unit: { code: unit, name: { zh: un.name, en: un.nameEn } },
      caseType: m.caseType,
      promisedDays: limitInWorkdays(m.promisedLimit),
      legalDays: limitInWorkdays(m.legalLimit),
      visits: m.visits.count,
      onlineDepth: m.onlineDepth,
      result: { type: m.result.type, ...(m.result.name ? { name: m.result.name } : {}) },
      needs: needsOf(mc),
    };
  });
  const path = criticalPath(b, r);
  const visitMatters = r.matters.map((mc) => matterOf(b, mc)).filter((m) => m.visits.count > 0);
  return {
    theme: { code: t.code, name: { zh: t.name, en: t.nameEn }, version: b.version },
    questions: r.questions.map((q) => ({
      code: q.code,
      text: { zh: q.text, en: q.textEn },
      multiple: q.multiple,
      options: q.options.map((o) => ({ code: o.code, label: { zh: o.label, en: o.labelEn } })),
    })),
    answers: r.answers,
    pending: r.pending,
    complete: r.pending.length === 0,
    matters,
    materials: mergeMaterials(b, r),
    fields: mergeFields(b, r),
    timeLimit: { workdays: path.workdays, path: path.path, legalWorkdays: criticalPath(b, r, 'legalLimit').workdays },
    fees: r.matters.flatMap((mc) => matterOf(b, mc).fees.map((f) => ({ matter: mc, ...f }))),
    visits: {
      count: visitMatters.reduce((n, m) => Math.max(n, m.visits.count), 0),
      reasons: [...new Set(visitMatters.map((m) => `${m.name}：${m.visits.reason ?? ''}`))],
    },
    figures: reformFigures(b, r),
    themeFigures: reformFigures(b, everything(b.theme)),
  };
}
