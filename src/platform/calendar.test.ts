import { describe, expect, it } from 'vitest';
import {
  CalendarYearMissingError,
  WORKDAY_MINUTES,
  addOfficeMs,
  addWorkdays,
  clockDeadline,
  hasCalendarYear,
  isClockPaused,
  isOverdue,
  isWorkday,
  officeMsBetween,
  pauseClock,
  remainingOfficeMs,
  resumeClock,
  startClock,
  usedOfficeMs,
  workdaysBetween,
} from './calendar.ts';

/** An instant given as Shanghai wall-clock time. */
const sh = (local: string): Date => new Date(`${local}+08:00`);
const hours = (h: number): number => h * 3_600_000;

describe('working days (national schedule with 调休)', () => {
  it.each([
    ['2024-02-04', true], // Sunday made a working day for Spring Festival 2024
    ['2024-02-09', true], // 除夕 2024 was a working day
    ['2024-02-12', false], // Spring Festival Monday
    ['2024-02-18', true], // Sunday made a working day
    ['2024-09-29', true], // Sunday made a working day for National Day 2024
    ['2024-10-07', false],
    ['2024-10-12', true], // Saturday made a working day
    ['2025-01-26', true], // Sunday made a working day for Spring Festival 2025
    ['2025-02-04', false],
    ['2025-02-08', true], // Saturday made a working day
    ['2025-09-27', false], // a plain Saturday
    ['2025-09-28', true], // Sunday made a working day for National Day 2025
    ['2025-10-08', false], // Mid-Autumn merged into National Day 2025
    ['2025-10-11', true], // Saturday made a working day
    ['2025-10-13', true],
  ])('%s is a working day: %s', (date, expected) => {
    expect(isWorkday(sh(`${date}T12:00`))).toBe(expected);
  });

  it('reads the date in Shanghai time, not UTC', () => {
    expect(isWorkday(new Date('2025-09-30T15:59:00Z'))).toBe(true); // 23:59 on 30 September in Shanghai
    expect(isWorkday(new Date('2025-09-30T16:30:00Z'))).toBe(false); // 00:30 on 1 October in Shanghai
  });

  it('does not depend on the server time zone', () => {
    const saved = process.env.TZ;
    try {
      for (const tz of ['America/Los_Angeles', 'Pacific/Kiritimati', 'UTC']) {
        process.env.TZ = tz;
        expect(isWorkday(sh('2025-09-28T00:10'))).toBe(true);
        expect(isWorkday(sh('2025-10-01T23:50'))).toBe(false);
        expect(addWorkdays(sh('2025-09-28T10:00'), 5)).toEqual(sh('2025-10-11T10:00'));
      }
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });
});

describe('addWorkdays', () => {
  it.each([
    // from the 调休 working Sunday before National Day 2025: 29, 30 Sep, 9, 10, 11 (Sat) Oct
    ['2025-09-28T10:00', 5, '2025-10-11T10:00'],
    ['2025-09-30T16:45', 1, '2025-10-09T16:45'],
    // National Day 2024: 29 Sep (Sun) and 30 Sep work, 1–7 Oct off
    ['2024-09-27T11:00', 3, '2024-10-08T11:00'],
    ['2024-10-11T09:00', 1, '2024-10-12T09:00'],
    // Spring Festival 2024: 9 Feb works, 10–17 off, 18 (Sun) works
    ['2024-02-08T15:20', 3, '2024-02-19T15:20'],
    // Spring Festival 2025: 26 Jan (Sun) works, 28 Jan–4 Feb off, 8 Feb (Sat) works
    ['2025-01-24T09:00', 2, '2025-01-27T09:00'],
    ['2025-01-27T09:00', 1, '2025-02-05T09:00'],
    ['2025-02-05T09:00', 3, '2025-02-08T09:00'],
    // a start on a day off counts from the next working day
    ['2025-10-04T09:00', 1, '2025-10-09T09:00'],
    // across the year: 1 January is a holiday
    ['2024-12-31T10:00', 1, '2025-01-02T10:00'],
    ['2025-09-28T10:00', 0, '2025-09-28T10:00'],
  ])('from %s plus %i working days is %s', (start, n, expected) => {
    expect(addWorkdays(sh(start), n)).toEqual(sh(expected));
  });

  it('keeps the time of day to the millisecond', () => {
    const start = new Date('2025-09-28T02:03:04.567Z');
    expect(addWorkdays(start, 5).toISOString()).toBe('2025-10-11T02:03:04.567Z');
  });

  it('refuses negative or fractional counts', () => {
    expect(() => addWorkdays(sh('2025-09-28T10:00'), -1)).toThrow(RangeError);
    expect(() => addWorkdays(sh('2025-09-28T10:00'), 1.5)).toThrow(RangeError);
    expect(() => addWorkdays(new Date('nope'), 1)).toThrow(RangeError);
  });
});

describe('workdaysBetween', () => {
  it('is the inverse of addWorkdays', () => {
    for (const start of ['2024-02-05T09:00', '2024-09-28T10:00', '2025-01-25T18:00', '2025-09-28T10:00']) {
      for (const n of [0, 1, 2, 5, 10, 20]) {
        expect(workdaysBetween(sh(start), addWorkdays(sh(start), n))).toBe(n);
      }
    }
  });

  it('counts the later day but not the earlier one, and is signed', () => {
    expect(workdaysBetween(sh('2025-09-30T09:00'), sh('2025-10-08T17:00'))).toBe(0);
    expect(workdaysBetween(sh('2025-09-30T09:00'), sh('2025-10-09T08:00'))).toBe(1);
    expect(workdaysBetween(sh('2025-10-09T08:00'), sh('2025-09-30T09:00'))).toBe(-1);
    expect(workdaysBetween(sh('2025-09-30T09:00'), sh('2025-09-30T17:00'))).toBe(0);
  });
});

describe('a year without calendar data fails loudly', () => {
  it('knows which years it has', () => {
    expect(hasCalendarYear(2024)).toBe(true);
    expect(hasCalendarYear(2025)).toBe(true);
    expect(hasCalendarYear(2099)).toBe(false);
  });

  it('throws CALENDAR_YEAR_MISSING naming the year', () => {
    const err = (() => {
      try {
        isWorkday(sh('2099-03-02T10:00'));
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(err).toBeInstanceOf(CalendarYearMissingError);
    expect(err).toMatchObject({ code: 'CALENDAR_YEAR_MISSING', year: 2099 });
    expect((err as CalendarYearMissingError).zh).toContain('2099');
    expect((err as CalendarYearMissingError).en).toContain('2099');
  });

  it('throws when a deadline runs into a missing year, rather than guessing Monday–Friday', () => {
    expect(() => addWorkdays(sh('2099-03-02T10:00'), 1)).toThrow(CalendarYearMissingError);
    let firstMissing = 2025;
    while (hasCalendarYear(firstMissing)) firstMissing++;
    expect(() => workdaysBetween(sh('2025-01-02T10:00'), sh('2099-01-02T10:00'))).toThrow(new RegExp(String(firstMissing)));
  });
});

describe('office time (420-minute working day)', () => {
  it('is 08:30–12:00 and 14:00–17:30 on working days only', () => {
    expect(WORKDAY_MINUTES).toBe(420);
    expect(officeMsBetween(sh('2025-09-26T10:00'), sh('2025-09-26T15:00'))).toBe(hours(3));
    expect(officeMsBetween(sh('2025-09-26T00:00'), sh('2025-09-29T00:00'))).toBe(hours(14)); // Fri + 调休 Sun
    expect(officeMsBetween(sh('2025-10-01T00:00'), sh('2025-10-08T23:59'))).toBe(0);
    expect(officeMsBetween(sh('2025-09-26T15:00'), sh('2025-09-26T10:00'))).toBe(0);
  });

  it('ends on the closing time when the time runs out on a boundary', () => {
    expect(addOfficeMs(sh('2025-09-26T10:00'), hours(2))).toEqual(sh('2025-09-26T12:00'));
    expect(addOfficeMs(sh('2025-09-26T10:00'), hours(5.5))).toEqual(sh('2025-09-26T17:30'));
    expect(addOfficeMs(sh('2025-09-26T10:00'), hours(5.5) + 60_000)).toEqual(sh('2025-09-28T08:31'));
    expect(addOfficeMs(sh('2025-09-26T12:30'), hours(1))).toEqual(sh('2025-09-26T15:00')); // lunch does not count
  });
});

describe('the case clock', () => {
  it('without pauses ends where addWorkdays does, for a start in office hours', () => {
    for (const start of ['2024-02-08T15:20', '2024-09-27T11:00', '2025-01-24T09:00', '2025-09-26T10:00', '2025-09-28T08:31', '2025-09-30T17:29']) {
      for (const n of [1, 3, 5, 20]) {
        expect(clockDeadline(startClock(sh(start), { value: n, unit: 'workday' }))).toEqual(addWorkdays(sh(start), n));
      }
    }
  });

  it('started at opening time, ends at the previous closing time: the same point in office time', () => {
    const start = sh('2025-09-28T08:30');
    const deadline = clockDeadline(startClock(start, { value: 1, unit: 'workday' }));
    expect(deadline).toEqual(sh('2025-09-28T17:30'));
    expect(officeMsBetween(deadline!, addWorkdays(start, 1))).toBe(0);
  });

  it('started before opening or at lunch, ends at the same point in office time as addWorkdays', () => {
    for (const [start, due] of [['2025-09-29T07:00', '2025-09-29T17:30'], ['2025-09-29T13:00', '2025-09-30T12:00']] as const) {
      const deadline = clockDeadline(startClock(sh(start), { value: 1, unit: 'workday' }));
      expect(deadline).toEqual(sh(due));
      expect(officeMsBetween(deadline!, addWorkdays(sh(start), 1))).toBe(0);
    }
  });

  it('started after closing or on a day off, runs from the next office minute to 17:30', () => {
    expect(clockDeadline(startClock(sh('2025-09-27T10:00'), { value: 1, unit: 'workday' }))).toEqual(sh('2025-09-28T17:30'));
    expect(clockDeadline(startClock(sh('2025-09-26T20:00'), { value: 2, unit: 'workday' }))).toEqual(sh('2025-09-29T17:30'));
  });

  it('counts hour limits in office hours', () => {
    expect(clockDeadline(startClock(sh('2025-09-30T16:00'), { value: 4, unit: 'hour' }))).toEqual(sh('2025-10-09T11:00'));
  });

  it('pausing keeps the time that was left, to the minute, and resumes with it', () => {
    const started = startClock(sh('2025-09-26T10:00'), { value: 5, unit: 'workday' }); // due 10 Oct 10:00
    expect(clockDeadline(started)).toEqual(sh('2025-10-10T10:00'));

    // supplement request (补齐补正) on Monday 15:00: used Fri 5.5 h + Sun 7 h + Mon 4.5 h = 17 h
    const paused = pauseClock(started, sh('2025-09-29T15:00'));
    expect(isClockPaused(paused)).toBe(true);
    expect(paused.usedBeforePauseMs).toBe(hours(17));
    expect(clockDeadline(paused)).toBeNull();
    // paused time does not count, however long
    expect(usedOfficeMs(paused, sh('2025-10-09T16:00'))).toBe(hours(17));

    // answered on Thursday 16:00 after the holiday: 18 h left
    const resumed = resumeClock(paused, sh('2025-10-09T16:00'));
    expect(remainingOfficeMs(resumed, sh('2025-10-09T16:00'))).toBe(hours(18));
    // Thu 1.5 h + Fri 7 h + Sat (调休) 7 h + Mon 2.5 h
    expect(clockDeadline(resumed)).toEqual(sh('2025-10-13T11:00'));
    expect(remainingOfficeMs(resumed, sh('2025-10-13T11:00'))).toBe(0);
  });

  it('a pause and resume at the same instant changes nothing; several pauses add up', () => {
    const started = startClock(sh('2025-02-05T09:00'), { value: 3, unit: 'workday' });
    const same = resumeClock(pauseClock(started, sh('2025-02-05T11:00')), sh('2025-02-05T11:00'));
    expect(clockDeadline(same)).toEqual(clockDeadline(started));

    // special procedure (特别程序) of one office hour, then a supplement request of one office hour
    let clock = pauseClock(started, sh('2025-02-05T10:00'));
    clock = resumeClock(clock, sh('2025-02-05T11:00'));
    clock = pauseClock(clock, sh('2025-02-06T09:00'));
    clock = resumeClock(clock, sh('2025-02-06T10:00'));
    expect(clockDeadline(clock)).toEqual(sh('2025-02-08T11:00')); // 8 Feb (Sat) works: due 09:00 + 2 office hours
    expect(clock.startedAt).toEqual(sh('2025-02-05T09:00'));
  });

  it('a pause over evenings and holidays costs no office time', () => {
    const started = startClock(sh('2025-09-30T16:00'), { value: 1, unit: 'workday' });
    const clock = resumeClock(pauseClock(started, sh('2025-09-30T17:45')), sh('2025-10-09T08:00'));
    expect(clockDeadline(clock)).toEqual(clockDeadline(started));
  });

  it('is overdue only after the deadline, evenings included', () => {
    const clock = startClock(sh('2025-09-26T10:00'), { value: 1, unit: 'workday' }); // due Sun 28 Sep 10:00
    expect(isOverdue(clock, sh('2025-09-28T10:00'))).toBe(false);
    expect(isOverdue(clock, sh('2025-09-28T10:01'))).toBe(true);
    expect(isOverdue(clock, sh('2025-09-28T20:00'))).toBe(true);
    expect(isOverdue(pauseClock(clock, sh('2025-09-28T09:00')), sh('2025-12-01T09:00'))).toBe(false);
    expect(isOverdue(pauseClock(clock, sh('2025-09-28T11:00')), sh('2025-09-28T11:00'))).toBe(true);
  });

  it('refuses to pause twice or resume a running clock', () => {
    const clock = startClock(sh('2025-09-26T10:00'), { value: 1, unit: 'workday' });
    expect(() => resumeClock(clock, sh('2025-09-26T11:00'))).toThrow(RangeError);
    const paused = pauseClock(clock, sh('2025-09-26T11:00'));
    expect(() => pauseClock(paused, sh('2025-09-26T12:00'))).toThrow(RangeError);
    expect(() => pauseClock(clock, sh('2025-09-26T09:00'))).toThrow(RangeError);
  });
});
