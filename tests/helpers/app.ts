// The real Fastify app over a fresh test database, for HTTP tests with app.inject.
import { mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { findRootDir, loadConfig } from '../../src/config.ts';
import { buildApp } from '../../src/http/app.ts';
import type { AppContext } from '../../src/platform/context.ts';
import type { DbKind } from '../../src/platform/db.ts';
import { createLogger } from '../../src/platform/logger.ts';
import { loadCatalogFiles } from '../../src/modules/catalog/index.ts';
import { DEMO_PASSWORD, seedDemoAccounts } from '../../src/modules/identity/index.ts';
import { createTestDatabase, type TestDatabase } from './databases.ts';
import { installDomainEvents } from '../../src/domain-events.ts';
import { AdjustableClock } from '../../src/platform/clock.ts';

export interface TestAppOptions {
  /** 'full' loads every catalog file; 'org' only divisions and units (fast, and independent of matters and themes). */
  catalog?: 'full' | 'org' | 'none';
  /** seed the demo accounts (default true) */
  seedDemo?: boolean;
  /** environment overrides for loadConfig, e.g. { SECURE_COOKIES: 'auto' } */
  env?: Record<string, string>;
  /** the demo city's movable clock and its admin route */
  demoClock?: boolean;
}

export interface TestApp {
  app: FastifyInstance;
  database: TestDatabase;
  ctx: AppContext;
  /** Moves the app's clock (ctx.now); undefined returns to real time. */
  setNow(at: Date | undefined): void;
  close(): Promise<void>;
}

let orgOnlyDir: string | undefined;
/** A catalog folder holding only divisions/ and units/ (symlinks to the real ones). */
function orgCatalogDir(catalogDir: string): string {
  if (!orgOnlyDir) {
    orgOnlyDir = mkdtempSync(path.join(tmpdir(), 'yj-org-catalog-'));
    symlinkSync(path.join(catalogDir, 'divisions'), path.join(orgOnlyDir, 'divisions'));
    symlinkSync(path.join(catalogDir, 'units'), path.join(orgOnlyDir, 'units'));
  }
  return orgOnlyDir;
}

export async function createTestApp(kind: DbKind, opts: TestAppOptions = {}): Promise<TestApp> {
  const database = await createTestDatabase(kind);
  const config = loadConfig({ LOG_LEVEL: 'silent', SEED_DEMO: 'false', SECURE_COOKIES: 'false', ...opts.env }, []);
  let fixedNow: Date | undefined;
  installDomainEvents();
  const demoClock = opts.demoClock ? new AdjustableClock() : undefined;
  const ctx: AppContext = { config, database, log: createLogger('silent'), now: () => fixedNow ?? demoClock?.now() ?? new Date(), ...(demoClock ? { demoClock } : {}) };
  const catalogDir = path.join(findRootDir(), 'catalog');
  const catalog = opts.catalog ?? 'full';
  if (catalog !== 'none') await loadCatalogFiles(database.db, catalog === 'full' ? catalogDir : orgCatalogDir(catalogDir));
  if (opts.seedDemo ?? true) await seedDemoAccounts(database.db);
  const app = await buildApp(ctx);
  await app.ready();
  return {
    app,
    database,
    ctx,
    setNow: (at) => {
      fixedNow = at;
    },
    close: async () => {
      await app.close();
      await database.drop();
    },
  };
}

export interface SignedIn {
  /** the Cookie header value */
  cookie: string;
  csrfToken: string;
  /** headers for app.inject: the cookie, and the CSRF token for writes */
  headers: { cookie: string; 'x-csrf-token': string };
  user: { id: number; username: string; role: string };
}

export function sessionCookieOf(res: LightMyRequestResponse): string | undefined {
  const c = res.cookies.find((x) => x.name === 'yj_session');
  return c ? `yj_session=${c.value}` : undefined;
}

/** Signs in through the real login route (a demo account by default password). */
export async function signIn(app: FastifyInstance, username: string, password = DEMO_PASSWORD): Promise<SignedIn> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`signIn(${username}) failed: ${res.statusCode} ${res.body}`);
  const body = res.json<{ csrfToken: string; user: SignedIn['user'] }>();
  const cookie = sessionCookieOf(res);
  if (!cookie) throw new Error(`signIn(${username}): no session cookie`);
  return { cookie, csrfToken: body.csrfToken, headers: { cookie, 'x-csrf-token': body.csrfToken }, user: body.user };
}
