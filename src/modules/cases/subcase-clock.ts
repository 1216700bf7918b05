// The sub-case's time limit on the working-day calendar: a provisional promised date when it is
// released, the real clock from acceptance (受理), paused by supplements and special procedures.
import { addWorkdays, clockDeadline, startClock, type ClockLimit, type WorkClock } from '../../platform/calendar.ts';
import { limitInWorkdays } from '../catalog/index.ts';
import type { TimeLimit } from './cases.repo.ts';

/** Calendar-day limits are rare for promised limits; they count as the working days limitInWorkdays gives (5 of 7). */
export function clockLimitOf(limit: TimeLimit): ClockLimit {
  return limit.unit === 'hour' ? { value: limit.value, unit: 'hour' } : { value: limitInWorkdays(limit), unit: 'workday' };
}

/** Shown while the unit has not accepted yet: what the date would be if it accepted now. */
export const provisionalPromisedAt = (limit: TimeLimit, at: Date): Date => addWorkdays(at, limitInWorkdays(limit));

export function startSubcaseClock(limit: TimeLimit, at: Date): { clock: WorkClock; promisedAt: Date | null } {
  const clock = startClock(at, clockLimitOf(limit));
  return { clock, promisedAt: clockDeadline(clock) };
}
