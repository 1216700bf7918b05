// The sub-case's time limits on the working-day calendar, kept as columns (migration 012): a
// provisional due time when it is released (what it would be if the unit accepted now), the real clock
// from acceptance (受理), paused by supplements and special procedures. Both the promised (承诺) and the
// legal (法定) due time move with a pause. Pure: the callers read and write the row.
import {
  clockDeadline, limitToOfficeMs, officeMsBetween, subtractOfficeMs, type ClockLimit, type WorkClock,
} from '../../platform/calendar.ts';
import { WARNING_LEVELS, type TWarningLevel as WarningLevel } from '../../contract/deadline.ts';
import { limitInWorkdays } from '../catalog/index.ts';

/** a matter's time limit as pinned on the sub-case */
export type TimeLimit = { value: number; unit: 'workday' | 'calendarDay' | 'hour' };
export { WARNING_LEVELS, type WarningLevel };

/** Calendar-day limits are rare for promised limits; they count as the working days limitInWorkdays gives (5 of 7). */
export function clockLimitOf(limit: TimeLimit): ClockLimit {
  return limit.unit === 'hour' ? { value: limit.value, unit: 'hour' } : { value: limitInWorkdays(limit), unit: 'workday' };
}

const deadlineOf = (limit: TimeLimit, usedMs: number, runningSince: Date): Date =>
  clockDeadline({ limitMs: limitToOfficeMs(clockLimitOf(limit)), startedAt: runningSince, usedBeforePauseMs: usedMs, runningSince } satisfies WorkClock)!;

/**
 * Shown while the unit has not accepted yet: the deadline of a clock accepted now, so accepting at
 * the same instant keeps it and accepting later can only move it later (the same function for both).
 */
export const provisionalPromisedAt = (limit: TimeLimit, at: Date): Date => deadlineOf(limit, 0, at);

/** The clock columns of a sub-case (promised_at is the promised due time). */
export interface ClockColumns {
  promised_at: Date | null;
  legal_due_at: Date | null;
  clock_started_at: Date | null;
  running_since: Date | null;
  paused_since: Date | null;
  office_ms_used: number;
  notice_at: Date | null;
  level_due_at: Date | null;
}

export interface ClockState extends ClockColumns {
  time_limit: TimeLimit;
  legal_limit: TimeLimit | null;
  warning_level: WarningLevel;
}

const MS = 1; // "past the due time" starts one millisecond after it (the instants here are milliseconds)

/** When each level begins: notice at notice_at, yellow just past the promised, red just past the legal due time. */
function thresholds(c: Pick<ClockColumns, 'notice_at' | 'promised_at' | 'legal_due_at'>): Array<[number, WarningLevel]> {
  const out: Array<[number, WarningLevel]> = [];
  if (c.notice_at) out.push([c.notice_at.getTime(), 'notice']);
  if (c.promised_at) out.push([c.promised_at.getTime() + MS, 'yellow']);
  if (c.legal_due_at) out.push([c.legal_due_at.getTime() + MS, 'red']);
  return out;
}

const RANK: Record<WarningLevel, number> = { none: 0, notice: 1, yellow: 2, red: 3 };

/** The warning level the due times give at `now` (the sweep computes the same in SQL). */
export function levelAt(c: Pick<ClockColumns, 'notice_at' | 'promised_at' | 'legal_due_at'>, now: Date): WarningLevel {
  let level: WarningLevel = 'none';
  for (const [from, l] of thresholds(c)) if (now.getTime() >= from && RANK[l] > RANK[level]) level = l;
  return level;
}

/**
 * When the sweep must next look at the row: now when the stored level is not the level of now (the
 * sweep changes it and emits the change, the only writer of warning_level), else the next threshold.
 */
export function levelDueAt(c: Pick<ClockColumns, 'notice_at' | 'promised_at' | 'legal_due_at'>, stored: WarningLevel, now: Date): Date | null {
  if (levelAt(c, now) !== stored) return new Date(now.getTime());
  const next = thresholds(c).map(([from]) => from).filter((from) => from > now.getTime());
  return next.length === 0 ? null : new Date(Math.min(...next));
}

export type ClockPatch = Partial<ClockColumns>;

/** Due times of a clock running since `since` with `usedMs` already used, and the level timing that follows. */
type Limits = Pick<ClockState, 'time_limit' | 'legal_limit' | 'warning_level'>;

function running(s: Limits, usedMs: number, since: Date, at: Date, noticeWorkdays: number): ClockPatch {
  const promised = deadlineOf(s.time_limit, usedMs, since);
  const legal = s.legal_limit ? deadlineOf(s.legal_limit, usedMs, since) : null;
  const notice = subtractOfficeMs(promised, limitToOfficeMs({ value: noticeWorkdays, unit: 'workday' }));
  const due = { promised_at: promised, legal_due_at: legal, notice_at: notice };
  return { ...due, office_ms_used: usedMs, paused_since: null, level_due_at: levelDueAt(due, s.warning_level, at) };
}

/** Released to the unit (or back with it before acceptance): provisional due times, as if accepted at `at`. */
export function provisionalClock(s: Limits, at: Date, noticeWorkdays: number): ClockPatch {
  return { ...running(s, 0, at, at, noticeWorkdays), clock_started_at: null, running_since: null };
}

/** 受理: the clock starts. */
export function acceptedClock(s: ClockState, at: Date, noticeWorkdays: number): ClockPatch {
  return { ...running(s, 0, at, at, noticeWorkdays), clock_started_at: at, running_since: at };
}

/** 补齐补正 / 特别程序: the office time used so far is kept; nothing is due while paused. */
export function pausedClock(s: ClockState, at: Date): ClockPatch {
  const used = s.office_ms_used + (s.running_since ? officeMsBetween(s.running_since, at) : 0);
  return { office_ms_used: used, running_since: null, paused_since: at, promised_at: null, legal_due_at: null, notice_at: null, level_due_at: null };
}

/** Back from a pause: both due times recomputed from the time used (before acceptance: provisional again). */
export function resumedClock(s: ClockState, at: Date, noticeWorkdays: number): ClockPatch {
  if (s.clock_started_at === null) return provisionalClock(s, at, noticeWorkdays);
  return { ...running(s, s.office_ms_used, at, at, noticeWorkdays), running_since: at };
}

/** Whether the clock was started by an acceptance (decides where a supplement returns to). */
export const wasAccepted = (s: Pick<ClockColumns, 'clock_started_at'>): boolean => s.clock_started_at !== null;
