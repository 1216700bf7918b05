import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { findRootDir } from '../config.ts';
import { checkCalendarYear, loadCalendarDir, renderCalendarYear } from './calendar-data.ts';
import { calendarYearFromPackage } from './calendar-package.ts';

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
      if (!fromPackage) continue; // a year written by hand from the State Council's notice
      const inRepo = checkCalendarYear(parse(readFileSync(path.join(dir, file), 'utf8')), year);
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
