// npm run backup [-- FILE] — the database and the uploaded materials in one .tar.gz (default
// backups/yijian-<time>.tar.gz). The embedded database (PGlite) belongs to one process: stop the
// server first. With DATABASE_URL, pg_dump takes a consistent snapshot while the server runs.
import path from 'node:path';
import { ConfigError, loadConfig } from '../config.ts';
import { backup } from '../platform/backup.ts';

try {
  const config = loadConfig(process.env, []);
  const out = process.argv[2] ?? path.join('backups', `yijian-${new Date().toISOString().replace(/[:.]/g, '-')}.tar.gz`);
  if (!config.databaseUrl) {
    const running = await fetch(`http://127.0.0.1:${config.port}/api/health`, { signal: AbortSignal.timeout(1000) }).then((r) => r.ok, () => false);
    if (running) {
      console.error(`backup: a Yijian server answers on port ${config.port}. The embedded database belongs to that process: stop it, then back up.`);
      process.exit(2);
    }
  }
  await backup(config, out, (line) => console.log(`backup: ${line}`));
} catch (e) {
  console.error(`backup failed: ${e instanceof ConfigError || e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
}
