// npm run restore -- FILE — a backup made by `npm run backup` into this configuration's EMPTY
// DATA_DIR (embedded database) or EMPTY database (DATABASE_URL) and empty UPLOAD_DIR; every upload is
// checked against its hash and the counts against the backup's manifest.
import { ConfigError, loadConfig } from '../config.ts';
import { restore, RestoreRefused } from '../platform/backup.ts';

const file = process.argv[2];
if (!file) {
  console.error('usage: npm run restore -- FILE   (into an empty DATA_DIR, or an empty database with DATABASE_URL)');
  process.exit(2);
}
try {
  await restore(loadConfig(process.env, []), file, (line) => console.log(`restore: ${line}`));
} catch (e) {
  console.error(`restore refused: ${e instanceof ConfigError || e instanceof RestoreRefused || e instanceof Error ? e.message : String(e)}`);
  process.exit(e instanceof RestoreRefused ? 2 : 1);
}
