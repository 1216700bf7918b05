// Valid form values for any theme form, derived from the catalog's data element definitions (type,
// options, pattern, min/max, maxLength, dateRule) and not from the theme: every value passes
// validateElementValue, and together they pass the cross-field rules of src/modules/forms/cross-rules.ts
// (ID numbers agree with genders and dates of birth, children are born after their parents, the
// married are of age, the retired at retirement age, periods end after they start …).
// Deterministic: the same seed and day give the same values.
// Used by the tests and by the demo driver (npm run demo:drive); never by the application itself.
import type { TDataElement } from '../contract/catalog.ts';
import { CHANGSHA_DISTRICT_CODES, makeCreditCode, makeResidentId } from './identifiers.ts';

type ElementValue = string | number | boolean;

/** What the generator needs of a form element (a FormElement of buildThemeForm, or the form view's element). */
export interface ElementToFill {
  code: string;
  element: TDataElement;
  /** made by an earlier matter's result: not asked, so not filled */
  producedBy?: string | undefined;
}

export interface ValidValuesOptions {
  seed: number;
  /** the day the server validates on (its ctx.now()) */
  today: Date;
  /** also fill optional elements (default true: more of the validation is exercised) */
  optional?: boolean;
  required?: ReadonlySet<string>;
  /**
   * Who applies: the elements the catalog marks as the applicant's identity get these values (the
   * server refuses others), and the applicant's other facts (birth date, sex) follow the ID number.
   */
  applicant?: { name: string; idNumber: string };
  /** the enterprise an enterprise account applies for: its identity elements get these values */
  enterprise?: { name: string; creditCode: string };
}

/** mulberry32: small, fast, good enough for test data. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rnd = () => number;
const int = (rnd: Rnd, lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
const pick = <T>(rnd: Rnd, xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;

// ---------- dates (China calendar days as YYYY-MM-DD) ----------

const DAY_MS = 86_400_000;
/** The China (UTC+8) calendar day of an instant. */
export function chinaDayOf(d: Date): string {
  return new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}
const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
const addYears = (day: string, n: number) => {
  const y = Number(day.slice(0, 4)) + n;
  const md = day.slice(5) === '02-29' ? '02-28' : day.slice(5);
  return `${y}-${md}`;
};

// ---------- a regular-expression sampler (the subset catalog patterns use) ----------

type Node =
  | { kind: 'chars'; chars: string[]; ranges: Array<[number, number]> }
  | { kind: 'group'; alts: Node[][] }
  | { kind: 'repeat'; node: Node; min: number; max: number };

function parseRegex(src: string): Node[][] {
  let i = 0;
  const escape = (): { chars: string[]; ranges: Array<[number, number]> } => {
    const c = src[i++]!;
    if (c === 'd') return { chars: [], ranges: [[48, 57]] };
    if (c === 'w') return { chars: ['_'], ranges: [[48, 57], [65, 90], [97, 122]] };
    if (c === 's') return { chars: [' '], ranges: [] };
    if (c === 'u') {
      const hex = src.slice(i, i + 4);
      i += 4;
      return { chars: [String.fromCharCode(parseInt(hex, 16))], ranges: [] };
    }
    return { chars: [c], ranges: [] };
  };
  const classAtom = (): number => {
    if (src[i] === '\\' && src[i + 1] === 'u') {
      i += 2;
      const hex = src.slice(i, i + 4);
      i += 4;
      return parseInt(hex, 16);
    }
    if (src[i] === '\\') i++;
    return src.charCodeAt(i++);
  };
  const charClass = (): Node => {
    const chars: string[] = [];
    const ranges: Array<[number, number]> = [];
    if (src[i] === '^') throw new Error(`valid-values: negated classes are not supported in /${src}/`);
    while (src[i] !== ']') {
      if (src[i] === '\\' && src[i + 1] !== 'u') {
        i++;
        const e = escape();
        chars.push(...e.chars);
        ranges.push(...e.ranges);
        continue;
      }
      const from = classAtom();
      if (src[i] === '-' && src[i + 1] !== ']') {
        i++;
        ranges.push([from, classAtom()]);
      } else chars.push(String.fromCharCode(from));
    }
    i++;
    return { kind: 'chars', chars, ranges };
  };
  const alternatives = (): Node[][] => {
    const alts: Node[][] = [[]];
    while (i < src.length && src[i] !== ')') {
      const c = src[i++]!;
      let node: Node;
      if (c === '|') {
        alts.push([]);
        continue;
      } else if (c === '^' || c === '$') continue;
      else if (c === '(') {
        if (src[i] === '?' && src[i + 1] === ':') i += 2;
        node = { kind: 'group', alts: alternatives() };
        i++; // ')'
      } else if (c === '[') node = charClass();
      else if (c === '\\') node = { kind: 'chars', ...escape() };
      else if (c === '.') node = { kind: 'chars', chars: [], ranges: [[97, 122]] };
      else node = { kind: 'chars', chars: [c], ranges: [] };
      // quantifier
      const q = src[i];
      if (q === '{') {
        const end = src.indexOf('}', i);
        const [a, b] = src.slice(i + 1, end).split(',');
        node = { kind: 'repeat', node, min: Number(a), max: b === undefined ? Number(a) : b === '' ? Number(a) + 3 : Number(b) };
        i = end + 1;
      } else if (q === '?' || q === '*' || q === '+') {
        node = { kind: 'repeat', node, min: q === '+' ? 1 : 0, max: q === '?' ? 1 : 3 };
        i++;
      }
      alts[alts.length - 1]!.push(node);
    }
    return alts;
  };
  return alternatives();
}

function sampleNode(n: Node, rnd: Rnd): string {
  switch (n.kind) {
    case 'chars': {
      const size = n.chars.length + n.ranges.reduce((s, [a, b]) => s + b - a + 1, 0);
      let k = Math.floor(rnd() * size);
      if (k < n.chars.length) return n.chars[k]!;
      k -= n.chars.length;
      for (const [a, b] of n.ranges) {
        if (k <= b - a) return String.fromCharCode(a + k);
        k -= b - a + 1;
      }
      return '';
    }
    case 'group':
      return pick(rnd, n.alts).map((x) => sampleNode(x, rnd)).join('');
    case 'repeat': {
      const times = int(rnd, n.min, n.max);
      let s = '';
      for (let t = 0; t < times; t++) s += sampleNode(n.node, rnd);
      return s;
    }
  }
}

/** A string matching `pattern` (anchored catalog patterns: classes, groups, alternation, quantifiers). */
export function sampleRegex(pattern: string, rnd: Rnd): string {
  const re = new RegExp(pattern);
  const alts = parseRegex(pattern);
  for (let attempt = 0; attempt < 50; attempt++) {
    const s = pick(rnd, alts).map((n) => sampleNode(n, rnd)).join('');
    if (re.test(s)) return s;
  }
  throw new Error(`valid-values: could not sample a string for /${pattern}/`);
}

// ---------- the people a form talks about ----------

interface Person {
  birthDate: string;
  sex: 'male' | 'female';
  idNumber: string;
}

/**
 * Persons by element prefix, with the facts the cross rules relate:
 * - child born a few weeks ago, after mother (female) and father (male);
 * - applicant past every statutory and early retirement age (rules retirement-age, WORK_START_UNDER_16)
 *   and of marriage age; spouse of the other sex, a different person;
 * - deceased old, employee of working age.
 */
function persons(rnd: Rnd, today: string, applicant?: { idNumber: string }): Map<string, Person> {
  const out = new Map<string, Person>();
  let seq = int(rnd, 10, 400);
  const make = (prefix: string, birthDate: string, sex: 'male' | 'female') => {
    seq += 2;
    const s = (seq - (seq % 2)) + (sex === 'male' ? 1 : 0); // the order number's parity is the sex: odd = male
    out.set(prefix, { birthDate, sex, idNumber: makeResidentId(pick(rnd, CHANGSHA_DISTRICT_CODES), birthDate, s % 1000) });
  };
  const dayIn = (y0: number, y1: number) => `${int(rnd, y0, y1)}-${String(int(rnd, 1, 12)).padStart(2, '0')}-${String(int(rnd, 1, 28)).padStart(2, '0')}`;
  const sex = (): 'male' | 'female' => (rnd() < 0.5 ? 'male' : 'female');
  const year = Number(today.slice(0, 4));
  make('child', addDays(today, -int(rnd, 20, 60)), sex());
  make('mother', dayIn(year - 35, year - 24), 'female');
  make('father', dayIn(year - 38, year - 25), 'male');
  // born before 1963: past 60 (men) and past 55 (women cadres) with no delay of the 2024 decision
  const applicantSex = sex();
  make('applicant', dayIn(1955, 1962), applicantSex);
  if (applicant) {
    const id = applicant.idNumber;
    out.set('applicant', { idNumber: id, birthDate: `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`, sex: Number(id[16]) % 2 === 1 ? 'male' : 'female' });
  }
  make('spouse', dayIn(1955, 1962), out.get('applicant')!.sex === 'male' ? 'female' : 'male');
  make('deceased', dayIn(1930, 1950), sex());
  make('employee', dayIn(year - 40, year - 20), sex());
  return out;
}

/** The person an element is about: `mother.id-number` → mother; `enterprise.legal-rep-id-number` → a person of its own. */
function personKey(code: string): string {
  return code.slice(0, code.indexOf('.'));
}

// ---------- dates the cross rules relate ----------

/** Dates fixed by cross rules (the rest follow their own dateRule). */
function plannedDates(p: Map<string, Person>, today: string): Record<string, string> {
  const applicant = p.get('applicant')!;
  return {
    'child.birth-date': p.get('child')!.birthDate, // ID_BIRTH_DATE_MISMATCH, CHILD_BORN_BEFORE_PARENT
    'maternity.delivery-date': p.get('child')!.birthDate,
    'retirement.date': today, // applicant born before 1963: past every retirement age today
    'retirement.work-start-date': addYears(applicant.birthDate, 19), // WORK_START_UNDER_16; before retirement.date
    'deceased.death-date': addDays(today, -10), // past; after birth
    'deceased.cremation-date': addDays(today, -7), // not before death
    'employee.hire-date': addYears(p.get('employee')!.birthDate, 18), // EMPLOYEE_UNDER_16
    'employee.contract-start': addDays(today, -30),
    'employee.contract-end': addYears(today, 3),
    'employment.start-date': addDays(today, -30),
    'employment.contract-end-date': addYears(today, 2),
    'veteran.enlist-date': addYears(today, -6),
    'veteran.discharge-date': addDays(today, -60),
    'out-of-area.start-date': today,
    'out-of-area.end-date': addDays(today, 180),
    'marriage.appointment-date': addDays(today, 14),
    'project.start-date': addDays(today, 30),
    // must come after the start (a future date) though the catalog marks it "past": see completionDate()
    'project.completion-date': addDays(today, -1),
  };
}

// ---------- one element ----------

const CHINESE_WORDS = ['长沙', '芙蓉', '岳麓', '示例', '湘江', '橘子洲', '麓山', '星沙', '望城', '天心'];
const SURNAMES = ['张', '李', '王', '刘', '陈', '杨', '赵', '黄', '周', '吴'];
const GIVEN = ['小禾', '明', '芳', '军', '敏', '静', '涛', '立', '晴', '海'];

function textFor(el: TDataElement, rnd: Rnd, max: number): string {
  const name = /姓名|名称|人$/.test(el.name) && !/地址/.test(el.name);
  const s = name && /姓名/.test(el.name) ? pick(rnd, SURNAMES) + pick(rnd, GIVEN) : `${pick(rnd, CHINESE_WORDS)}${el.name.replace(/[（）()]/g, '')}示例`;
  return [...s].slice(0, Math.max(1, max)).join('');
}

function numberFor(el: TDataElement, rnd: Rnd): number {
  const min = el.min ?? (el.type === 'money' ? 0 : 0);
  const max = el.max ?? min + (el.type === 'money' ? 100_000 : 100);
  const lo = Math.ceil(min);
  const hi = Math.max(lo, Math.floor(max));
  const n = int(rnd, lo, hi);
  return el.type === 'money' && n < hi ? n + 0.5 : n;
}

function valueFor(f: ElementToFill, rnd: Rnd, people: Map<string, Person>, dates: Record<string, string>, today: string): ElementValue {
  const el = f.element;
  const max = el.maxLength ?? 200;
  if (el.pattern && (el.type === 'text' || el.type === 'longText' || el.type === 'certificateNo')) return sampleRegex(el.pattern, rnd);
  switch (el.type) {
    case 'text':
      return textFor(el, rnd, Math.min(max, 50));
    case 'longText':
      return `${textFor(el, rnd, 40)}。情况属实，特此说明。`.slice(0, max);
    case 'number':
    case 'money':
      return numberFor(el, rnd);
    case 'boolean':
      return rnd() < 0.5;
    case 'enum': {
      const options = el.options ?? [];
      // a gender agrees with the same person's ID number (ID_SEX_MISMATCH)
      const who = people.get(personKey(f.code));
      if (f.code.endsWith('.gender') && who) return who.sex === 'male' ? '1' : '2';
      return pick(rnd, options).value;
    }
    case 'date': {
      const planned = dates[f.code];
      if (planned) return planned;
      if (el.dateRule === 'past') return addDays(today, -int(rnd, 30, 900));
      if (el.dateRule === 'future') return addDays(today, int(rnd, 7, 120));
      return addDays(today, int(rnd, -30, 30));
    }
    case 'idNumber': {
      const key = personKey(f.code);
      let who = people.get(key);
      if (!who) {
        // someone else the form names (a legal representative, a guardian): an adult of their own
        const birth = `${int(rnd, 1965, 1995)}-${String(int(rnd, 1, 12)).padStart(2, '0')}-${String(int(rnd, 1, 28)).padStart(2, '0')}`;
        const sex = rnd() < 0.5 ? 'male' : 'female';
        who = { birthDate: birth, sex, idNumber: makeResidentId(pick(rnd, CHANGSHA_DISTRICT_CODES), birth, int(rnd, 0, 499) * 2 + (sex === 'male' ? 1 : 0)) };
        people.set(key, who);
      }
      return who.idNumber;
    }
    case 'phone':
      return `1${pick(rnd, ['38', '39', '58', '86', '77'])}${String(int(rnd, 0, 99_999_999)).padStart(8, '0')}`;
    case 'email':
      return `user${int(rnd, 1, 99_999)}@example.cn`;
    case 'creditCode':
      return makeCreditCode(`9143${pick(rnd, CHANGSHA_DISTRICT_CODES).slice(2)}`, `${f.code}-${rnd()}`);
    case 'divisionCode':
      return pick(rnd, CHANGSHA_DISTRICT_CODES);
    case 'address':
      return `湖南省长沙市${pick(rnd, ['芙蓉区', '岳麓区', '天心区', '开福区', '雨花区'])}${pick(rnd, CHINESE_WORDS)}路${int(rnd, 1, 300)}号`.slice(0, max);
    case 'certificateNo':
      return `ZS${String(int(rnd, 0, 99_999_999)).padStart(8, '0')}`.slice(0, max);
  }
}

export interface Generator {
  /** a valid value for one element, consistent with the other values of the same generator */
  value(f: ElementToFill): ElementValue;
  /** values for every element asked (producedBy ones are not asked) */
  values(elements: readonly ElementToFill[], required?: ReadonlySet<string>): Record<string, ElementValue>;
}

/** One generator per application: the people and dates it invents agree with each other. */
export function valueGenerator(opts: ValidValuesOptions): Generator {
  const rnd = seededRandom(opts.seed);
  const today = chinaDayOf(opts.today);
  const people = persons(rnd, today, opts.applicant);
  const dates = plannedDates(people, today);
  const made = new Map<string, ElementValue>();
  const identity = (f: ElementToFill): ElementValue | undefined => {
    const field = f.element.prefill.find((s) => s.source === 'profile');
    if (field?.source !== 'profile') return undefined;
    if (f.element.applicantIdentity === 'person' && opts.applicant)
      return field.field === 'name' ? opts.applicant.name : field.field === 'idNumber' ? opts.applicant.idNumber : undefined;
    if (f.element.applicantIdentity === 'enterprise' && opts.enterprise)
      return field.field === 'enterpriseName' ? opts.enterprise.name : field.field === 'creditCode' ? opts.enterprise.creditCode : undefined;
    return undefined;
  };
  const value = (f: ElementToFill) => {
    const had = made.get(f.code);
    if (had !== undefined) return had;
    const v = identity(f) ?? valueFor(f, rnd, people, dates, today);
    made.set(f.code, v);
    return v;
  };
  return {
    value,
    values(elements, required) {
      const out: Record<string, ElementValue> = {};
      for (const f of elements) {
        if (f.producedBy) continue;
        if (opts.optional === false && required && !required.has(f.code)) continue;
        out[f.code] = value(f);
      }
      return out;
    },
  };
}

/** Valid values for a form's elements. */
export function validValues(elements: readonly ElementToFill[], opts: ValidValuesOptions): Record<string, ElementValue> {
  return valueGenerator(opts).values(elements, opts.required);
}
