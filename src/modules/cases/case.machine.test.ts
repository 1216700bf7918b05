import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/errors.ts';
import {
  CASE_EVENTS,
  CASE_STATUSES,
  type CaseEvent,
  type CaseFacts,
  type CaseMachine,
  type CaseStatus,
  allowedEvents,
  applicationMachine,
  awaitsApplicant,
  caseStatuses,
  clockRunning,
  followSubcases,
  hasResult,
  isActive,
  isFinal,
  overallStatus,
  statusCode,
  statusOfCode,
  subcaseMachine,
  transition,
} from './index.ts';

type Row = [from: CaseStatus, event: CaseEvent, to: CaseStatus, facts?: CaseFacts];
const before: CaseFacts = { wasAccepted: false };
const after: CaseFacts = { wasAccepted: true };
const events = Object.keys(CASE_EVENTS) as CaseEvent[];
const open: CaseStatus[] = ['received', 'preAccepted', 'preAcceptanceReturned', 'accepted', 'supplementRequested', 'inProgress', 'suspended'];

// Written out by hand, not derived from the tables, so that a change to a table must change this too.
const subcaseRows: Row[] = [
  ['draft', 'receive', 'received'],
  ['preAcceptanceReturned', 'receive', 'received'],
  ['received', 'preAccept', 'preAccepted'],
  ['received', 'returnPreAcceptance', 'preAcceptanceReturned'],
  ['preAccepted', 'returnPreAcceptance', 'preAcceptanceReturned'],
  ['received', 'accept', 'accepted'],
  ['preAccepted', 'accept', 'accepted'],
  ['received', 'notAccept', 'notAccepted'],
  ['preAccepted', 'notAccept', 'notAccepted'],
  ['received', 'requestSupplement', 'supplementRequested'],
  ['preAccepted', 'requestSupplement', 'supplementRequested'],
  ['accepted', 'requestSupplement', 'supplementRequested'],
  ['inProgress', 'requestSupplement', 'supplementRequested'],
  ['supplementRequested', 'supplementAnswered', 'received', before],
  ['supplementRequested', 'supplementAnswered', 'inProgress', after],
  ['supplementRequested', 'notAccept', 'notAccepted', before],
  ['supplementRequested', 'reject', 'completed', after],
  ['accepted', 'startHandling', 'inProgress'],
  ['accepted', 'startSpecialProcedure', 'suspended'],
  ['inProgress', 'startSpecialProcedure', 'suspended'],
  ['suspended', 'endSpecialProcedure', 'inProgress'],
  ['accepted', 'approve', 'completed'],
  ['inProgress', 'approve', 'completed'],
  ['accepted', 'reject', 'completed'],
  ['inProgress', 'reject', 'completed'],
  ['accepted', 'referral', 'completedByReferral'],
  ['inProgress', 'referral', 'completedByReferral'],
  ...(['draft', ...open] as CaseStatus[]).flatMap((s): Row[] => [[s, 'void', 'voided'], [s, 'withdraw', 'withdrawn']]),
];

const applicationRows: Row[] = [
  ['draft', 'submit', 'received'],
  ['preAcceptanceReturned', 'submit', 'received'],
  ['received', 'preAccept', 'preAccepted'],
  ['received', 'returnPreAcceptance', 'preAcceptanceReturned'],
  ['preAccepted', 'returnPreAcceptance', 'preAcceptanceReturned'],
  ['received', 'requestSupplement', 'supplementRequested'],
  ['preAccepted', 'requestSupplement', 'supplementRequested'],
  ['supplementRequested', 'supplementAnswered', 'received', before],
  ['received', 'accept', 'accepted'],
  ['preAccepted', 'accept', 'accepted'],
  ['received', 'notAccept', 'notAccepted'],
  ['preAccepted', 'notAccept', 'notAccepted'],
  ['supplementRequested', 'notAccept', 'notAccepted', before],
  ...open.flatMap((s): Row[] => [[s, 'void', 'voided'], [s, 'withdraw', 'withdrawn']]),
];

/** Every (state, event, facts) not in `rows` must be refused. */
function forbidden(rows: Row[]): Array<[CaseStatus, CaseEvent, CaseFacts]> {
  const out: Array<[CaseStatus, CaseEvent, CaseFacts]> = [];
  for (const state of caseStatuses)
    for (const event of events)
      for (const facts of [before, after]) {
        const allowed = rows.some(([f, e, , rf]) => f === state && e === event && (!rf || rf.wasAccepted === facts.wasAccepted));
        if (!allowed) out.push([state, event, facts]);
      }
  return out;
}

function conflictOf(machine: CaseMachine, state: CaseStatus, event: CaseEvent, facts?: CaseFacts): AppError {
  try {
    transition(machine, state, event, facts);
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error(`${machine.name}: ${state} --${event}--> was allowed`);
}

describe('national status codes', () => {
  it('are 01–13 in order, each with a Chinese and an English label', () => {
    expect(caseStatuses.map(statusCode)).toEqual(['01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12', '13']);
    expect(CASE_STATUSES.supplementRequested).toEqual({ code: '06', zh: '补齐补正', en: 'supplement requested' });
    expect(CASE_STATUSES.withdrawn.zh).toBe('退件');
    for (const s of caseStatuses) expect(statusOfCode(statusCode(s))).toBe(s);
    expect(statusOfCode('14')).toBeUndefined();
  });
});

describe.each([
  ['sub-case', subcaseMachine, subcaseRows],
  ['application', applicationMachine, applicationRows],
] as const)('%s transitions', (_name, machine, rows) => {
  it('starts as a draft', () => {
    expect(machine.initial).toBe('draft');
  });

  it.each(rows.map((r) => [r[0], r[1], r[2], r[3]] as const))('%s --%s--> %s', (from, event, to, facts) => {
    expect(transition(machine, from, event, facts)).toBe(to);
  });

  it('has no row the hand-written list lacks', () => {
    for (const [state, event, facts] of forbidden(rows)) {
      expect(() => transition(machine, state, event, facts), `${state} --${event}--> ${JSON.stringify(facts)}`).toThrow(AppError);
    }
  });

  it('offers exactly the allowed events', () => {
    for (const state of caseStatuses) {
      for (const facts of [before, after]) {
        const expected = new Set(rows.filter(([f, , , rf]) => f === state && (!rf || rf.wasAccepted === facts.wasAccepted)).map((r) => r[1]));
        expect(new Set(allowedEvents(machine, state, facts))).toEqual(expected);
      }
    }
  });

  it('lets nothing out of a final state', () => {
    for (const state of caseStatuses.filter(isFinal)) expect(allowedEvents(machine, state, after)).toEqual([]);
  });
});

describe('refused transitions', () => {
  it.each([
    [subcaseMachine, 'completed', 'approve'],
    [subcaseMachine, 'withdrawn', 'withdraw'],
    [subcaseMachine, 'draft', 'accept'],
    [subcaseMachine, 'received', 'approve'],
    [subcaseMachine, 'suspended', 'approve'],
    [subcaseMachine, 'supplementRequested', 'startSpecialProcedure'],
    [subcaseMachine, 'notAccepted', 'accept'],
    [applicationMachine, 'draft', 'accept'],
    [applicationMachine, 'completed', 'withdraw'],
    [applicationMachine, 'inProgress', 'approve'],
    [applicationMachine, 'draft', 'void'],
  ] as const)('%#: %s refuses %s', (machine, state, event) => {
    const err = conflictOf(machine, state, event);
    expect(err.kind).toBe('conflict');
    expect(err.status).toBe(409);
    expect(err.code).toBe('INVALID_TRANSITION');
    expect(err.zh).toContain(CASE_STATUSES[state].zh);
    expect(err.zh).toContain(CASE_EVENTS[event].zh);
    expect(err.en).toContain(CASE_STATUSES[state].code);
    expect(err.en).toContain(CASE_EVENTS[event].en);
  });

  it('refuses a guarded move when the fact it needs is unknown', () => {
    expect(conflictOf(subcaseMachine, 'supplementRequested', 'supplementAnswered', {}).code).toBe('INVALID_TRANSITION');
    expect(conflictOf(applicationMachine, 'supplementRequested', 'supplementAnswered', after).code).toBe('INVALID_TRANSITION');
  });
});

describe('status predicates', () => {
  it.each([
    // status, final, active, awaits applicant, has result, clock running
    ['draft', false, false, true, false, false],
    ['received', false, true, false, false, false],
    ['preAccepted', false, true, false, false, false],
    ['preAcceptanceReturned', false, true, true, false, false],
    ['accepted', false, true, false, false, true],
    ['supplementRequested', false, true, true, false, false],
    ['notAccepted', true, false, false, false, false],
    ['inProgress', false, true, false, false, true],
    ['suspended', false, true, false, false, false],
    ['completed', true, false, false, true, false],
    ['completedByReferral', true, false, false, true, false],
    ['voided', true, false, false, false, false],
    ['withdrawn', true, false, false, false, false],
  ] as const)('%s', (status, final, active, applicant, result, clock) => {
    expect([isFinal(status), isActive(status), awaitsApplicant(status), hasResult(status), clockRunning(status)]).toEqual([
      final, active, applicant, result, clock,
    ]);
  });
});

describe('overallStatus', () => {
  it.each([
    [['completed', 'completed', 'completed'], 'completed'],
    [['completed', 'completedByReferral'], 'completed'],
    [['completedByReferral', 'completedByReferral'], 'completedByReferral'],
    [['completed', 'notAccepted'], 'completed'], // a decision was made: the results are delivered
    [['notAccepted', 'notAccepted'], 'notAccepted'],
    [['notAccepted', 'withdrawn'], 'notAccepted'],
    [['completed', 'voided'], 'completed'], // a dependent voided by the theme's rejection policy
    [['withdrawn', 'withdrawn'], 'withdrawn'],
    [['withdrawn', 'voided'], 'withdrawn'],
    [['voided'], 'voided'],
    [['inProgress', 'supplementRequested', 'completed'], 'supplementRequested'],
    [['suspended', 'preAcceptanceReturned'], 'supplementRequested'],
    [['inProgress', 'suspended'], 'inProgress'],
    [['suspended', 'suspended', 'completed'], 'suspended'],
    [['suspended', 'received'], 'inProgress'],
    [['draft', 'received', 'preAccepted'], 'accepted'],
    [['received', 'accepted'], 'inProgress'],
    [['draft', 'completed'], 'inProgress'], // waiting for a dependency that has finished
    [['draft', 'notAccepted'], 'inProgress'],
  ] as const)('%j → %s', (subcases, expected) => {
    expect(overallStatus(subcases)).toBe(expected);
  });

  it('needs at least one sub-case', () => {
    expect(() => overallStatus([])).toThrow(RangeError);
  });

  it('is followed by the application only once accepted', () => {
    expect(followSubcases('accepted', ['inProgress', 'received'], after)).toBe('inProgress');
    expect(followSubcases('supplementRequested', ['completed', 'completed'], after)).toBe('completed');
    expect(() => followSubcases('supplementRequested', ['draft'], before)).toThrow(AppError);
    expect(() => followSubcases('received', ['draft'], after)).toThrow(AppError);
    expect(() => followSubcases('completed', ['completed'], after)).toThrow(AppError);
  });
});
