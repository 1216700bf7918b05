// notice: the one notice for every theme over HTTP (answers cover every root question, following up
// where an option leads), req/s next to a bare Fastify POST route driven the same way in the same run.
import { drive, progress, report, startProcess, tempDir, type RequestSpec } from './lib.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);

interface NoticeResponse { pending: string[]; questions: Array<{ code: string; options: Array<{ code: string }> }> }

async function answersFor(port: number, code: string, pick: number): Promise<Record<string, string[]>> {
  const answers: Record<string, string[]> = {};
  for (let round = 0; round < 20; round++) {
    const res = await fetch(`http://127.0.0.1:${port}/api/themes/${code}/notice`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ answers }),
    });
    const n = (await res.json()) as NoticeResponse;
    if (n.pending.length === 0) break;
    for (const q of n.questions.filter((x) => n.pending.includes(x.code))) {
      answers[q.code] = [q.options[pick % q.options.length]!.code];
    }
  }
  return answers;
}

progress('starting Yijian on a fresh PGlite folder');
const server = await startProcess(['dist/server/main.js'], { DATA_DIR: tempDir('notice') }, '/api/themes', 120_000);
const themes = (await (await fetch(`http://127.0.0.1:${server.port}/api/themes`)).json()) as Array<{ code: string }>;
const specs: RequestSpec[] = [];
for (const t of themes) for (const pick of [0, 1]) specs.push({ method: 'POST', path: `/api/themes/${t.code}/notice`, body: JSON.stringify({ answers: await answersFor(server.port, t.code, pick) }) });
progress(`${themes.length} themes, ${specs.length} answer sets; warming up`);
await drive(server.port, specs, { concurrency: CONCURRENCY, seconds: 2 });
progress(`notice: ${CONCURRENCY} clients for ${SECONDS} s`);
const notice = await drive(server.port, specs, { concurrency: CONCURRENCY, seconds: SECONDS });
await server.stop();

progress('starting the bare Fastify baseline');
const bare = await startProcess(['bench/bare-server.mjs'], {});
const bareSpecs: RequestSpec[] = specs.map((s) => ({ method: 'POST', path: '/bare', body: s.body! }));
await drive(bare.port, bareSpecs, { concurrency: CONCURRENCY, seconds: 2 });
progress(`bare route: ${CONCURRENCY} clients for ${SECONDS} s`);
const base = await drive(bare.port, bareSpecs, { concurrency: CONCURRENCY, seconds: SECONDS });
await bare.stop();

const line = (name: string, r: typeof notice) =>
  console.log(`${name.padEnd(28)} ${Math.round(r.rps).toString().padStart(7)} req/s  p50 ${r.p50.toFixed(1)} ms  p99 ${r.p99.toFixed(1)} ms  errors ${r.errors}`);
line('notice (29 themes)', notice);
line('bare Fastify POST route', base);
if (notice.errors > 0) throw new Error(`${notice.errors} notice requests failed`);
report('notice', notice.rps, base.rps, 'req/s', { goalRatio: 0.5, p99Ms: Number(notice.p99.toFixed(2)) });
