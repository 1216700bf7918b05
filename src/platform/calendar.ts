// Working days and case clocks (工作日 / 办理时限), pure: no I/O, no "now" read here.
//
// Dates are Asia/Shanghai calendar dates whatever the server's time zone: an instant's date is read in
// UTC+8 (China has kept UTC+8 without daylight saving since 1991, so a fixed offset is exact).
// Working days follow the national schedule with 调休, kept as data in calendar/YYYY.yaml (exported
// from the `chinese-days` package, or written from the State Council's notice for a year the package
// does not have yet; before the notice is out, a provisional file holds the statutory days off of the
// law, with the same number of working days in the year). A year without data is never guessed as plain Monday–Friday, which would
// silently give wrong deadlines: it throws.
import { repositoryCalendar } from './calendar-data.ts';

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;
const SHANGHAI_OFFSET_MS = 8 * 60 * MINUTE_MS;

/** Office hours of a working day in minutes after Shanghai midnight: 08:30–12:00 and 14:00–17:30. */
export const OFFICE_HOURS: ReadonlyArray<readonly [number, number]> = [
  [8 * 60 + 30, 12 * 60],
  [14 * 60, 17 * 60 + 30],
];
/** One working day of office time: 420 minutes. */
export const WORKDAY_MINUTES = OFFICE_HOURS.reduce((sum, [open, close]) => sum + close - open, 0);
const WORKDAY_MS = WORKDAY_MINUTES * MINUTE_MS;

/** A year the calendar has no holiday data for; a server-side gap (add calendar/YYYY.yaml), hence not an AppError (4xx). */
export class CalendarYearMissingError extends Error {
  readonly code = 'CALENDAR_YEAR_MISSING';
  readonly year: number;
  readonly zh: string;
  readonly en: string;

  constructor(year: number) {
    const en = `The working-day calendar has no data for ${year}; deadlines cannot be computed`;
    super(`CALENDAR_YEAR_MISSING: ${en}`);
    this.year = year;
    this.zh = `工作日历缺少 ${year} 年的节假日数据，无法计算办理时限`;
    this.en = en;
  }
}

// ---------- Shanghai days ----------
// A day is numbered by its Shanghai date: days since 1970-01-01 (Shanghai).

const dayOf = (instant: Date): number => Math.floor((instant.getTime() + SHANGHAI_OFFSET_MS) / DAY_MS);
const dayStartMs = (day: number): number => day * DAY_MS - SHANGHAI_OFFSET_MS;

function assertValid(instant: Date): void {
  if (Number.isNaN(instant.getTime())) throw new RangeError('calendar: invalid date');
}

/** Whether the calendar holds the holiday schedule of `year`. */
export function hasCalendarYear(year: number): boolean {
  return repositoryCalendar().years.has(year);
}

/** Whether the year's file holds only the statutory days off, before the State Council's notice. */
export function isProvisionalCalendarYear(year: number): boolean {
  return repositoryCalendar().provisional.has(year);
}

/**
 * Whether due times counted from `from` were computed on a provisional year: any Shanghai year from
 * the start of the count to the latest due time is provisional (its holidays may still move them).
 */
export function isProvisionalSpan(from: Date | null, dues: ReadonlyArray<Date | null>, provisional: ReadonlySet<number> = repositoryCalendar().provisional): boolean {
  const years = dues.filter((d): d is Date => d !== null).map((d) => new Date(new Date(d).getTime() + SHANGHAI_OFFSET_MS).getUTCFullYear());
  if (years.length === 0 || provisional.size === 0) return false;
  const last = Math.max(...years);
  const first = from ? Math.min(new Date(new Date(from).getTime() + SHANGHAI_OFFSET_MS).getUTCFullYear(), ...years) : Math.min(...years);
  for (let y = first; y <= last; y++) if (provisional.has(y)) return true;
  return false;
}

/**
 * From October on, next year's schedule is due (the State Council publishes it in the autumn): a
 * message for the logs while calendar/{next year}.yaml is missing, as deadlines that run into it fail,
 * or while this or next year's file is provisional, as deadlines around its holidays may move.
 */
export function calendarWarning(now: Date): { code: 'CALENDAR_YEAR_MISSING' | 'CALENDAR_YEAR_PROVISIONAL'; message: string } | undefined {
  const shanghai = new Date(now.getTime() + SHANGHAI_OFFSET_MS);
  const year = shanghai.getUTCFullYear();
  const missing = (message: string) => ({ code: 'CALENDAR_YEAR_MISSING' as const, message });
  if (!hasCalendarYear(year)) return missing(`calendar/${year}.yaml is missing: no deadline can be computed this year`);
  const next = year + 1;
  const dueNext = shanghai.getUTCMonth() >= 9;
  if (dueNext && !hasCalendarYear(next))
    return missing(`calendar/${next}.yaml is missing: deadlines that run into ${next} fail with CALENDAR_YEAR_MISSING until the State Council's schedule is added`);
  const provisional = [year, ...(dueNext ? [next] : [])].filter(isProvisionalCalendarYear);
  if (provisional.length > 0)
    return {
      code: 'CALENDAR_YEAR_PROVISIONAL',
      message: `${provisional.map((y) => `calendar/${y}.yaml`).join(', ')}: provisional, the statutory days off only (no bridged days, no 调休); replace with the State Council's notice (deadlines near its holidays may move by days)`,
    };
  return undefined;
}

function isWorkdayNumber(day: number): boolean {
  const d = new Date(day * DAY_MS);
  const year = d.getUTCFullYear();
  const calendar = repositoryCalendar();
  if (!calendar.years.has(year)) throw new CalendarYearMissingError(year);
  const exception = calendar.exceptions.get(d.toISOString().slice(0, 10));
  if (exception !== undefined) return !exception;
  const weekday = d.getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

/** Whether the Shanghai date of `date` is a working day (调休 weekend days included). */
export function isWorkday(date: Date): boolean {
  assertValid(date);
  return isWorkdayNumber(dayOf(date));
}

/** The Nth working day after the Shanghai date of `start`, at the same time of day; the start day never counts. */
export function addWorkdays(start: Date, n: number): Date {
  assertValid(start);
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`addWorkdays: n must be a whole number ≥ 0, got ${n}`);
  const from = dayOf(start);
  let day = from;
  for (let left = n; left > 0; ) {
    day += 1;
    if (isWorkdayNumber(day)) left -= 1;
  }
  return new Date(start.getTime() + (day - from) * DAY_MS);
}

/**
 * Working days after the Shanghai date of `a` up to and including that of `b`, so that
 * workdaysBetween(s, addWorkdays(s, n)) === n; negative when b is before a.
 */
export function workdaysBetween(a: Date, b: Date): number {
  assertValid(a);
  assertValid(b);
  const [from, to, sign] = a <= b ? [dayOf(a), dayOf(b), 1] : [dayOf(b), dayOf(a), -1];
  let count = 0;
  for (let day = from + 1; day <= to; day++) if (isWorkdayNumber(day)) count++;
  return sign * count;
}

// ---------- office time ----------

function officeSpans(day: number): Array<[number, number]> {
  if (!isWorkdayNumber(day)) return [];
  const start = dayStartMs(day);
  return OFFICE_HOURS.map(([open, close]) => [start + open * MINUTE_MS, start + close * MINUTE_MS]);
}

/** Office time in milliseconds between two instants (0 when b ≤ a). */
export function officeMsBetween(a: Date, b: Date): number {
  assertValid(a);
  assertValid(b);
  let total = 0;
  for (let day = dayOf(a); day <= dayOf(b); day++) {
    for (const [open, close] of officeSpans(day)) {
      total += Math.max(0, Math.min(close, b.getTime()) - Math.max(open, a.getTime()));
    }
  }
  return total;
}

/**
 * The earliest instant by which `ms` of office time has passed since `start`: ending on a boundary
 * gives the closing time (17:30 or 12:00), never the next opening.
 */
export function addOfficeMs(start: Date, ms: number): Date {
  assertValid(start);
  if (!(ms >= 0)) throw new RangeError(`addOfficeMs: ms must be ≥ 0, got ${ms}`);
  if (ms === 0) return new Date(start.getTime());
  let left = ms;
  for (let day = dayOf(start); ; day++) {
    for (const [open, close] of officeSpans(day)) {
      const from = Math.max(open, start.getTime());
      const available = close - from;
      if (available <= 0) continue;
      if (left <= available) return new Date(from + left);
      left -= available;
    }
  }
}

/**
 * The earliest instant from which at most `ms` of office time is left before `end` (the mirror of
 * addOfficeMs): landing on an opening (08:30, 14:00) gives the closing time before it (17:30, 12:00).
 */
export function subtractOfficeMs(end: Date, ms: number): Date {
  assertValid(end);
  if (!(ms >= 0)) throw new RangeError(`subtractOfficeMs: ms must be ≥ 0, got ${ms}`);
  if (ms === 0) return new Date(end.getTime());
  let left = ms;
  for (let day = dayOf(end); ; day--) {
    for (const [open, close] of officeSpans(day).reverse()) {
      const to = Math.min(close, end.getTime());
      const available = to - open;
      if (available <= 0) continue;
      if (left < available) return new Date(to - left);
      left -= available;
      // exactly used up at an opening: the latest such instant is the previous closing time
      if (left === 0) return previousClose(day, open);
    }
  }
}

function previousClose(day: number, before: number): Date {
  for (let d = day; ; d--) {
    const spans = officeSpans(d).filter(([, close]) => close <= before);
    if (spans.length > 0) return new Date(spans[spans.length - 1]![1]);
  }
}

/**
 * The close (17:30) of the office day an instant belongs to: the same day when it is a working day
 * and before its closing time, else the next working day's. A 0-day limit (即办件) is due then.
 */
export function officeDayEnd(at: Date): Date {
  assertValid(at);
  for (let day = dayOf(at); ; day++) {
    const spans = officeSpans(day);
    const close = spans[spans.length - 1]?.[1];
    if (close !== undefined && close > at.getTime()) return new Date(close);
  }
}

/**
 * Working days a case is overdue at `now` (0 while not past `due`). Any part of a day past the
 * deadline counts as a day (不足一日按一日计算): each working day after the deadline's date up to and
 * including now's, plus the deadline's own day when office time of it was left after the deadline
 * and has run; past the deadline at all is at least one.
 */
export function overdueWorkdays(due: Date, now: Date): number {
  assertValid(due);
  assertValid(now);
  if (now <= due) return 0;
  const endOfDueDay = new Date(dayStartMs(dayOf(due) + 1));
  const sameDay = officeMsBetween(due, now < endOfDueDay ? now : endOfDueDay) > 0 ? 1 : 0;
  return Math.max(1, workdaysBetween(due, now) + sameDay);
}

// ---------- the case clock (办理时限计时) ----------

/**
 * A case's time limit as office time. Counting in office milliseconds (420-minute days) makes a
 * pause exact: a supplement request (补齐补正) or special procedure (特别程序) that starts mid-morning
 * keeps the rest of that day for after the resume, and evenings, lunch breaks and holidays never count.
 * Without pauses, a clock started inside office hours ends exactly at addWorkdays(startedAt, limit).
 * Otherwise it runs from the next office minute: started at or before an opening (08:30, 14:00) it
 * ends at the closing time before addWorkdays' instant, the same point in office time; started after
 * 17:30 or on a day off it ends at 17:30 of the day addWorkdays names.
 */
export interface WorkClock {
  /** the whole budget, in office milliseconds */
  readonly limitMs: number;
  /** when the case clock first started (acceptance) */
  readonly startedAt: Date;
  /** office time used in the running spans that ended with a pause */
  readonly usedBeforePauseMs: number;
  /** start of the current running span; null while paused */
  readonly runningSince: Date | null;
}

export type ClockLimit = { value: number; unit: 'workday' | 'hour' };

/** Office milliseconds of a time limit: a working day is 420 minutes, an hour is an hour of office time. */
export function limitToOfficeMs(limit: ClockLimit): number {
  if (!(limit.value >= 0)) throw new RangeError(`time limit must be ≥ 0, got ${limit.value}`);
  return limit.unit === 'workday' ? limit.value * WORKDAY_MS : limit.value * 60 * MINUTE_MS;
}

export function startClock(at: Date, limit: ClockLimit): WorkClock {
  assertValid(at);
  return { limitMs: limitToOfficeMs(limit), startedAt: at, usedBeforePauseMs: 0, runningSince: at };
}

export const isClockPaused = (clock: WorkClock): boolean => clock.runningSince === null;

/** Office time used up to `now`. */
export function usedOfficeMs(clock: WorkClock, now: Date): number {
  const running = clock.runningSince === null ? 0 : officeMsBetween(clock.runningSince, now);
  return clock.usedBeforePauseMs + running;
}

/** Office time left at `now`; negative once overdue. */
export const remainingOfficeMs = (clock: WorkClock, now: Date): number => clock.limitMs - usedOfficeMs(clock, now);

export function pauseClock(clock: WorkClock, at: Date): WorkClock {
  if (clock.runningSince === null) throw new RangeError('pauseClock: the clock is already paused');
  if (at < clock.runningSince) throw new RangeError('pauseClock: pause before the running span started');
  return { ...clock, usedBeforePauseMs: usedOfficeMs(clock, at), runningSince: null };
}

export function resumeClock(clock: WorkClock, at: Date): WorkClock {
  assertValid(at);
  if (clock.runningSince !== null) throw new RangeError('resumeClock: the clock is running');
  return { ...clock, runningSince: at };
}

/**
 * The deadline while running (the resume instant if the budget ran out before the pause); null while
 * paused. A 0 limit (即办件, handled on the spot) is due at the close of the office day the clock
 * (re)started, not at the instant it started: it is never overdue on arrival.
 */
export function clockDeadline(clock: WorkClock): Date | null {
  if (clock.runningSince === null) return null;
  if (clock.limitMs === 0) return officeDayEnd(clock.runningSince);
  const left = clock.limitMs - clock.usedBeforePauseMs;
  return left <= 0 ? new Date(clock.runningSince.getTime()) : addOfficeMs(clock.runningSince, left);
}

/** Past the deadline; office time stops after 17:30, so this compares instants, not remaining time. */
export function isOverdue(clock: WorkClock, now: Date): boolean {
  const deadline = clockDeadline(clock);
  return deadline === null ? clock.limitMs > 0 && clock.usedBeforePauseMs > clock.limitMs : now > deadline;
}
