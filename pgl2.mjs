import { PGlite } from '@electric-sql/pglite';
let t=performance.now(); const m = await PGlite.create(); console.log('memory create', Math.round(performance.now()-t));
await m.exec('create table x(a int); insert into x values (1)');
t=performance.now(); const dump = await m.dumpDataDir('none'); console.log('dump', Math.round(performance.now()-t), dump.size);
for (let i=0;i<3;i++){ t=performance.now(); const c = await PGlite.create({ loadDataDir: dump }); console.log('load', Math.round(performance.now()-t), (await c.query('select * from x')).rows); await c.close(); }
t=performance.now(); const d = await PGlite.create({ dataDir: '/tmp/pgl-from-dump-'+Date.now(), loadDataDir: dump }); console.log('load to disk', Math.round(performance.now()-t));
