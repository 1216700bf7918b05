// The `chinese-days` package as the source of calendar/YYYY.yaml: used by `npm run calendar:export`
// and by the test that checks the repository's years against it; the server never reads it.
// For a year the package has no schedule for yet, its lunar calendar gives the statutory days off.
import { createRequire } from 'node:module';
import type { CalendarYear } from './calendar-data.ts';

type PackageData = { holidays: Record<string, string>; workdays: Record<string, string> };
const requirePackage = createRequire(import.meta.url);
const packageData = (): PackageData => requirePackage('chinese-days/dist/chinese-days.json') as PackageData;

const zhName = (label: string): string => label.split(',')[1] ?? label;

export function calendarYearFromPackage(year: number): CalendarYear | undefined {
  const data = packageData();
  const pick = (table: Record<string, string>) =>
    Object.entries(table)
      .filter(([date]) => date.startsWith(`${year}-`))
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([date, label]) => ({ date, name: zhName(label) }));
  const holidays = pick(data.holidays);
  if (holidays.length === 0) return undefined;
  return { year, source: `国务院办公厅关于${year}年部分节假日安排的通知（数据取自 chinese-days）`, holidays, workdays: pick(data.workdays) };
}

type LunarApi = { getSolarDateFromLunar(lunar: string): { date: string }; getSolarTermsInRange(start: string, end: string): { date: string; term: string }[] };
const lunarApi = (): LunarApi => requirePackage('chinese-days') as LunarApi;

const DAY_MS = 86_400_000;
const isoDay = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
const msOf = (iso: string): number => Date.parse(`${iso}T00:00:00Z`);
const isWeekend = (ms: number): boolean => [0, 6].includes(new Date(ms).getUTCDay());

/**
 * The statutory days off of `year` under 《全国年节及纪念日放假办法》 (国务院令第798号, in force since
 * 2025-01-01): 元旦 1, 春节 4 (除夕 to 初三), 清明 1, 劳动节 2, 端午 1, 中秋 1, 国庆 3 days; a statutory
 * day on a Saturday or Sunday is made up on the next working day (补假). Without the State Council's
 * notice, which also bridges days and sets 调休 working days, this is the least a year's schedule has.
 */
export function provisionalCalendarYear(year: number): CalendarYear {
  if (year < 2025) throw new RangeError(`${year}: the 2024 revision of the statutory holidays applies from 2025`);
  const { getSolarDateFromLunar, getSolarTermsInRange } = lunarApi();
  const lunar = (monthDay: string) => getSolarDateFromLunar(`${year}-${monthDay}`).date;
  const newYear = msOf(lunar('01-01'));
  const qingming = getSolarTermsInRange(`${year}-04-01`, `${year}-04-10`).find((t) => t.term === 'pure_brightness');
  if (!qingming) throw new Error(`${year}: no 清明 between April 1 and 10`);
  const festivals: { name: string; days: number[] }[] = [
    { name: '元旦', days: [msOf(`${year}-01-01`)] },
    { name: '春节', days: [-1, 0, 1, 2].map((d) => newYear + d * DAY_MS) },
    { name: '清明', days: [msOf(qingming.date)] },
    { name: '劳动节', days: [msOf(`${year}-05-01`), msOf(`${year}-05-02`)] },
    { name: '端午', days: [msOf(lunar('05-05'))] },
    { name: '中秋', days: [msOf(lunar('08-15'))] },
    { name: '国庆', days: [1, 2, 3].map((d) => msOf(`${year}-10-0${d}`)) },
  ];
  const off = new Map<number, string>();
  for (const f of festivals) for (const d of f.days) off.set(d, f.name);
  for (const f of festivals) {
    let owed = f.days.filter(isWeekend).length;
    for (let d = Math.max(...f.days) + DAY_MS; owed > 0; d += DAY_MS) {
      if (isWeekend(d) || off.has(d)) continue;
      off.set(d, f.name);
      owed--;
    }
  }
  const holidays = [...off.entries()].sort(([a], [b]) => a - b).map(([d, name]) => ({ date: isoDay(d), name }));
  return {
    year,
    source: `《全国年节及纪念日放假办法》法定假日及补假（国务院${year}年节假日安排通知发布前的临时数据，须按通知替换）`,
    provisional: true,
    holidays,
    workdays: [],
  };
}
