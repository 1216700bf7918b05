// Demo data cannot exist in production: the configuration refuses to seed it, and a production start
// stops while a demo account opens with the published password or a unit signs with a demo key.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';
import { DemoCredentialsInProductionError, refuseDemoCredentials } from './bootstrap.ts';
import { seedDemoAdapters } from './modules/dispatch/index.ts';
import { hashPassword } from './modules/identity/index.ts';
import { createTestApp, type TestApp } from '../tests/helpers/app.ts';

describe('demo data and production', () => {
  it('seeds no demo unless asked for, and refuses to seed it in production', () => {
    expect(loadConfig({}, []).seedDemo).toBe(false);
    expect(loadConfig({ SEED_DEMO: 'true' }, []).seedDemo).toBe(true);
    expect(() => loadConfig({ SEED_DEMO: 'true', NODE_ENV: 'production' }, [])).toThrow(ConfigError);
    expect(() => loadConfig({ SEED_DEMO: 'true', NODE_ENV: 'production' }, [])).toThrow(/published password/);
  });

  describe('a production start over a database that ran the demo', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp('pglite', { catalog: 'org' }); // the demo accounts are seeded
      await seedDemoAdapters(t.database.db, randomBytes(32).toString('hex'));
    });
    afterAll(async () => t?.close());

    it('is refused, naming the demo accounts and the units with demo keys', async () => {
      const err = await refuseDemoCredentials(t.ctx).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(DemoCredentialsInProductionError);
      expect((err as Error).message).toMatch(/admin/);
      expect((err as Error).message).toMatch(/city-housing-fund/);
    });

    it('goes ahead once every demo password is changed or the account disabled and the demo keys are retired', async () => {
      const db = t.database.db;
      await db.updateTable('users').set({ password_hash: await hashPassword('A-real-Secret#2026') }).where('username', '=', 'admin').execute();
      await db.updateTable('users').set({ disabled: true }).where('username', '!=', 'admin').execute();
      await expect(refuseDemoCredentials(t.ctx)).rejects.toThrow(/city-housing-fund/);
      await db.updateTable('unit_keys').set({ retired_at: new Date() }).execute();
      await expect(refuseDemoCredentials(t.ctx)).resolves.toBeUndefined();
    });
  });
});
