// Builds the server bundle (esbuild) and the web UI (Vite) into dist/, precompressing the web assets.
// Runs on `npm install` (prepare) and skips work whose sources have not changed (--force rebuilds).
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const force = process.argv.includes('--force');

function hashTree(dirs) {
  const h = createHash('sha256');
  const walk = (p) => {
    if (!existsSync(p)) return;
    const st = statSync(p);
    if (st.isDirectory()) {
      if (p.endsWith('node_modules') || p.includes(`${path.sep}dist`)) return;
      for (const e of readdirSync(p).sort()) walk(path.join(p, e));
    } else {
      h.update(p);
      h.update(readFileSync(p));
    }
  };
  dirs.forEach((d) => walk(path.join(root, d)));
  return h.digest('hex');
}

function stamp(name, hash) {
  const file = path.join(root, 'dist', `.${name}.hash`);
  const fresh = !force && existsSync(file) && readFileSync(file, 'utf8') === hash;
  return { fresh, save: () => { mkdirSync(path.dirname(file), { recursive: true }); writeFileSync(file, hash); } };
}

export async function build() {
  const serverHash = hashTree(['src', 'sim', 'package.json', 'scripts/build.mjs']);
  const server = stamp('server', serverHash);
  if (!server.fresh) {
    const t = Date.now();
    const esbuild = await import('esbuild');
    await esbuild.build({
      entryPoints: [path.join(root, 'src/main.ts')],
      outdir: path.join(root, 'dist/server'),
      entryNames: '[name]',
      chunkNames: 'chunks/[name]-[hash]',
      splitting: true,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      // Our dependencies are bundled too: one file parses far faster than kysely's or zod's hundreds of
      // modules (restart time). Packages that load files next to themselves stay external.
      external: ['@electric-sql/pglite', 'pg', 'pg-native', 'pino', '@fastify/swagger-ui', '@fastify/static', 'esbuild', 'vite'],
      banner: { js: "import { createRequire as __yjCreateRequire } from 'node:module'; const require = __yjCreateRequire(import.meta.url);" },
      sourcemap: true,
      // smaller to parse at every start; names kept for readable stack traces
      minifyWhitespace: true,
      minifySyntax: true,
      keepNames: true,
      logLevel: 'warning',
    });
    // the demo city's simulators (separate processes), bundled so they start as fast as the server
    const sims = Object.fromEntries(
      readdirSync(path.join(root, 'sim'), { withFileTypes: true })
        .filter((e) => e.isDirectory() && existsSync(path.join(root, 'sim', e.name, 'main.ts')))
        .map((e) => [e.name, path.join(root, 'sim', e.name, 'main.ts')]),
    );
    await esbuild.build({
      entryPoints: sims,
      outdir: path.join(root, 'dist/sim'),
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      sourcemap: true,
      logLevel: 'warning',
    });
    server.save();
    console.log(`built server in ${Date.now() - t} ms`);
  }
  const webHash = hashTree(['web', 'src/contract', 'package.json', 'scripts/build.mjs']);
  const web = stamp('web', webHash);
  if (!web.fresh && existsSync(path.join(root, 'web/index.html'))) {
    const t = Date.now();
    const { build: viteBuild } = await import('vite');
    // Vite bundles React's development build unless NODE_ENV is production, and test runners set it
    // to "test": the web bundle is always the production one, whoever builds it.
    const nodeEnv = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    try {
      await viteBuild({ configFile: path.join(root, 'web/vite.config.ts'), logLevel: 'warn' });
    } finally {
      if (nodeEnv === undefined) delete process.env.NODE_ENV;
      else process.env.NODE_ENV = nodeEnv;
    }
    precompress(path.join(root, 'dist/web'));
    web.save();
    console.log(`built web UI in ${Date.now() - t} ms`);
  }
}

function precompress(dir) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) precompress(p);
    else if (/\.(js|css|html|svg|json|txt)$/.test(e.name)) {
      const body = readFileSync(p);
      writeFileSync(`${p}.gz`, gzipSync(body, { level: 9 }));
      writeFileSync(`${p}.br`, brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
    }
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await build();
}
