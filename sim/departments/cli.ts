// npm run sim [-- --config sim/departments/demo.json --yijian http://127.0.0.1:3000 --data ./data]
// Starts the simulated department systems of a config, each a separate process with its own port and
// storage (DATA/sim/departments/<unit>), and prints each one's URL; Ctrl-C stops them all.
// Push units need their URL registered in Yijian (PUT /api/admin/adapters/:unitCode); `npm start`
// does that itself for the demo city (SEED_DEMO).
import path from 'node:path';
import { parseArgs } from 'node:util';
import { findRootDir } from '../../src/config.ts';
import { startDepartmentSimulators, stopDemoSimulatorsNow } from '../../src/platform/demo-simulators.ts';

const rootDir = findRootDir();
const { values } = parseArgs({
  options: {
    config: { type: 'string', default: path.join(rootDir, 'sim/departments/demo.json') },
    yijian: { type: 'string', default: `http://127.0.0.1:${process.env.PORT ?? 3000}` },
    data: { type: 'string', default: process.env.DATA_DIR ?? './data' },
  },
});
const started = await startDepartmentSimulators({ rootDir, dataDir: path.resolve(values.data) }, values.yijian, path.resolve(values.config));
if (started.length === 0) {
  console.error(`sim: no department simulator started (config ${values.config})`);
  process.exit(1);
}
for (const s of started) console.log(`${s.unitCode.padEnd(28)} ${s.mode.padEnd(5)} ${s.url}   (stats: ${s.url}/stats, faults: POST ${s.url}/faults)`);
console.log(JSON.stringify({ event: 'started', yijian: values.yijian, simulators: started }));
const stop = () => {
  stopDemoSimulatorsNow();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
setInterval(() => undefined, 1 << 30);
