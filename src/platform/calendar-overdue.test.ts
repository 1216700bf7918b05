// Counting past and towards a deadline as in national practice: any part of a day past a deadline
// counts as a day; a 0-day limit is due at the close of the office day; the notice instant.
import { describe, expect, it } from 'vitest';
import { addOfficeMs, clockDeadline, isOverdue, officeDayEnd, officeMsBetween, overdueWorkdays, startClock, subtractOfficeMs } from './calendar.ts';

const sh = (s: string) => new Date(`${s}+08:00`);

describe('overdueWorkdays', () => {
  const due = sh('2025-06-10T17:30:00'); // Tuesday, the close of the office day
  it.each([
    ['2025-06-10T17:30:00', 0], // at the deadline: not overdue
    ['2025-06-10T17:31:00', 1], // any part of a day past it counts as a day
    ['2025-06-11T07:00:00', 1],
    ['2025-06-11T17:29:00', 1],
    ['2025-06-12T08:31:00', 2],
    ['2025-06-14T10:00:00', 3], // Saturday is no working day: still Wed, Thu, Fri
    ['2025-06-16T09:00:00', 4],
  ] as const)('due Tue 17:30, now %s → %i', (now, days) => {
    expect(overdueWorkdays(due, sh(now))).toBe(days);
  });

  it('a deadline mid-day: the rest of its own day counts once office time of it has run', () => {
    const noon = sh('2025-06-11T12:00:00');
    expect(overdueWorkdays(noon, sh('2025-06-11T13:00:00'))).toBe(1); // lunch: past it, at least one
    expect(overdueWorkdays(noon, sh('2025-06-11T15:00:00'))).toBe(1);
    expect(overdueWorkdays(noon, sh('2025-06-12T09:00:00'))).toBe(2); // Wednesday afternoon + Thursday
  });

  it('skips holidays and counts 调休 working days (2025 National Day: Oct 1–8 off, Sat Oct 11 worked)', () => {
    const due = sh('2025-09-30T17:30:00');
    expect(overdueWorkdays(due, sh('2025-10-08T12:00:00'))).toBe(1); // only the holiday passed: at least one
    expect(overdueWorkdays(due, sh('2025-10-09T09:00:00'))).toBe(1);
    expect(overdueWorkdays(due, sh('2025-10-11T09:00:00'))).toBe(3); // Thu 9, Fri 10, Sat 11 (调休)
  });
});

describe('a 0-day limit (即办件)', () => {
  it('is due at the close of the office day it started, not at the instant', () => {
    const at = sh('2025-06-10T10:00:00');
    const clock = startClock(at, { value: 0, unit: 'workday' });
    expect(clockDeadline(clock)).toEqual(sh('2025-06-10T17:30:00'));
    expect(isOverdue(clock, at)).toBe(false);
    expect(isOverdue(clock, sh('2025-06-10T17:31:00'))).toBe(true);
  });
  it('started after hours or on a day off: the close of the next working day', () => {
    expect(officeDayEnd(sh('2025-06-10T18:00:00'))).toEqual(sh('2025-06-11T17:30:00'));
    expect(officeDayEnd(sh('2025-06-14T10:00:00'))).toEqual(sh('2025-06-16T17:30:00'));
    expect(officeDayEnd(sh('2025-06-10T07:00:00'))).toEqual(sh('2025-06-10T17:30:00'));
  });
});

describe('subtractOfficeMs', () => {
  const DAY = 420 * 60_000;
  it('is the mirror of addOfficeMs: that much office time is left from the instant it gives', () => {
    const end = sh('2025-06-13T17:30:00');
    expect(subtractOfficeMs(end, 2 * DAY)).toEqual(sh('2025-06-11T17:30:00'));
    expect(subtractOfficeMs(sh('2025-06-13T10:00:00'), 2 * DAY)).toEqual(sh('2025-06-11T10:00:00'));
    expect(subtractOfficeMs(sh('2025-06-16T09:00:00'), 60 * 60_000)).toEqual(sh('2025-06-13T17:00:00')); // over the weekend
    for (const start of ['2025-06-10T09:17:00', '2025-06-10T15:40:00', '2025-06-12T11:59:00']) {
      const from = sh(start);
      const later = addOfficeMs(from, 3 * DAY + 17 * 60_000);
      expect(officeMsBetween(subtractOfficeMs(later, 3 * DAY + 17 * 60_000), later)).toBe(3 * DAY + 17 * 60_000);
    }
  });
});
