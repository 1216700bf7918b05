// Runs a TypeScript entry point with tsx (dev tooling: CLIs, benchmarks).
import { spawnSync } from 'node:child_process';
const [entry, ...rest] = process.argv.slice(2);
const r = spawnSync(process.execPath, ['--import', 'tsx', entry, ...rest], { stdio: 'inherit' });
process.exit(r.status ?? 1);
