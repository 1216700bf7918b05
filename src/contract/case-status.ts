// Case states (办件状态) with the national status codes reported to provincial platforms, the events
// of a case, and what a status means (final, active, awaiting the applicant, …). The server's
// transition tables and every client read these; nothing here does I/O.

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

/**
 * The events of a case: `zh`/`en` name the action (in refusals: "cannot accept …"), `done` names it
 * in a timeline. Every event written to case_history is declared here (migration 013 checks it).
 */
export const CASE_EVENTS = {
  submit: { zh: '提交申请', en: 'submit', done: { zh: '提交申请', en: 'Submitted' } },
  receive: { zh: '收件', en: 'receive', done: { zh: '收件', en: 'Received' } },
  preAccept: { zh: '预受理', en: 'pre-accept', done: { zh: '预受理', en: 'Pre-accepted' } },
  returnPreAcceptance: { zh: '预受理退回', en: 'return at pre-acceptance', done: { zh: '预受理退回', en: 'Returned at pre-acceptance' } },
  accept: { zh: '受理', en: 'accept', done: { zh: '受理', en: 'Accepted' } },
  notAccept: { zh: '不予受理', en: 'not accept', done: { zh: '不予受理', en: 'Not accepted' } },
  requestSupplement: { zh: '补齐补正告知', en: 'request a supplement', done: { zh: '补齐补正告知', en: 'Supplement requested' } },
  supplementAnswered: { zh: '补齐补正', en: 'answer the supplement request', done: { zh: '已补齐补正', en: 'Supplement answered' } },
  startHandling: { zh: '开始办理', en: 'start handling', done: { zh: '开始办理', en: 'Handling started' } },
  startSpecialProcedure: { zh: '启动特别程序', en: 'start a special procedure', done: { zh: '启动特别程序', en: 'Special procedure started' } },
  endSpecialProcedure: { zh: '结束特别程序', en: 'end the special procedure', done: { zh: '结束特别程序', en: 'Special procedure ended' } },
  approve: { zh: '办结（准予）', en: 'approve', done: { zh: '办结（准予）', en: 'Approved' } },
  reject: { zh: '办结（不予许可）', en: 'reject', done: { zh: '办结（不予许可）', en: 'Rejected' } },
  referral: { zh: '转报办结', en: 'complete by referral', done: { zh: '转报办结', en: 'Completed by referral' } },
  void: { zh: '作废', en: 'void', done: { zh: '作废', en: 'Voided' } },
  withdraw: { zh: '撤回申请', en: 'withdraw', done: { zh: '撤回申请', en: 'Withdrawn' } },
  // recorded in the history only, never a transition of the tables:
  /** the application's status recomputed from its sub-cases (bundle engine) */
  followSubcases: { zh: '办理状态更新', en: 'follow the sub-cases', done: { zh: '办理状态更新', en: 'Status updated' } },
  /** the citizen confirmed an application taken in at the counter */
  confirm: { zh: '申请人确认', en: 'confirm', done: { zh: '申请人确认', en: 'Confirmed by the applicant' } },
} as const;

export type CaseEvent = keyof typeof CASE_EVENTS;
export const caseEvents = Object.keys(CASE_EVENTS) as CaseEvent[];

/** The timeline name of a history event; undefined for one that is not declared. */
export const eventName = (event: string): { zh: string; en: string } | undefined =>
  Object.hasOwn(CASE_EVENTS, event) ? CASE_EVENTS[event as CaseEvent].done : undefined;

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

/** A predicate on statuses as one on national codes (what the API carries); false for an unknown code. */
export const byCode = (predicate: (s: CaseStatus) => boolean) => (code: string): boolean => {
  const s = statusOfCode(code);
  return s !== undefined && predicate(s);
};
export const isFinalCode = byCode(isFinal);
export const hasResultCode = byCode(hasResult);

/**
 * How a status is shown: ok (a result), strong (ended without one, or returned), bring (the
 * applicant or a special procedure holds it), info (under way).
 */
export type StatusTone = 'ok' | 'strong' | 'bring' | 'info';
export function statusTone(s: CaseStatus | undefined): StatusTone {
  if (s === undefined) return 'info';
  if (hasResult(s)) return 'ok';
  if (isFinal(s) || s === 'preAcceptanceReturned') return 'strong';
  if (s === 'supplementRequested' || s === 'suspended') return 'bring';
  return 'info';
}

