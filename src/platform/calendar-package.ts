// The `chinese-days` package as the source of calendar/YYYY.yaml: used by `npm run calendar:export`
// and by the test that checks the repository's years against it; the server never reads it.
import { createRequire } from 'node:module';
import type { CalendarYear } from './calendar-data.ts';

type PackageData = { holidays: Record<string, string>; workdays: Record<string, string> };
const packageData = (): PackageData => createRequire(import.meta.url)('chinese-days/dist/chinese-days.json') as PackageData;

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
