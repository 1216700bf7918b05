// Case states (办件状态) with the national status codes reported to provincial platforms, and the
// transition tables of a theme application and of its sub-cases, written as data. Pure: no I/O.
import { AppError } from '../../platform/errors.ts';

export const CASE_STATUSES = {
  draft: { code: '01', zh: '草稿', en: 'draft' },
  received: { code: '02', zh: '收件', en: 'received' },
  preAccepted: { code: '03', zh: '预受理', en: 'pre-accepted' },
  preAcceptanceReturned: { code: '04', zh: '预受理退回', en: 'pre-acceptance returned' },
  accepted: { code: '05', zh: '受理', en: 'accepted' },
  supplementRequested: { code: '06', zh: '补齐补正', en: 'supplement requested' },
  notAccepted: { code: '07', zh: '不予受理', en: 'not accepted' },
  inProgress: { code: '08', zh: '在办', en: 'in progress' },
  suspended: { code: '09', zh: '挂起', en: 'suspended (special procedure)' },
  completed: { code: '10', zh: '办结', en: 'completed' },
  completedByReferral: { code: '11', zh: '转报办结', en: 'completed by referral' },
  voided: { code: '12', zh: '作废办结', en: 'voided' },
  withdrawn: { code: '13', zh: '退件', en: 'withdrawn' },
} as const;

export type CaseStatus = keyof typeof CASE_STATUSES;
export type CaseStatusCode = (typeof CASE_STATUSES)[CaseStatus]['code'];
export const caseStatuses = Object.keys(CASE_STATUSES) as CaseStatus[];

const statusByCode = new Map<string, CaseStatus>(caseStatuses.map((s) => [CASE_STATUSES[s].code, s]));

export const statusCode = (status: CaseStatus): CaseStatusCode => CASE_STATUSES[status].code;

/** The status of a national code; undefined for a code that is not one. */
export const statusOfCode = (code: string): CaseStatus | undefined => statusByCode.get(code);

export const CASE_EVENTS = {
  submit: { zh: '提交申请', en: 'submit' },
  receive: { zh: '收件', en: 'receive' },
  preAccept: { zh: '预受理', en: 'pre-accept' },
  returnPreAcceptance: { zh: '预受理退回', en: 'return at pre-acceptance' },
  accept: { zh: '受理', en: 'accept' },
  notAccept: { zh: '不予受理', en: 'not accept' },
  requestSupplement: { zh: '补齐补正告知', en: 'request a supplement' },
  supplementAnswered: { zh: '补齐补正', en: 'answer the supplement request' },
  startHandling: { zh: '开始办理', en: 'start handling' },
  startSpecialProcedure: { zh: '启动特别程序', en: 'start a special procedure' },
  endSpecialProcedure: { zh: '结束特别程序', en: 'end the special procedure' },
  approve: { zh: '办结（准予）', en: 'approve' },
  reject: { zh: '办结（不予许可）', en: 'reject' },
  referral: { zh: '转报办结', en: 'complete by referral' },
  void: { zh: '作废', en: 'void' },
  withdraw: { zh: '撤回申请', en: 'withdraw' },
} as const;

export type CaseEvent = keyof typeof CASE_EVENTS;

/** What a guard may look at besides the status: facts recorded on the case. */
export interface CaseFacts {
  /** accepted (受理) at some point, so the clock had started; decides where a supplement returns to */
  wasAccepted?: boolean;
}

export interface Transition {
  readonly from: readonly CaseStatus[];
  readonly event: CaseEvent;
  readonly to: CaseStatus;
  readonly guard?: (facts: CaseFacts) => boolean;
}

export interface CaseMachine {
  readonly name: 'application' | 'subcase';
  readonly initial: CaseStatus;
  readonly transitions: readonly Transition[];
}

// A supplement asked for before acceptance (受理前一次性告知补正) goes back to intake; one asked
// for during handling goes back to handling, with the clock resumed.
const beforeAcceptance = (f: CaseFacts): boolean => f.wasAccepted === false;
const afterAcceptance = (f: CaseFacts): boolean => f.wasAccepted === true;

const INTAKE: readonly CaseStatus[] = ['received', 'preAccepted'];
const HANDLING: readonly CaseStatus[] = ['accepted', 'inProgress'];
const OPEN: readonly CaseStatus[] = [
  'received', 'preAccepted', 'preAcceptanceReturned', 'accepted', 'supplementRequested', 'inProgress', 'suspended',
];

/**
 * A sub-case (one per matter) starts as a draft while it waits for the sub-cases it depends on;
 * `receive` is its release to the responsible unit. Approval and rejection both end in 10 办结:
 * the national code records that a decision was made, the decision itself goes in the result record.
 */
export const subcaseMachine: CaseMachine = {
  name: 'subcase',
  initial: 'draft',
  transitions: [
    { from: ['draft', 'preAcceptanceReturned'], event: 'receive', to: 'received' },
    { from: ['received'], event: 'preAccept', to: 'preAccepted' },
    { from: INTAKE, event: 'returnPreAcceptance', to: 'preAcceptanceReturned' },
    { from: INTAKE, event: 'accept', to: 'accepted' },
    { from: INTAKE, event: 'notAccept', to: 'notAccepted' },
    { from: [...INTAKE, ...HANDLING], event: 'requestSupplement', to: 'supplementRequested' },
    { from: ['supplementRequested'], event: 'supplementAnswered', to: 'received', guard: beforeAcceptance },
    { from: ['supplementRequested'], event: 'supplementAnswered', to: 'inProgress', guard: afterAcceptance },
    // a supplement not answered in time: refused at intake, or decided against during handling
    { from: ['supplementRequested'], event: 'notAccept', to: 'notAccepted', guard: beforeAcceptance },
    { from: ['supplementRequested'], event: 'reject', to: 'completed', guard: afterAcceptance },
    { from: ['accepted'], event: 'startHandling', to: 'inProgress' },
    { from: HANDLING, event: 'startSpecialProcedure', to: 'suspended' },
    { from: ['suspended'], event: 'endSpecialProcedure', to: 'inProgress' },
    { from: HANDLING, event: 'approve', to: 'completed' },
    { from: HANDLING, event: 'reject', to: 'completed' },
    { from: HANDLING, event: 'referral', to: 'completedByReferral' },
    { from: ['draft', ...OPEN], event: 'void', to: 'voided' },
    { from: ['draft', ...OPEN], event: 'withdraw', to: 'withdrawn' },
  ],
};

/**
 * A theme application is driven by the applicant and the one-stop counter (综合窗) until it is
 * accepted; from then on its status follows its sub-cases (see followSubcases).
 */
export const applicationMachine: CaseMachine = {
  name: 'application',
  initial: 'draft',
  transitions: [
    { from: ['draft', 'preAcceptanceReturned'], event: 'submit', to: 'received' },
    { from: ['received'], event: 'preAccept', to: 'preAccepted' },
    { from: INTAKE, event: 'returnPreAcceptance', to: 'preAcceptanceReturned' },
    { from: INTAKE, event: 'requestSupplement', to: 'supplementRequested' },
    { from: ['supplementRequested'], event: 'supplementAnswered', to: 'received', guard: beforeAcceptance },
    { from: INTAKE, event: 'accept', to: 'accepted' },
    { from: INTAKE, event: 'notAccept', to: 'notAccepted' },
    { from: ['supplementRequested'], event: 'notAccept', to: 'notAccepted', guard: beforeAcceptance },
    { from: OPEN, event: 'void', to: 'voided' },
    { from: OPEN, event: 'withdraw', to: 'withdrawn' },
  ],
};

function invalidTransition(machine: CaseMachine, state: CaseStatus, event: CaseEvent): AppError {
  const s = CASE_STATUSES[state];
  const e = CASE_EVENTS[event];
  const what = machine.name === 'application' ? { zh: '申请', en: 'an application' } : { zh: '子件', en: 'a sub-case' };
  return new AppError('conflict', 'INVALID_TRANSITION', {
    zh: `${what.zh}当前状态为“${s.zh}”（${s.code}），不能执行“${e.zh}”`,
    en: `Cannot ${e.en} ${what.en} that is ${s.en} (${s.code})`,
  });
}

/** The state after `event`, or an INVALID_TRANSITION conflict; the first matching row whose guard holds wins. */
export function transition(machine: CaseMachine, state: CaseStatus, event: CaseEvent, facts: CaseFacts = {}): CaseStatus {
  const row = machine.transitions.find((t) => t.event === event && t.from.includes(state) && (t.guard?.(facts) ?? true));
  if (!row) throw invalidTransition(machine, state, event);
  return row.to;
}

/** Events allowed in `state`, for showing only the actions that can succeed. */
export function allowedEvents(machine: CaseMachine, state: CaseStatus, facts: CaseFacts = {}): CaseEvent[] {
  const events = machine.transitions
    .filter((t) => t.from.includes(state) && (t.guard?.(facts) ?? true))
    .map((t) => t.event);
  return [...new Set(events)];
}

// ---------- status predicates: the one place that says what a status means ----------

const FINAL: ReadonlySet<CaseStatus> = new Set(['notAccepted', 'completed', 'completedByReferral', 'voided', 'withdrawn']);
const WITH_APPLICANT: ReadonlySet<CaseStatus> = new Set(['draft', 'preAcceptanceReturned', 'supplementRequested']);

/** Nothing leads out: 07, 10, 11, 12, 13. */
export const isFinal = (s: CaseStatus): boolean => FINAL.has(s);
/** Submitted and not finished: shown as open, whoever must act next. */
export const isActive = (s: CaseStatus): boolean => s !== 'draft' && !FINAL.has(s);
/** The applicant must act next (fill in, correct, supplement). */
export const awaitsApplicant = (s: CaseStatus): boolean => WITH_APPLICANT.has(s);
/** Finished with a decision or a referral, so there is a result to deliver. */
export const hasResult = (s: CaseStatus): boolean => s === 'completed' || s === 'completedByReferral';
/** The time-limit clock runs from acceptance; it is paused in 06 补齐补正 and 09 挂起, and stopped when final. */
export const clockRunning = (s: CaseStatus): boolean => s === 'accepted' || s === 'inProgress';

// ---------- the application's one status ----------

/** Application states in which its status is derived from its sub-cases. */
export const FOLLOWS_SUBCASES: ReadonlySet<CaseStatus> = new Set(['accepted', 'inProgress', 'supplementRequested', 'suspended']);

/**
 * The application's single status from its sub-cases' statuses. While any sub-case is open:
 * 06 if the applicant must act on one (a supplement, or a returned pre-acceptance), 09 if every
 * open one is suspended, 05 if no unit has started (all still 01–03), else 08. Once all are final,
 * withdrawn and voided sub-cases do not count: 07 if every other one was not accepted, 11 if every
 * other one was referred, else 10 — 10 includes refusals, whose consequences for dependent
 * sub-cases the theme's policy has already applied to their statuses. Nothing left: 13 if any was
 * withdrawn, else 12.
 */
export function overallStatus(subcases: readonly CaseStatus[]): CaseStatus {
  if (subcases.length === 0) throw new RangeError('overallStatus: an application has at least one sub-case');
  const open = subcases.filter((s) => !isFinal(s));
  if (open.length > 0) {
    if (open.some((s) => s === 'supplementRequested' || s === 'preAcceptanceReturned')) return 'supplementRequested';
    if (open.every((s) => s === 'suspended')) return 'suspended';
    if (subcases.every((s) => s === 'draft' || s === 'received' || s === 'preAccepted')) return 'accepted';
    return 'inProgress';
  }
  const decided = subcases.filter((s) => s !== 'withdrawn' && s !== 'voided');
  if (decided.length === 0) return subcases.includes('withdrawn') ? 'withdrawn' : 'voided';
  if (decided.every((s) => s === 'notAccepted')) return 'notAccepted';
  if (decided.every((s) => s === 'completedByReferral')) return 'completedByReferral';
  return 'completed';
}

/**
 * The application's status after a sub-case changed. Only once accepted: before that its status is
 * its own, and a 06 at intake is a supplement asked of the whole application.
 */
export function followSubcases(application: CaseStatus, subcases: readonly CaseStatus[], facts: CaseFacts): CaseStatus {
  if (!FOLLOWS_SUBCASES.has(application) || !afterAcceptance(facts)) {
    const s = CASE_STATUSES[application];
    throw new AppError('conflict', 'INVALID_TRANSITION', {
      zh: `申请当前状态为“${s.zh}”（${s.code}），其状态不随子件变化`,
      en: `An application that is ${s.en} (${s.code}) does not follow its sub-cases`,
    });
  }
  return overallStatus(subcases);
}
