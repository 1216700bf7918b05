// npm test: the whole suite (unit, database on PGlite and PostgreSQL, browser). Arguments go to vitest.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const env = { ...process.env };
if (!existsSync('/usr/bin/chromium') && env.CI !== 'true') {
  console.warn('\n⚠ SKIPPED: browser suite — /usr/bin/chromium is missing. Install it with: apt-get install chromium fonts-wqy-microhei\n');
}
const r = spawnSync(process.execPath, ['node_modules/vitest/vitest.mjs', 'run', ...process.argv.slice(2)], { stdio: 'inherit', env });
process.exit(r.status ?? 1);
