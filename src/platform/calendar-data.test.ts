import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { findRootDir } from '../config.ts';
import { checkCalendarYear, loadCalendarDir, renderCalendarYear } from './calendar-data.ts';
import { calendarYearFromPackage, provisionalCalendarYear } from './calendar-package.ts';
import { calendarWarning } from './calendar.ts';

const dir = path.join(findRootDir(), 'calendar');

describe('the working-day calendar kept in the repository', () => {
  it('holds every year from 2016 to 2026, each valid', () => {
    const years = readdirSync(dir).filter((f) => f.endsWith('.yaml')).map((f) => Number(f.slice(0, 4)));
    for (let y = 2016; y <= 2026; y++) expect(years).toContain(y);
    const loaded = loadCalendarDir(dir);
    expect(loaded.years.has(2026)).toBe(true);
    // 2026-10-10 (a Saturday) is a 调休 working day; 2026-10-01 (a Thursday) is a day off
    expect(loaded.exceptions.get('2026-10-10')).toBe(false);
    expect(loaded.exceptions.get('2026-10-01')).toBe(true);
  });

  it('agrees with the chinese-days package for every year the package has', () => {
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.yaml'))) {
      const year = Number(file.slice(0, 4));
      const fromPackage = calendarYearFromPackage(year);
      const inRepo = checkCalendarYear(parse(readFileSync(path.join(dir, file), 'utf8')), year);
      if (inRepo.provisional) {
        // once the package has the notice's schedule, the provisional file must give way to it
        expect(fromPackage, `chinese-days now has ${year}: npm run calendar:export -- --from ${year} --to ${year}`).toBeUndefined();
        expect(inRepo).toEqual(provisionalCalendarYear(year));
        continue;
      }
      if (!fromPackage) continue; // a year written by hand from the State Council's notice
      expect(inRepo.holidays).toEqual(fromPackage.holidays);
      expect(inRepo.workdays).toEqual(fromPackage.workdays);
    }
  });

  it('rejects a year file with a 调休 working day that is not a weekend day, or the wrong year', () => {
    const y = calendarYearFromPackage(2025)!;
    expect(() => checkCalendarYear({ ...y, workdays: [{ date: '2025-01-06', name: '元旦' }] })).toThrow(/not a weekend day/);
    expect(() => checkCalendarYear(y, 2024)).toThrow(/says year 2025/);
    expect(() => checkCalendarYear({ ...y, holidays: [] })).toThrow();
  });

  it('a folder without a year knows nothing of it; a written file round-trips', () => {
    const tmp = mkdtempSync(path.join(tmpdir(), 'yj-cal-'));
    writeFileSync(path.join(tmp, '2025.yaml'), renderCalendarYear(calendarYearFromPackage(2025)!));
    const loaded = loadCalendarDir(tmp);
    expect([...loaded.years]).toEqual([2025]);
    expect(loaded.exceptions.get('2025-01-26')).toBe(false); // Sunday made a working day before 春节
  });
});

const workingDaysIn = (y: { year: number; holidays: { date: string }[]; workdays: { date: string }[] }): number => {
  const off = new Set(y.holidays.map((d) => d.date));
  const on = new Set(y.workdays.map((d) => d.date));
  let n = 0;
  for (let t = Date.UTC(y.year, 0, 1); t < Date.UTC(y.year + 1, 0, 1); t += 86_400_000) {
    const iso = new Date(t).toISOString().slice(0, 10);
    const weekend = [0, 6].includes(new Date(t).getUTCDay());
    if (on.has(iso) || (!weekend && !off.has(iso))) n++;
  }
  return n;
};

describe("a provisional year (statutory days off, before the State Council's notice)", () => {
  it("has the law's days off with 补假: 2027 has 春节 from 除夕 (Feb 5) and two made-up days for its weekend", () => {
    const y = provisionalCalendarYear(2027);
    expect(y.provisional).toBe(true);
    expect(y.workdays).toEqual([]);
    const off = y.holidays.map((d) => d.date);
    expect(off.filter((d) => d.startsWith('2027-02'))).toEqual(['2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08', '2027-02-09', '2027-02-10']);
    expect(off).toEqual(expect.arrayContaining(['2027-01-01', '2027-04-05', '2027-06-09', '2027-09-15', '2027-10-05']));
    expect(() => provisionalCalendarYear(2024)).toThrow(/2025/);
  });

  it('for years with a notice, its days off are days off in the notice and the year has as many working days', () => {
    for (const year of [2025, 2026]) {
      const notice = calendarYearFromPackage(year)!;
      const statutory = provisionalCalendarYear(year);
      const noticeOff = new Set(notice.holidays.map((d) => d.date));
      expect(statutory.holidays.filter((d) => !noticeOff.has(d.date))).toEqual([]);
      expect(workingDaysIn(statutory)).toBe(workingDaysIn(notice));
    }
  });

  it('round-trips through its file, and the start-up warning names it', () => {
    const tmp = mkdtempSync(path.join(tmpdir(), 'yj-cal-'));
    writeFileSync(path.join(tmp, '2027.yaml'), renderCalendarYear(provisionalCalendarYear(2027)));
    const loaded = loadCalendarDir(tmp);
    expect([...loaded.provisional]).toEqual([2027]);
    expect(loaded.exceptions.get('2027-02-09')).toBe(true);
    expect(checkCalendarYear(parse(readFileSync(path.join(tmp, '2027.yaml'), 'utf8')), 2027)).toEqual(provisionalCalendarYear(2027));
  });
});

describe('the start-up warning', () => {
  const years = loadCalendarDir(dir);
  const firstMissing = (() => {
    let y = 2016;
    while (years.years.has(y)) y++;
    return y;
  })();
  it('says when next year is missing from October on, and when this year is missing', () => {
    const lastYear = firstMissing - 1;
    expect(calendarWarning(new Date(Date.UTC(lastYear, 10, 15)))).toMatchObject({ code: 'CALENDAR_YEAR_MISSING' });
    expect(calendarWarning(new Date(Date.UTC(firstMissing, 1, 1)))?.message).toContain(`calendar/${firstMissing}.yaml is missing`);
  });

  it('names a provisional year while it is in use', () => {
    const provisional = [...years.provisional];
    if (provisional.length === 0) return; // every year in the repository follows a notice
    const year = provisional[0]!;
    expect(calendarWarning(new Date(Date.UTC(year, 5, 1)))).toMatchObject({ code: 'CALENDAR_YEAR_PROVISIONAL' });
    expect(calendarWarning(new Date(Date.UTC(year, 5, 1)))?.message).toContain(`calendar/${year}.yaml`);
  });
});
