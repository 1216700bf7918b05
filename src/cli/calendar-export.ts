// npm run calendar:export -- [--from 2020] [--to 2026]: writes calendar/YYYY.yaml, the national holiday
// schedule with 调休 of each year, from the `chinese-days` package. The files are the data the server
// reads (src/platform/calendar-data.ts); the package is only where they come from. A year the package
// does not have yet (it follows the State Council's notice, published each autumn) is written by hand
// in the same shape from the notice. Until the notice is out, `--provisional` writes such a year from
// the law's statutory days off (provisional: true), so deadlines into it can be computed.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { findRootDir } from '../config.ts';
import { renderCalendarYear } from '../platform/calendar-data.ts';
import { calendarYearFromPackage, provisionalCalendarYear } from '../platform/calendar-package.ts';

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const provisional = process.argv.includes('--provisional');
const from = arg('from', 2020);
const to = arg('to', new Date().getFullYear());
const dir = path.join(findRootDir(), 'calendar');
for (let year = from; year <= to; year++) {
  const data = calendarYearFromPackage(year);
  if (!data) {
    if (!provisional) {
      console.log(`${year}: chinese-days has no data for this year — write calendar/${year}.yaml from the State Council's notice, or --provisional`);
      continue;
    }
    const statutory = provisionalCalendarYear(year);
    writeFileSync(path.join(dir, `${year}.yaml`), renderCalendarYear(statutory));
    console.log(`${year}: provisional, ${statutory.holidays.length} statutory days off with 补假 → calendar/${year}.yaml (replace it with the State Council's notice)`);
    continue;
  }
  writeFileSync(path.join(dir, `${year}.yaml`), renderCalendarYear(data));
  console.log(`${year}: ${data.holidays.length} days off, ${data.workdays.length} weekend working days (调休) → calendar/${year}.yaml`);
}
