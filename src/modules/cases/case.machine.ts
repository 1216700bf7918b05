// The transition tables of a theme application and of its sub-cases, written as data on the
// state-machine kit; the statuses, events and their predicates are the contract's. Pure: no I/O.
import { AppError } from '../../platform/errors.ts';
import * as kit from '../../platform/state-machine.ts';
import { CASE_EVENTS, CASE_STATUSES, caseEvents, caseStatuses, isFinal, type CaseEvent, type CaseStatus } from '../../contract/case-status.ts';

export {
  CASE_EVENTS, CASE_STATUSES, caseEvents, caseStatuses, statusCode, statusOfCode, isFinal, isActive, awaitsApplicant, hasResult, clockRunning,
  type CaseEvent, type CaseStatus, type CaseStatusCode,
} from '../../contract/case-status.ts';

/** What a guard may look at besides the status: facts recorded on the case. */
export interface CaseFacts {
  /** accepted (受理) at some point, so the clock had started; decides where a supplement returns to */
  wasAccepted?: boolean;
}

export type Transition = kit.TransitionRow<CaseStatus, CaseEvent, CaseFacts>;
export type CaseMachine = kit.Machine<CaseStatus, CaseEvent, CaseFacts> & { readonly name: 'application' | 'subcase' };

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
export const subcaseMachine: CaseMachine = caseMachine('subcase', [
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
]);

/**
 * A theme application is driven by the applicant and the one-stop counter (综合窗) until it is
 * accepted; from then on its status follows its sub-cases (see followSubcases).
 */
export const applicationMachine: CaseMachine = caseMachine('application', [
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
]);

function invalidTransition(name: CaseMachine['name'], state: CaseStatus, event: CaseEvent): AppError {
  const s = CASE_STATUSES[state];
  const e = CASE_EVENTS[event];
  const what = name === 'application' ? { zh: '申请', en: 'an application' } : { zh: '子件', en: 'a sub-case' };
  return new AppError('conflict', 'INVALID_TRANSITION', {
    zh: `${what.zh}当前状态为“${s.zh}”（${s.code}），不能执行“${e.zh}”`,
    en: `Cannot ${e.en} ${what.en} that is ${s.en} (${s.code})`,
  });
}

function caseMachine(name: CaseMachine['name'], transitions: Transition[]): CaseMachine {
  return {
    ...kit.defineMachine<CaseStatus, CaseEvent, CaseFacts>({
      name, states: caseStatuses, events: caseEvents, initial: 'draft', transitions, refuse: (state, event) => invalidTransition(name, state, event),
    }),
    name,
  };
}

/** The state after `event`, or an INVALID_TRANSITION conflict; the first matching row whose guard holds wins. */
export function transition(machine: CaseMachine, state: CaseStatus, event: CaseEvent, facts: CaseFacts = {}): CaseStatus {
  return kit.transition(machine, state, event, facts);
}

/** Events allowed in `state`, for showing only the actions that can succeed. */
export function allowedEvents(machine: CaseMachine, state: CaseStatus, facts: CaseFacts = {}): CaseEvent[] {
  return kit.allowedEvents(machine, state, facts);
}

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
