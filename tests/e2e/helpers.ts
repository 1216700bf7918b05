// Browser journeys: the real server in-process (fresh PGlite data dir, the built web UI) and Debian's
// Chromium driven by playwright-core. Every page a journey visits is checked with axe-core.
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import axe from 'axe-core';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { build } from '../../scripts/build.mjs';
import { loadConfig } from '../../src/config.ts';
import { openContext, prepareDatabase } from '../../src/bootstrap.ts';
import { buildApp } from '../../src/http/app.ts';
import type { AppContext } from '../../src/platform/context.ts';
import { startRegistrySimulator, type RunningSimulator } from '../../sim/registries/start-simulator.ts';
import { createOutboxDispatcher } from '../../src/worker.ts';
import { startSmsSimulator, type RunningSmsSimulator } from '../../sim/sms/start-simulator.ts';
import { startOidcSimulator, type RunningOidcSimulator } from '../../sim/oidc/start-simulator.ts';
import { freePort } from '../helpers/ports.ts';
import { startPaymentSimulator, type RunningPaymentSimulator } from '../../sim/payment/start-simulator.ts';
import { randomBytes } from 'node:crypto';

export const CHROMIUM = '/usr/bin/chromium';
export const SCREENSHOTS = path.resolve('test-results');

/** Whether the journeys can run here. Outside CI a missing browser skips them loudly; in CI it fails. */
export function browserAvailable(): boolean {
  if (existsSync(CHROMIUM)) return true;
  if (process.env.CI === 'true') throw new Error(`Chromium is required in CI but ${CHROMIUM} is missing (apt-get install chromium fonts-wqy-microhei)`);
  console.warn(
    `\n⚠ SKIPPED: browser journeys — ${CHROMIUM} is missing. Enable them with: apt-get install -y chromium fonts-wqy-microhei\n`,
  );
  return false;
}

export const PHONE: BrowserContextOptions = { viewport: { width: 375, height: 812 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };
export const DESKTOP: BrowserContextOptions = { viewport: { width: 1280, height: 900 } };

export interface Harness {
  baseUrl: string;
  browser: Browser;
  /** the server's context (database, config), for a journey that must set something up directly */
  ctx: AppContext;
  /** the SMS provider simulator, when started (HarnessOptions.sms) */
  sms: RunningSmsSimulator | null;
  /** the unified identity provider simulator, when started (HarnessOptions.oidc) */
  oidc: RunningOidcSimulator | null;
  /** a fresh browser context (own cookies and localStorage) with zh-CN as the browser language */
  newPage(options: BrowserContextOptions): Promise<Page>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  /** start the registry simulators (own process) and point REGISTRY_URL at them, for prefill */
  registries?: boolean;
  /** run the outbox dispatcher in-process (notifications: in-app messages) */
  outbox?: boolean;
  /** start the SMS provider simulator (own process) and point SMS_URL at it */
  sms?: boolean;
  /** start the unified identity (OIDC) simulator with Yijian as its client; the server then listens on a fixed free port */
  oidc?: boolean;
  /** start the payment provider simulator (own process) with a random merchant secret; the server listens on a known port for its callbacks */
  payment?: boolean;
}

/** Builds what changed, starts the server on a free port with an empty database, launches Chromium. */
export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  await build();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'yijian-e2e-'));
  const registries: RunningSimulator | null = options.registries ? await startRegistrySimulator() : null;
  const sms: RunningSmsSimulator | null = options.sms ? await startSmsSimulator() : null;
  const secret = randomBytes(32).toString('hex');
  const payment: RunningPaymentSimulator | null = options.payment ? await startPaymentSimulator({ secret }) : null;
  // the provider must know Yijian's callback before Yijian listens (and the payment provider calls back): a port chosen up front
  const port = options.oidc || payment ? await freePort() : 0;
  const oidcClient = { clientId: 'yijian-e2e', clientSecret: 'e2e-secret-0123456789' };
  const oidc: RunningOidcSimulator | null = options.oidc
    ? await startOidcSimulator({ ...oidcClient, redirectUris: [`http://127.0.0.1:${port}/api/auth/oidc/callback`] })
    : null;
  const config = loadConfig(
    {
      ...process.env, SEED_DEMO: 'true', PORT: String(port), DATA_DIR: dataDir, DATABASE_URL: undefined, LOG_LEVEL: 'warn',
      ...(registries ? { REGISTRY_URL: registries.url } : {}),
      ...(sms ? { SMS_URL: sms.url } : {}),
      ...(oidc ? { PUBLIC_URL: `http://127.0.0.1:${port}`, OIDC_ISSUER: oidc.issuer, OIDC_CLIENT_ID: oidcClient.clientId, OIDC_CLIENT_SECRET: oidcClient.clientSecret } : {}),
      ...(payment ? { PAYMENT_URL: payment.url, PAYMENT_MERCHANT_ID: payment.merchantId, PAYMENT_SECRET: secret, PUBLIC_URL: `http://127.0.0.1:${port}` } : {}),
    },
    [],
  );
  const ctx = await openContext(config);
  await prepareDatabase(ctx);
  const app = await buildApp(ctx);
  const stopOutbox = options.outbox ? createOutboxDispatcher(ctx).start(200) : null;
  await app.listen({ port, host: '127.0.0.1' });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('server did not listen on a TCP port');
  const baseUrl = `http://127.0.0.1:${address.port}`;

  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  const contexts: BrowserContext[] = [];
  mkdirSync(SCREENSHOTS, { recursive: true });

  return {
    baseUrl,
    browser,
    ctx,
    sms,
    oidc,
    async newPage(options) {
      const context = await browser.newContext({ baseURL: baseUrl, locale: 'zh-CN', ...options });
      contexts.push(context);
      const page = await context.newPage();
      // the app must run under its own Content-Security-Policy: a refused script or style is a defect
      page.on('console', (msg) => {
        if (msg.type() === 'error' && msg.text().includes('Content Security Policy')) cspViolations.set(page, [...(cspViolations.get(page) ?? []), msg.text()]);
      });
      return page;
    },
    async close() {
      for (const c of contexts) await c.close().catch(() => undefined);
      await browser.close().catch(() => undefined);
      await stopOutbox?.();
      await app.close();
      await ctx.database.close();
      await registries?.stop();
      await sms?.stop();
      await oidc?.stop();
      await payment?.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

const cspViolations = new WeakMap<Page, string[]>();

const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

interface AxeViolation {
  id: string;
  impact?: string | null;
  help: string;
  nodes: Array<{ target: unknown[]; failureSummary?: string }>;
}

/** Runs axe-core (WCAG 2.0/2.1/2.2 A and AA) on the page as it is now; fails listing every violation. */
export async function checkA11y(page: Page, where: string): Promise<void> {
  expect(cspViolations.get(page) ?? [], `Content-Security-Policy violations on ${where}`).toEqual([]);
  const loaded = await page.evaluate('typeof window.axe === "object"');
  // evaluated through the DevTools protocol, which the page's Content-Security-Policy does not govern
  // (a script tag would be refused: the app allows only its own script files)
  if (!loaded) await page.evaluate(`${axe.source}\n;void 0`);
  const violations = (await page.evaluate(
    `axe.run(document, { runOnly: { type: 'tag', values: ${JSON.stringify(WCAG_TAGS)} }, resultTypes: ['violations'] }).then((r) => r.violations)`,
  )) as AxeViolation[];
  const report = violations.map(
    (v) => `${v.id} (${v.impact ?? 'n/a'}): ${v.help}\n${v.nodes.map((n) => `    at ${JSON.stringify(n.target)}${n.failureSummary ? `\n      ${n.failureSummary.replace(/\n/g, '\n      ')}` : ''}`).join('\n')}`,
  );
  expect(report, `accessibility violations on ${where} (${page.url()})`).toEqual([]);
}

/** Starts counting what the page downloads (encoded bytes of same-origin files, the API excluded). */
export function countDownloads(page: Page): { bytes: () => Promise<number>; urls: string[] } {
  const pending: Array<Promise<number>> = [];
  const urls: string[] = [];
  page.on('requestfinished', (request) => {
    const url = new URL(request.url());
    if (url.pathname.startsWith('/api/')) return;
    urls.push(url.pathname);
    pending.push(request.sizes().then((s) => s.responseBodySize + s.responseHeadersSize));
  });
  return { urls, bytes: async () => (await Promise.all(pending)).reduce((a, b) => a + b, 0) };
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** The page must not scroll sideways (phones). */
export async function expectNoHorizontalScroll(page: Page, where: string): Promise<void> {
  const [scroll, client] = (await page.evaluate('[document.documentElement.scrollWidth, document.documentElement.clientWidth]')) as [number, number];
  expect(scroll, `horizontal scroll on ${where}`).toBeLessThanOrEqual(client);
}
