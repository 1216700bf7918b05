// Rules across fields of the merged form (跨字段校验). Each rule declares the elements it needs and
// runs only when all of them are in the form and hold a valid value: a theme without marriage
// elements never meets the marriage-age rule, and a missing value is reported once, as missing.
import { parseResidentId } from '../../platform/identifiers.ts';
import type { ElementValue } from './validate-element.ts';
import { ageOn, dayAtAgeMonths } from './normalise.ts';

export type CleanValues = Readonly<Record<string, ElementValue>>;

export interface CrossProblem {
  code: string;
  /** the element codes involved, so the UI can mark each of them */
  paths: string[];
  zh: string;
  en: string;
}

export interface CrossRule {
  code: string;
  /** every one must be in the form with a valid value for the rule to run */
  needs: string[];
  /** `today` is the China calendar day, YYYY-MM-DD */
  check(v: CleanValues, today: string): CrossProblem | undefined;
}

const str = (v: CleanValues, code: string): string | undefined => (typeof v[code] === 'string' ? (v[code] as string) : undefined);

/** Birth date and sex from a value already validated as an ID number. */
function person(v: CleanValues, code: string): { birthDate: string; sex: 'male' | 'female' } | undefined {
  const id = str(v, code);
  if (!id) return undefined;
  // validated against its own "today" already; here only the encoded facts matter
  const p = parseResidentId(id, new Date(Date.UTC(2200, 0, 1)));
  return p.ok ? { birthDate: p.birthDate, sex: p.sex } : undefined;
}

// GB/T 2261.1: 1 male, 2 female — the codes the gender elements use.
const SEX_CODE = { male: '1', female: '2' } as const;

/** `earlier` must not come after `later` (or must come strictly before, when `strict`). */
function dateOrder(code: string, earlier: string, later: string, names: { zh: string; en: string }, strict = false): CrossRule {
  return {
    code,
    needs: [earlier, later],
    check(v) {
      const a = str(v, earlier)!;
      const b = str(v, later)!;
      if (strict ? a < b : a <= b) return undefined;
      return { code: 'DATE_ORDER', paths: [earlier, later], zh: `${names.zh}（${a}，${b}），请核对`, en: `${names.en} (${a}, ${b}); please check` };
    },
  };
}

function idMatchesGender(idCode: string, genderCode: string, who: { zh: string; en: string }): CrossRule {
  return {
    code: `${idCode}-matches-${genderCode}`,
    needs: [idCode, genderCode],
    check(v) {
      const p = person(v, idCode);
      if (!p || SEX_CODE[p.sex] === v[genderCode]) return undefined;
      return {
        code: 'ID_SEX_MISMATCH',
        paths: [idCode, genderCode],
        zh: `${who.zh}的公民身份号码显示为${p.sex === 'male' ? '男' : '女'}性，与所填性别不一致，请核对`,
        en: `${who.en}'s ID number is that of a ${p.sex}, which does not match the gender given; please check`,
      };
    },
  };
}

function childAfterParent(parentId: string, who: { zh: string; en: string }): CrossRule {
  return {
    code: `child-born-after-${parentId}`,
    needs: ['child.birth-date', parentId],
    check(v) {
      const p = person(v, parentId);
      const child = str(v, 'child.birth-date')!;
      if (!p || p.birthDate < child) return undefined;
      return {
        code: 'CHILD_BORN_BEFORE_PARENT',
        paths: ['child.birth-date', parentId],
        zh: `儿童出生日期（${child}）不能早于${who.zh}的出生日期（${p.birthDate}），请核对出生日期和${who.zh}身份号码`,
        en: `The child's date of birth (${child}) cannot be before the ${who.en}'s (${p.birthDate}); check the date and the ${who.en}'s ID number`,
      };
    },
  };
}

function parentSex(parentId: string, sex: 'male' | 'female', who: { zh: string; en: string }): CrossRule {
  return {
    code: `${parentId}-sex`,
    needs: [parentId],
    check(v) {
      const p = person(v, parentId);
      if (!p || p.sex === sex) return undefined;
      // the usual cause is the father's and the mother's numbers typed into each other's fields
      return { code: 'PARENT_SEX_MISMATCH', paths: [parentId], zh: `${who.zh}的公民身份号码不是${sex === 'male' ? '男' : '女'}性号码，父母的号码是否填反了？`, en: `The ${who.en}'s ID number is not a ${sex}'s; were the parents' numbers swapped?` };
    },
  };
}

function minimumAge(idCode: string, dateCode: string, years: number, code: string, what: { zh: string; en: string }): CrossRule {
  return {
    code: `${idCode}-at-least-${years}-at-${dateCode}`,
    needs: [idCode, dateCode],
    check(v) {
      const p = person(v, idCode);
      const on = str(v, dateCode)!;
      if (!p || ageOn(p.birthDate, on) >= years) return undefined;
      return { code, paths: [idCode, dateCode], zh: `${what.zh}（${on}）时未满 ${years} 周岁，请核对`, en: `${what.en} (${on}): under ${years} on that day; please check` };
    },
  };
}

// 《民法典》第1047条: men may marry at 22, women at 20.
export const MARRIAGE_AGE = { male: 22, female: 20 } as const;

const marriageAge: CrossRule = {
  code: 'marriage-legal-age',
  needs: ['marriage.registration-type', 'applicant.id-number', 'spouse.id-number'],
  check(v, today) {
    if (v['marriage.registration-type'] !== 'marriage') return undefined;
    const on = str(v, 'marriage.appointment-date') ?? today;
    const under = (['applicant.id-number', 'spouse.id-number'] as const).filter((c) => {
      const p = person(v, c);
      return p !== undefined && ageOn(p.birthDate, on) < MARRIAGE_AGE[p.sex];
    });
    if (under.length === 0) return undefined;
    return {
      code: 'MARRIAGE_UNDER_AGE',
      paths: under,
      zh: `结婚登记日（${on}）时，男方须年满 ${MARRIAGE_AGE.male} 周岁、女方须年满 ${MARRIAGE_AGE.female} 周岁（《民法典》第一千零四十七条）；${under.map((c) => (c === 'applicant.id-number' ? '申请人' : '对方')).join('和')}未达法定婚龄`,
      en: `On the registration day (${on}) a man must be ${MARRIAGE_AGE.male} and a woman ${MARRIAGE_AGE.female} (Civil Code art. 1047); ${under.map((c) => (c === 'applicant.id-number' ? 'the applicant' : 'the other party')).join(' and ')} is under the legal age`,
    };
  },
};

const notMarryingOneself: CrossRule = {
  code: 'spouse-is-another-person',
  needs: ['applicant.id-number', 'spouse.id-number'],
  check(v) {
    if (v['applicant.id-number'] !== v['spouse.id-number']) return undefined;
    return { code: 'SPOUSE_IS_APPLICANT', paths: ['spouse.id-number'], zh: '对方的公民身份号码与申请人相同，请填写对方本人的号码', en: "The other party's ID number is the applicant's own; enter the other party's number" };
  },
};

/**
 * Statutory retirement age in months, after 全国人大常委会《关于实施渐进式延迟法定退休年龄的决定》(2024):
 * from 2025 the old ages (men 60, women cadres 55, women workers 50) rise by one month for every
 * 4 months of birth (every 2 months for women workers) after the first cohort, up to 63, 58 and 55.
 */
export function statutoryRetirementMonths(birthDate: string, sex: 'male' | 'female', identity: 'worker' | 'cadre'): number {
  const plan = sex === 'male'
    ? { base: 60, from: 1965, step: 4, most: 36 }
    : identity === 'cadre'
      ? { base: 55, from: 1970, step: 4, most: 36 }
      : { base: 50, from: 1975, step: 2, most: 60 };
  const sinceFirst = (Number(birthDate.slice(0, 4)) - plan.from) * 12 + Number(birthDate.slice(5, 7)) - 1;
  const delay = sinceFirst < 0 ? 0 : Math.min(plan.most, Math.floor(sinceFirst / plan.step) + 1);
  return plan.base * 12 + delay;
}

// 国发〔1978〕104号 and 劳部发〔1999〕8号 (unchanged by the 2024 decision): special hazardous jobs
// 55 / 45, illness or non-work disability 50 / 45.
export const EARLY_RETIREMENT_AGE: Record<'special-job' | 'illness', { male: number; female: number }> = {
  'special-job': { male: 55, female: 45 },
  illness: { male: 50, female: 45 },
};

const retirementAge: CrossRule = {
  code: 'retirement-age',
  needs: ['applicant.id-number', 'retirement.date'],
  check(v) {
    const p = person(v, 'applicant.id-number');
    if (!p) return undefined;
    const on = str(v, 'retirement.date')!;
    const early = v['retirement.early-reason'];
    let earliest: string;
    let rule: { zh: string; en: string };
    if (early === 'special-job' || early === 'illness') {
      const years = EARLY_RETIREMENT_AGE[early][p.sex];
      earliest = dayAtAgeMonths(p.birthDate, years * 12);
      rule = { zh: `提前退休须年满 ${years} 周岁`, en: `early retirement needs an age of ${years}` };
    } else {
      // without the stated status a woman gets the lower age: the office checks the file anyway
      const identity = v['retirement.identity'] === 'cadre' ? 'cadre' : 'worker';
      const months = statutoryRetirementMonths(p.birthDate, p.sex, identity);
      earliest = dayAtAgeMonths(p.birthDate, months);
      const age = { zh: `${Math.floor(months / 12)} 周岁${months % 12 ? `${months % 12} 个月` : ''}`, en: `${Math.floor(months / 12)} years${months % 12 ? ` ${months % 12} months` : ''}` };
      rule = { zh: `法定退休年龄为 ${age.zh}`, en: `the statutory retirement age is ${age.en}` };
    }
    if (on >= earliest) return undefined;
    return {
      code: 'BELOW_RETIREMENT_AGE',
      paths: ['retirement.date', 'applicant.id-number'],
      zh: `按公民身份号码，${rule.zh}，最早可于 ${earliest} 退休，所填退休时间为 ${on}`,
      en: `By the ID number, ${rule.en}: the earliest retirement date is ${earliest}, not ${on}`,
    };
  },
};

function idMatchesBirthDate(idCode: string, dateCode: string, who: { zh: string; en: string }): CrossRule {
  return {
    code: `${idCode}-matches-${dateCode}`,
    needs: [idCode, dateCode],
    check(v) {
      const p = person(v, idCode);
      const stated = str(v, dateCode)!;
      if (!p || p.birthDate === stated) return undefined;
      return {
        code: 'ID_BIRTH_DATE_MISMATCH',
        paths: [idCode, dateCode],
        zh: `${who.zh}公民身份号码中的出生日期为 ${p.birthDate}，与所填出生日期 ${stated} 不一致，请核对`,
        en: `${who.en}'s ID number gives ${p.birthDate} as the date of birth, not ${stated}; please check`,
      };
    },
  };
}

function notBeforeBirth(idCode: string, dateCode: string, what: { zh: string; en: string }): CrossRule {
  return {
    code: `${dateCode}-after-birth-of-${idCode}`,
    needs: [idCode, dateCode],
    check(v) {
      const p = person(v, idCode);
      const d = str(v, dateCode)!;
      if (!p || d >= p.birthDate) return undefined;
      return { code: 'DATE_BEFORE_BIRTH', paths: [dateCode, idCode], zh: `${what.zh}（${d}）早于公民身份号码中的出生日期（${p.birthDate}），请核对`, en: `${what.en} (${d}) is before the date of birth in the ID number (${p.birthDate}); please check` };
    },
  };
}

// 《劳动法》第十五条: no one under 16 may be employed.
const MIN_WORKING_AGE = 16;

export const CROSS_RULES: readonly CrossRule[] = [
  // a child and the parents
  idMatchesBirthDate('child.id-number', 'child.birth-date', { zh: '儿童', en: "The child" }),
  idMatchesGender('child.id-number', 'child.gender', { zh: '儿童', en: 'The child' }),
  childAfterParent('mother.id-number', { zh: '母亲', en: 'mother' }),
  childAfterParent('father.id-number', { zh: '父亲', en: 'father' }),
  parentSex('mother.id-number', 'female', { zh: '母亲', en: 'mother' }),
  parentSex('father.id-number', 'male', { zh: '父亲', en: 'father' }),
  // the applicant
  idMatchesGender('applicant.id-number', 'applicant.gender', { zh: '申请人', en: 'The applicant' }),
  // marriage
  notMarryingOneself,
  marriageAge,
  // retirement
  retirementAge,
  minimumAge('applicant.id-number', 'retirement.work-start-date', MIN_WORKING_AGE, 'WORK_START_UNDER_16', { zh: '参加工作时间', en: 'Date of first employment' }),
  dateOrder('retirement-after-work-start', 'retirement.work-start-date', 'retirement.date', { zh: '退休时间应晚于参加工作时间', en: 'The retirement date must come after the first employment' }, true),
  // employment
  minimumAge('employee.id-number', 'employee.hire-date', MIN_WORKING_AGE, 'EMPLOYEE_UNDER_16', { zh: '用工日期', en: 'Hiring date' }),
  dateOrder('contract-start-before-end', 'employee.contract-start', 'employee.contract-end', { zh: '劳动合同终止日期应晚于起始日期', en: 'The contract must end after it starts' }, true),
  dateOrder('employment-start-before-contract-end', 'employment.start-date', 'employment.contract-end-date', { zh: '劳动合同终止日期应晚于就业日期', en: 'The contract must end after employment starts' }, true),
  // after death
  idMatchesGender('deceased.id-number', 'deceased.gender', { zh: '逝者', en: 'The deceased' }),
  notBeforeBirth('deceased.id-number', 'deceased.death-date', { zh: '死亡日期', en: 'The date of death' }),
  dateOrder('cremation-after-death', 'deceased.death-date', 'deceased.cremation-date', { zh: '火化日期不能早于死亡日期', en: 'Cremation cannot be before death' }),
  // other periods
  dateOrder('enlist-before-discharge', 'veteran.enlist-date', 'veteran.discharge-date', { zh: '退出现役时间应晚于入伍时间', en: 'Discharge must come after enlistment' }, true),
  dateOrder('filing-start-before-end', 'out-of-area.start-date', 'out-of-area.end-date', { zh: '备案结束日期不能早于开始日期', en: 'The filing cannot end before it starts' }),
  dateOrder('project-start-before-completion', 'project.start-date', 'project.completion-date', { zh: '竣工日期应晚于开工日期', en: 'Completion must come after the start of works' }, true),
];

/** Problems across fields. Only rules whose elements are all in `present` (the form) and in `values` run. */
export function checkCrossRules(values: CleanValues, present: ReadonlySet<string>, today: string, rules: readonly CrossRule[] = CROSS_RULES): CrossProblem[] {
  const out: CrossProblem[] = [];
  for (const rule of rules) {
    if (!rule.needs.every((c) => present.has(c) && values[c] !== undefined)) continue;
    const p = rule.check(values, today);
    if (p) out.push(p);
  }
  return out;
}
