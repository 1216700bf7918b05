// npm start: build what changed, then run the server bundle. Arguments (--role=…) pass through.
import path from 'node:path';
import { build } from './build.mjs';

// the demo city is what `npm install && npm start` shows on a developer's machine; a production start
// (NODE_ENV=production) never seeds it, and the server refuses to run beside a demo credential
if (process.env.SEED_DEMO === undefined && process.env.NODE_ENV !== 'production') process.env.SEED_DEMO = 'true';

await build();
process.argv = [process.argv[0], path.resolve('dist/server/main.js'), ...process.argv.slice(2)];
await import(path.resolve(path.dirname(new URL(import.meta.url).pathname), '../dist/server/main.js'));
