// Quality rules of an implementation list (as in real provincial quality checks), and the
// cross-reference rules of themes. Pure: each returns the problems with a message that says what to fix.
import type { ErrorDetail } from '../../platform/errors.ts';
import type { TDataElement, TMatter, TRefusalPolicy, TTheme } from '../../contract/catalog.ts';
import { APPLICANT_KIND_NAME, LIFECYCLE_KIND } from './applicant-kinds.ts';
import { refusalPolicy } from './refusal-policy.ts';
import type { ResultFieldDictionary } from './result-fields.ts';

export type Problem = ErrorDetail & { path: string };

const p = (path: string, code: string, zh: string, en: string): Problem => ({ path, code, zh, en });

/** Time limit in working days, for comparing and summing (hours: 8 per working day; calendar: 5/7). */
export function limitInWorkdays(limit: { value: number; unit: 'workday' | 'calendarDay' | 'hour' }): number {
  if (limit.unit === 'workday') return limit.value;
  if (limit.unit === 'hour') return Math.ceil(limit.value / 8);
  return Math.ceil((limit.value * 5) / 7);
}

const LICENCE_STEPS: Array<[RegExp, string, string]> = [
  [/受理/, '受理', 'acceptance'],
  [/审/, '审核/审查', 'review'],
  [/办结|决定|审批/, '办结/决定', 'decision'],
  [/送达|出证|发证|领取/, '送达', 'delivery'],
];

export function checkMatter(m: TMatter): Problem[] {
  const out: Problem[] = [];
  const promised = m.promisedLimit.value;
  if (m.caseType === 'immediate' && promised !== 0)
    out.push(p('promisedLimit', 'IMMEDIATE_LIMIT', '即办件的承诺时限应为 0（当场办结）', 'An immediate case (即办件) must have a promised limit of 0'));
  if (m.caseType === 'promised' && promised === 0)
    out.push(p('caseType', 'ZERO_LIMIT_NOT_IMMEDIATE', '承诺时限为 0 时办件类型应为即办件', 'A promised limit of 0 means the case type must be immediate (即办件)'));
  if (limitInWorkdays(m.promisedLimit) > limitInWorkdays(m.legalLimit))
    out.push(p('promisedLimit', 'PROMISED_OVER_LEGAL', '承诺时限不得超过法定时限', 'The promised limit must not exceed the legal limit'));
  if (m.visits.count > 0 && !m.visits.reason?.trim())
    out.push(p('visits.reason', 'VISIT_REASON_REQUIRED', '到现场次数不为 0 时须填写必须现场办理的原因', 'Give the reason why an on-site visit is needed when visits are not 0'));
  if (m.onlineDepth === 4 && m.visits.count !== 0)
    out.push(p('visits.count', 'FULLY_ONLINE_VISITS', '网办深度为四级（全程网办）时到现场次数应为 0', 'Fully online (depth IV) means 0 visits'));
  m.fees.forEach((f, i) => {
    if (!f.standard.trim() || !f.basis.trim())
      out.push(p(`fees.${i}`, 'FEE_BASIS_REQUIRED', `收费项目“${f.name}”须填写收费标准和收费依据`, `Fee "${f.name}" needs its standard and its legal basis`));
  });
  if (m.fees.length === 0 && m.channels.includes('onlinePayment'))
    out.push(p('channels', 'PAYMENT_WITHOUT_FEE', '不收费的事项不应开通网上支付', 'A matter without fees cannot offer online payment'));
  if (m.result.type !== 'none' && !m.result.sample?.trim())
    out.push(p('result.sample', 'RESULT_SAMPLE_REQUIRED', '有办理结果的事项须提供结果样本', 'A matter with a result needs a result sample'));
  if (m.result.type !== 'none' && !m.result.name?.trim())
    out.push(p('result.name', 'RESULT_NAME_REQUIRED', '有办理结果的事项须填写结果名称', 'A matter with a result needs the result name'));
  if (m.type === '行政许可') {
    for (const [re, zhName, enName] of LICENCE_STEPS) {
      if (!m.steps.some((s) => re.test(s.name)))
        out.push(p('steps', 'LICENCE_STEP_MISSING', `行政许可事项的办理流程须包含“${zhName}”环节`, `A licence must have a ${enName} step (${zhName})`));
    }
  }
  const seen = new Set<string>();
  m.materials.forEach((mat, i) => {
    if (seen.has(mat.code)) out.push(p(`materials.${i}.code`, 'DUPLICATE_MATERIAL', `材料编码“${mat.code}”重复`, `Material code "${mat.code}" is used twice`));
    seen.add(mat.code);
    if (mat.allowMissing && mat.kind === 'form')
      out.push(p(`materials.${i}.allowMissing`, 'FORM_NOT_DEFERRABLE', `申请表“${mat.name}”不能容缺`, `The application form "${mat.name}" cannot be deferred (容缺)`));
    if (mat.form !== 'electronic' && mat.copies === 0 && mat.source === 'applicant')
      out.push(p(`materials.${i}.copies`, 'PAPER_COPIES_REQUIRED', `纸质材料“${mat.name}”须填写份数`, `Paper material "${mat.name}" needs a number of copies`));
  });
  const fields = new Set<string>();
  m.fields.forEach((f, i) => {
    if (fields.has(f.element)) out.push(p(`fields.${i}`, 'DUPLICATE_FIELD', `表单字段“${f.element}”重复`, `Form field "${f.element}" is listed twice`));
    fields.add(f.element);
  });
  return out;
}

/** What a check needs to resolve references. */
export interface CatalogIndex {
  units: ReadonlySet<string>;
  elements: ReadonlySet<string>;
  matters: ReadonlyMap<string, TMatter>;
  /** the data elements' definitions, where known: to see which elements a matter result fills */
  elementDocs?: ReadonlyMap<string, TDataElement>;
  /** the result field dictionary (catalog/result-fields.yaml) */
  resultFields: ResultFieldDictionary;
}

export function checkMatterRefs(m: TMatter, idx: CatalogIndex): Problem[] {
  const out: Problem[] = [];
  if (!idx.units.has(m.unit)) out.push(p('unit', 'UNKNOWN_UNIT', `实施主体“${m.unit}”不存在`, `Implementing unit "${m.unit}" does not exist`));
  m.fields.forEach((f, i) => {
    if (!idx.elements.has(f.element))
      out.push(p(`fields.${i}.element`, 'UNKNOWN_ELEMENT', `数据元“${f.element}”不存在，请先在数据元目录中定义`, `Data element "${f.element}" does not exist; define it in the dictionary first`));
  });
  m.materials.forEach((mat, i) => {
    if (mat.producedBy && !idx.matters.has(mat.producedBy))
      out.push(p(`materials.${i}.producedBy`, 'UNKNOWN_MATTER', `产生该材料的事项“${mat.producedBy}”不存在`, `Matter "${mat.producedBy}" that produces this material does not exist`));
  });
  m.result.fields.forEach((f, i) => {
    if (!idx.resultFields.has(f))
      out.push(p(`result.fields.${i}`, 'UNDEFINED_RESULT_FIELD', `办理结果字段“${f}”不在结果字段字典（catalog/result-fields.yaml）中，请改用字典中的字段或先在字典中定义`, `Result field "${f}" is not in the result field dictionary (catalog/result-fields.yaml); use a field it defines or define it there first`));
  });
  return out;
}

export function checkTheme(t: TTheme, idx: CatalogIndex): Problem[] {
  const out: Problem[] = [];
  const inTheme = new Set<string>();
  t.leadUnits.forEach((u, i) => {
    if (!idx.units.has(u)) out.push(p(`leadUnits.${i}`, 'UNKNOWN_UNIT', `牵头单位“${u}”不存在`, `Lead unit "${u}" does not exist`));
  });
  t.matters.forEach((tm, i) => {
    if (!idx.matters.has(tm.matter)) out.push(p(`matters.${i}.matter`, 'UNKNOWN_MATTER', `事项“${tm.matter}”不存在`, `Matter "${tm.matter}" does not exist`));
    if (inTheme.has(tm.matter)) out.push(p(`matters.${i}.matter`, 'DUPLICATE_MATTER', `事项“${tm.matter}”在主题中重复`, `Matter "${tm.matter}" is listed twice`));
    const own = idx.matters.get(tm.matter)?.unit;
    if (tm.unit && own && tm.unit !== own)
      out.push(p(`matters.${i}.unit`, 'THEME_UNIT_OVERRIDE',
        `主题不能为事项“${tm.matter}”另指承办单位“${tm.unit}”：承办单位由事项的实施主体（${own}）和分发规则决定，请删除该项或在“分发规则”中按区划设置`,
        `A theme cannot send matter "${tm.matter}" to another unit ("${tm.unit}"): the handling unit is decided by the matter's implementing unit (${own}) and the routing rules; remove it or set a routing rule per division`));
    inTheme.add(tm.matter);
  });
  const questions = new Map(t.questions.map((q) => [q.code, q]));
  if (questions.size !== t.questions.length) out.push(p('questions', 'DUPLICATE_QUESTION', '情形问题编码重复', 'Two questions share a code'));
  const switched = new Set<string>();
  const followed = new Set<string>();
  t.questions.forEach((q, qi) => {
    const codes = new Set<string>();
    q.options.forEach((o, oi) => {
      const at = `questions.${qi}.options.${oi}`;
      if (codes.has(o.code)) out.push(p(at, 'DUPLICATE_OPTION', `选项编码“${o.code}”重复`, `Option code "${o.code}" is used twice`));
      codes.add(o.code);
      o.matters.forEach((mc) => {
        if (!inTheme.has(mc)) out.push(p(at, 'OPTION_MATTER_NOT_IN_THEME', `选项“${o.label}”引用的事项“${mc}”不在主题中`, `Option "${o.labelEn}" names matter "${mc}" that is not in the theme`));
        switched.add(mc);
      });
      o.materials.forEach((ref) => {
        const [mc, matCode] = splitMaterialRef(ref);
        const m = idx.matters.get(mc);
        if (!inTheme.has(mc) || !m?.materials.some((x) => x.code === matCode))
          out.push(p(at, 'UNKNOWN_MATERIAL', `选项“${o.label}”引用的材料“${ref}”不存在`, `Option "${o.labelEn}" names material "${ref}" that does not exist in the theme`));
      });
      o.followUps.forEach((f) => {
        const fq = questions.get(f);
        if (!fq) out.push(p(at, 'UNKNOWN_QUESTION', `追问“${f}”不存在`, `Follow-up question "${f}" does not exist`));
        else if (fq.root) out.push(p(at, 'FOLLOWUP_IS_ROOT', `追问“${f}”不能同时是根问题`, `Follow-up question "${f}" must not be a root question`));
        followed.add(f);
      });
    });
  });
  t.questions.forEach((q, qi) => {
    if (!q.root && !followed.has(q.code))
      out.push(p(`questions.${qi}`, 'UNREACHABLE_QUESTION', `问题“${q.text}”不是根问题，也没有选项引出它`, `Question "${q.textEn}" is neither a root question nor a follow-up of any option`));
  });
  t.matters.forEach((tm, i) => {
    if (!tm.always && !switched.has(tm.matter))
      out.push(p(`matters.${i}`, 'MATTER_NEVER_APPLIES', `事项“${tm.matter}”既不是必办事项，也没有任何选项启用它`, `Matter "${tm.matter}" is not always required and no option switches it on`));
  });
  t.dependencies.forEach((d, i) => {
    if (!inTheme.has(d.matter) || !inTheme.has(d.needs))
      out.push(p(`dependencies.${i}`, 'DEPENDENCY_NOT_IN_THEME', `依赖关系“${d.matter} → ${d.needs}”中的事项须都在主题中`, `Both matters of dependency "${d.matter} → ${d.needs}" must be in the theme`));
    const needed = idx.matters.get(d.needs);
    d.passes.forEach((f) => {
      if (needed && !needed.result.fields.includes(f))
        out.push(p(`dependencies.${i}.passes`, 'UNKNOWN_RESULT_FIELD', `事项“${d.needs}”的办理结果没有字段“${f}”`, `The result of "${d.needs}" has no field "${f}"`));
    });
  });
  out.push(...checkApplicants(t, idx));
  out.push(...checkRefusalPolicies(t, idx));
  const cycle = findCycle(t.dependencies);
  if (cycle) out.push(p('dependencies', 'DEPENDENCY_CYCLE', `事项依赖存在循环：${cycle.join(' → ')}`, `Dependencies form a cycle: ${cycle.join(' → ')}`));
  return out;
}


/**
 * Who a theme serves and what identifies its life event: the applicant kinds are declared once each
 * and include the one its lifecycle names; each uniqueness key names only elements the theme's
 * matters ask for (else it could never be filled).
 */
export function checkApplicants(t: TTheme, idx: CatalogIndex): Problem[] {
  const out: Problem[] = [];
  const kinds = t.applicants ?? [];
  if (!t.applicants)
    out.push(p('applicants', 'APPLICANTS_REQUIRED', '请声明本主题受理的申请人类型（个人、企业、项目建设单位）', 'Declare the applicant kinds the theme serves (person, enterprise, project-owner)'));
  if (new Set(kinds).size !== kinds.length) out.push(p('applicants', 'DUPLICATE_APPLICANT_KIND', '申请人类型重复', 'An applicant kind is listed twice'));
  const own = LIFECYCLE_KIND[t.lifecycle];
  if (t.applicants && !kinds.includes(own))
    out.push(p('applicants', 'APPLICANTS_MISS_LIFECYCLE', `本主题属于${APPLICANT_KIND_NAME[own].zh}生命周期，受理的申请人类型须包含“${APPLICANT_KIND_NAME[own].zh}”`, `A theme of this lifecycle must serve ${APPLICANT_KIND_NAME[own].en} (${own})`));
  const asked = new Set(t.matters.flatMap((tm) => idx.matters.get(tm.matter)?.fields.map((f) => f.element) ?? []));
  (t.uniqueBy ?? []).forEach((key, i) => {
    key.forEach((el, j) => {
      if (!asked.has(el))
        out.push(p(`uniqueBy.${i}.${j}`, 'UNIQUE_ELEMENT_NOT_ASKED', `唯一性要素“${el}”不是本主题任何事项的表单字段`, `Uniqueness element "${el}" is not a form field of any matter of the theme`));
    });
  });
  return out;
}

/** An element marked as the applicant's identity takes its value from the profile: it needs a profile prefill source. */
export function checkElement(e: TDataElement): Problem[] {
  if (e.applicantIdentity && !e.prefill.some((s) => s.source === 'profile'))
    return [p('applicantIdentity', 'IDENTITY_WITHOUT_PROFILE', `数据元“${e.name}”是申请人身份信息，须以实名信息（profile）为预填来源`, `Element "${e.nameEn}" is the applicant's identity: it needs a profile prefill source`)];
  return [];
}

/**
 * The rejection policy: a message is given in both languages; 'continue' tells the applicant what it
 * means, and is only allowed where the dependent does not need the result — none of its required
 * fields is filled from the prerequisite's passed result.
 */
export function checkRefusalPolicies(t: TTheme, idx: CatalogIndex): Problem[] {
  const out: Problem[] = [];
  const pair = (pol: TRefusalPolicy | undefined, at: string) => {
    if (pol && Boolean(pol.message) !== Boolean(pol.messageEn))
      out.push(p(at, 'REFUSAL_MESSAGE_PAIR', '拒绝处理说明须同时提供中文和英文', 'Give the refusal message in both Chinese and English (message and messageEn)'));
  };
  pair(t.onRefusal, 'onRefusal');
  t.dependencies.forEach((d, i) => {
    pair(d.onRefusal, `dependencies.${i}.onRefusal`);
    const policy = refusalPolicy(t, d.matter, d.needs);
    if (policy.effect !== 'continue') return;
    const at = d.onRefusal?.effect === 'continue' ? `dependencies.${i}.onRefusal` : 'onRefusal';
    if (!policy.message)
      out.push(p(at, 'CONTINUE_MESSAGE_REQUIRED', `前序事项“${d.needs}”不予办理时“${d.matter}”继续办理，须写明告知申请人的说明`, `"${d.matter}" continues when "${d.needs}" is refused: say what the applicant is told (message, messageEn)`));
    const dependent = idx.matters.get(d.matter);
    if (!dependent || !idx.elementDocs) return;
    for (const f of dependent.fields) {
      if (f.required === false) continue;
      const filled = idx.elementDocs.get(f.element)?.prefill.some((s) => s.source === 'matterResult' && s.matter === d.needs && d.passes.includes(s.field));
      if (filled)
        out.push(p(at, 'CONTINUE_NEEDS_RESULT', `“${d.matter}”的必填项“${f.element}”来自“${d.needs}”的办理结果，前序不予办理时不能继续办理`, `"${d.matter}" requires "${f.element}" from the result of "${d.needs}", so it cannot continue when that is refused`));
    }
  });
  return out;
}

export function splitMaterialRef(ref: string): [string, string] {
  const dot = ref.lastIndexOf('.');
  return [ref.slice(0, dot), ref.slice(dot + 1)];
}

/** A cycle in "matter needs matter" edges, or undefined. */
export function findCycle(deps: ReadonlyArray<{ matter: string; needs: string }>): string[] | undefined {
  const edges = new Map<string, string[]>();
  for (const d of deps) edges.set(d.matter, [...(edges.get(d.matter) ?? []), d.needs]);
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];
  const visit = (n: string): string[] | undefined => {
    if (state.get(n) === 'done') return undefined;
    if (state.get(n) === 'visiting') return [...stack.slice(stack.indexOf(n)), n];
    state.set(n, 'visiting');
    stack.push(n);
    for (const next of edges.get(n) ?? []) {
      const c = visit(next);
      if (c) return c;
    }
    stack.pop();
    state.set(n, 'done');
    return undefined;
  };
  for (const n of edges.keys()) {
    const c = visit(n);
    if (c) return c;
  }
  return undefined;
}
