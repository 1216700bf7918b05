// npm start: build what changed, then run the server bundle. Arguments (--role=…) pass through.
import path from 'node:path';
import { build } from './build.mjs';

await build();
process.argv = [process.argv[0], path.resolve('dist/server/main.js'), ...process.argv.slice(2)];
await import(path.resolve(path.dirname(new URL(import.meta.url).pathname), '../dist/server/main.js'));
