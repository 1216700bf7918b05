// The working-day calendar as data in the repository: calendar/YYYY.yaml, one file per year with the
// national schedule (国务院办公厅关于部分节假日安排的通知): the days off and the weekend days that are
// working days (调休). Read once, lazily, the first time a date is asked about. A year without a file
// is a year without data: the calendar fails loudly for it (see calendar.ts).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { findRootDir } from '../config.ts';

const ZDay = z.object({ date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/), name: z.string().min(1) });
export const ZCalendarYear = z.object({
  year: z.number().int().min(2000).max(2100),
  source: z.string().min(1),
  /**
   * Only the statutory days off of 《全国年节及纪念日放假办法》 with their 补假, written before the State
   * Council's notice for the year is out: deadlines into it are computed, and a warning says to replace
   * the file with the notice (which may add bridged days off and 调休 working days).
   */
  provisional: z.boolean().optional(),
  /** days off: statutory holidays and the days bridged to them */
  holidays: z.array(ZDay).min(1),
  /** 调休: Saturdays and Sundays that are working days */
  workdays: z.array(ZDay),
});
export type CalendarYear = z.infer<typeof ZCalendarYear>;

export interface LoadedCalendar {
  years: ReadonlySet<number>;
  /** years whose file holds only the statutory days off, before the State Council's notice */
  provisional: ReadonlySet<number>;
  /** 'YYYY-MM-DD' → true for a day off on a weekday, false for a working weekend day */
  exceptions: ReadonlyMap<string, boolean>;
}

const weekday = (iso: string): number => new Date(`${iso}T12:00:00Z`).getUTCDay();

/** Checks one year's file: dates in the year, days off that are weekdays or weekends, 调休 days on weekends. */
export function checkCalendarYear(raw: unknown, fileYear?: number): CalendarYear {
  const y = ZCalendarYear.parse(raw);
  if (fileYear !== undefined && y.year !== fileYear) throw new Error(`calendar/${fileYear}.yaml says year ${y.year}`);
  for (const d of [...y.holidays, ...y.workdays]) {
    if (!d.date.startsWith(`${y.year}-`) && !d.date.startsWith(`${y.year + 1}-01`) && !d.date.startsWith(`${y.year - 1}-12`))
      throw new Error(`${y.year}: ${d.date} is outside the year`);
    if (Number.isNaN(new Date(`${d.date}T00:00:00Z`).getTime())) throw new Error(`${y.year}: ${d.date} is not a date`);
  }
  for (const d of y.workdays) {
    const w = weekday(d.date);
    if (w !== 0 && w !== 6) throw new Error(`${y.year}: 调休 working day ${d.date} is not a weekend day`);
  }
  return y;
}

export function loadCalendarDir(dir: string): LoadedCalendar {
  const years = new Set<number>();
  const provisional = new Set<number>();
  const exceptions = new Map<string, boolean>();
  let files: string[] = [];
  try {
    files = readdirSync(dir).filter((f) => /^\d{4}\.yaml$/.test(f)).sort();
  } catch {
    // no folder: no years, every date fails loudly
  }
  for (const file of files) {
    const year = Number(file.slice(0, 4));
    const y = checkCalendarYear(parse(readFileSync(path.join(dir, file), 'utf8')), year);
    years.add(year);
    if (y.provisional) provisional.add(year);
    for (const d of y.holidays) if (weekday(d.date) !== 0 && weekday(d.date) !== 6) exceptions.set(d.date, true);
    for (const d of y.workdays) exceptions.set(d.date, false);
  }
  return { years, provisional, exceptions };
}

let loaded: LoadedCalendar | undefined;

/** The repository's calendar, read on first use. */
export function repositoryCalendar(): LoadedCalendar {
  loaded ??= loadCalendarDir(path.join(findRootDir(), 'calendar'));
  return loaded;
}

export function renderCalendarYear(y: CalendarYear): string {
  const lines = [
    `# ${y.year} 年全国节假日安排（含调休）/ national holiday schedule with adjusted working days`,
    '# holidays: days off; workdays: weekend days that are working days (调休).',
    ...(y.provisional ? ["# PROVISIONAL: the law's statutory days off and 补假 only, until the State Council's notice for the year replaces this file."] : []),
    `year: ${y.year}`,
    `source: ${y.source}`,
    ...(y.provisional ? ['provisional: true'] : []),
    'holidays:',
    ...y.holidays.map((d) => `  - { date: ${d.date}, name: ${d.name} }`),
    `workdays:${y.workdays.length ? '' : ' []'}`,
    ...y.workdays.map((d) => `  - { date: ${d.date}, name: ${d.name} }`),
    '',
  ];
  return lines.join('\n');
}
