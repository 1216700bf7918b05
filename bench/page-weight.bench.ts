// page-weight: compressed bytes a phone loads for the theme list (/) and a theme page with its notice
// (/themes/newborn). Chromium (phone viewport) records every request a page makes; each is fetched
// again with Accept-Encoding: br, as a phone on HTTPS gets it, and the bodies are summed.
// Baseline, same run: an empty React page built the same way (Vite, production, brotli): the floor of
// any React page.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { brotliCompressSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { progress, report, ROOT, startProcess, tempDir } from './lib.ts';

const BUDGET = 150 * 1024;

interface Req { method: string; url: string; body: string | null }

function fetchBr(r: Req): Promise<{ bytes: number; encoding: string; status: number }> {
  return new Promise((resolve, reject) => {
    const u = new URL(r.url);
    const req = http.request({ host: u.hostname, port: u.port, path: u.pathname + u.search, method: r.method, headers: { 'accept-encoding': 'br, gzip', ...(r.body ? { 'content-type': 'application/json' } : {}) } }, (res) => {
      let bytes = 0;
      res.on('data', (c: Buffer) => (bytes += c.length));
      res.on('end', () => resolve({ bytes, encoding: String(res.headers['content-encoding'] ?? 'identity'), status: res.statusCode ?? 0 }));
    });
    req.on('error', reject);
    if (r.body) req.write(r.body);
    req.end();
  });
}

progress('starting Yijian');
const server = await startProcess(['dist/server/main.js'], { DATA_DIR: tempDir('weight'), SEED_DEMO: 'true' }, '/api/themes', 120_000);
const base = `http://127.0.0.1:${server.port}`;
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});

async function weigh(name: string, pagePath: string, act?: (page: import('playwright-core').Page) => Promise<void>) {
  const context = await browser.newContext({ viewport: { width: 375, height: 812 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  const reqs: Req[] = [];
  page.on('request', (r) => reqs.push({ method: r.method(), url: r.url(), body: r.postData() }));
  await page.goto(base + pagePath, { waitUntil: 'networkidle' });
  if (act) await act(page);
  await page.waitForLoadState('networkidle');
  await context.close();
  let total = 0;
  console.log(`${name} (${pagePath}):`);
  for (const r of reqs.filter((x) => x.url.startsWith(base))) {
    const got = await fetchBr(r);
    total += got.bytes;
    console.log(`  ${String(got.bytes).padStart(7)} B  ${got.encoding.padEnd(8)} ${r.method} ${r.url.slice(base.length)}`);
  }
  console.log(`  ${String(total).padStart(7)} B  total (${(total / 1024).toFixed(1)} KB, budget 150 KB)`);
  return total;
}

const home = await weigh('theme list', '/');
const theme = await weigh('theme page', '/themes/newborn');
await browser.close();
await server.stop();

progress('baseline: building an empty React page with the same Vite setup');
const reactBytes = await emptyReactPageBytes();
console.log(`baseline: an empty React page (createRoot + one heading), Vite production build, brotli: ${reactBytes} B (${(reactBytes / 1024).toFixed(1)} KB)`);
const worst = Math.max(home, theme);
report('page-weight', worst / 1024, reactBytes / 1024, 'KB', { homeKB: Number((home / 1024).toFixed(1)), themePageKB: Number((theme / 1024).toFixed(1)), budgetKB: BUDGET / 1024 });

async function emptyReactPageBytes(): Promise<number> {
  const dir = path.join(ROOT, '.tmp', 'empty-react-page');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'index.html'), '<!doctype html><html lang="zh-CN"><body><div id="root"></div><script type="module" src="./main.jsx"></script></body></html>');
  writeFileSync(path.join(dir, 'main.jsx'), "import { createRoot } from 'react-dom/client';\ncreateRoot(document.getElementById('root')).render(<h1>一件事一次办</h1>);\n");
  const { build } = await import('vite');
  const react = (await import('@vitejs/plugin-react')).default;
  const env = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  await build({ root: dir, logLevel: 'silent', plugins: [react()], build: { outDir: path.join(dir, 'dist') } });
  process.env.NODE_ENV = env;
  const assets = path.join(dir, 'dist', 'assets');
  const total = readdirSync(assets).reduce((n, f) => n + brotliCompressSync(readFileSync(path.join(assets, f))).length, 0);
  rmSync(dir, { recursive: true, force: true });
  return total + brotliCompressSync(readFileSync(path.join(ROOT, 'dist/web/index.html'))).length;
}
