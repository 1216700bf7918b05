// The sub-case clock as columns, pure: what was seen (a 即办件 overdue on arrival; accepting moved a
// deadline earlier), pauses moving both due times, the levels and when they are next due.
import { describe, expect, it } from 'vitest';
import { acceptedClock, levelAt, levelDueAt, pausedClock, provisionalClock, provisionalPromisedAt, resumedClock, type ClockState } from './subcase-clock.ts';
import type { TimeLimit } from './cases.repo.ts';

const sh = (s: string) => new Date(`${s}+08:00`);
const fresh = (time_limit: TimeLimit, legal_limit: TimeLimit | null = null): ClockState => ({
  time_limit, legal_limit, warning_level: 'none', promised_at: null, legal_due_at: null, clock_started_at: null, running_since: null,
  paused_since: null, office_ms_used: 0, notice_at: null, level_due_at: null,
});
const days = (value: number): TimeLimit => ({ value, unit: 'workday' });

describe('what was seen', () => {
  it('a 即办件 (0 days) is due at the close of the office day it arrives or is accepted, not overdue at once', () => {
    const at = sh('2025-06-10T10:00:00');
    const released = provisionalClock(fresh(days(0), days(1)), at, 2);
    expect(released.promised_at).toEqual(sh('2025-06-10T17:30:00'));
    expect(levelAt(released as ClockState, at)).toBe('notice'); // due today: a notice, not yellow
    const accepted = acceptedClock(fresh(days(0), days(1)), sh('2025-06-10T16:00:00'), 2);
    expect(accepted.promised_at).toEqual(sh('2025-06-10T17:30:00'));
    expect(levelAt(accepted as ClockState, sh('2025-06-10T17:30:00'))).toBe('notice');
    expect(levelAt(accepted as ClockState, sh('2025-06-10T17:31:00'))).toBe('yellow');
  });

  // the provisional date was addWorkdays (same time of day) while the clock counts office time from the
  // next office minute: released in the lunch break, 13:55 became 12:00; with an hour limit after
  // hours, the 13:55 of the next day became 09:30 of it
  it.each([
    ['lunch break', '2025-06-10T13:55:00', days(2)],
    ['after hours', '2025-06-10T17:55:00', days(2)],
    ['a day off', '2025-06-14T13:55:00', days(1)],
    ['an hour limit after hours', '2025-06-10T17:40:00', { value: 1, unit: 'hour' } as TimeLimit],
    ['calendar days', '2025-06-10T13:55:00', { value: 7, unit: 'calendarDay' } as TimeLimit],
    ['0 days after hours', '2025-06-10T17:55:00', days(0)],
  ])('accepting at the instant of release keeps the provisional date (%s)', (_what, when, limit) => {
    const at = sh(when);
    expect(acceptedClock(fresh(limit), at, 2).promised_at).toEqual(provisionalPromisedAt(limit, at));
  });

  it('accepting later never moves the due date earlier', () => {
    const release = sh('2025-06-09T13:55:00');
    for (const limit of [days(0), days(1), days(5), { value: 3, unit: 'hour' } as TimeLimit]) {
      const provisional = provisionalPromisedAt(limit, release);
      for (let m = 0; m < 3 * 24 * 60; m += 25) {
        const accepted = acceptedClock(fresh(limit), new Date(release.getTime() + m * 60_000), 2).promised_at!;
        expect(accepted.getTime()).toBeGreaterThanOrEqual(provisional.getTime());
      }
    }
  });
});

describe('pauses move both due times', () => {
  it('a supplement mid-morning keeps the office time used; on resume both due times are recomputed from it', () => {
    let s: ClockState = fresh(days(2), days(5));
    s = { ...s, ...acceptedClock(s, sh('2025-06-09T10:00:00'), 2) } as ClockState;
    expect(s.promised_at).toEqual(sh('2025-06-11T10:00:00'));
    expect(s.legal_due_at).toEqual(sh('2025-06-16T10:00:00'));
    s = { ...s, ...pausedClock(s, sh('2025-06-09T11:00:00')) } as ClockState; // one office hour used
    expect(s).toMatchObject({ office_ms_used: 3_600_000, paused_since: sh('2025-06-09T11:00:00'), promised_at: null, legal_due_at: null, level_due_at: null });
    s = { ...s, ...resumedClock(s, sh('2025-06-12T09:00:00'), 2) } as ClockState; // three days later, the rest of the time
    expect(s.paused_since).toBeNull();
    expect(s.promised_at).toEqual(sh('2025-06-13T17:00:00')); // 780 office minutes left from Thu 09:00
    expect(s.legal_due_at).toEqual(sh('2025-06-18T17:00:00')); // 2,040 left
    expect(s.notice_at).toEqual(sh('2025-06-11T17:00:00')); // 2 working days of office time before the promised due
  });
});

describe('levels', () => {
  const due = { notice_at: sh('2025-06-10T17:30:00'), promised_at: sh('2025-06-12T17:30:00'), legal_due_at: sh('2025-06-19T17:30:00') };
  it('none → notice → yellow just past the promised due time → red just past the legal one', () => {
    expect(levelAt(due, sh('2025-06-10T17:29:59'))).toBe('none');
    expect(levelAt(due, sh('2025-06-10T17:30:00'))).toBe('notice');
    expect(levelAt(due, sh('2025-06-12T17:30:00'))).toBe('notice');
    expect(levelAt(due, new Date(sh('2025-06-12T17:30:00').getTime() + 1))).toBe('yellow');
    expect(levelAt(due, new Date(sh('2025-06-19T17:30:00').getTime() + 1))).toBe('red');
  });
  it('level_due_at: now when the stored level is behind, else the next threshold, null after red', () => {
    expect(levelDueAt(due, 'none', sh('2025-06-09T09:00:00'))).toEqual(due.notice_at);
    expect(levelDueAt(due, 'none', sh('2025-06-11T09:00:00'))).toEqual(sh('2025-06-11T09:00:00'));
    expect(levelDueAt(due, 'notice', sh('2025-06-11T09:00:00'))).toEqual(new Date(due.promised_at.getTime() + 1));
    expect(levelDueAt(due, 'red', sh('2025-06-30T09:00:00'))).toBeNull();
  });
});
