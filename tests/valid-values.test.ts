// The valid-values generator: for every theme with every matter switched on, and many seeds, the
// generated values pass the server's own form validation (element rules and cross rules); the same
// seed gives the same values.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findRootDir } from '../src/config.ts';
import { loadCatalogFiles, publishedCatalog } from '../src/modules/catalog/index.ts';
import { buildThemeForm, validateForm } from '../src/modules/forms/index.ts';
import { everything } from '../src/modules/guidance/index.ts';
import { createTestDatabase, type TestDatabase } from './helpers/databases.ts';
import { sampleRegex, seededRandom, validValues } from './helpers/valid-values.ts';

const SEEDS = 25;
const DAYS = [new Date('2025-06-10T02:00:00Z'), new Date('2026-02-28T20:00:00Z'), new Date('2028-02-29T04:00:00Z')];

describe('valid form values from the catalog', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase('pglite');
    await loadCatalogFiles(database.db, path.join(findRootDir(), 'catalog'));
  }, 240_000); // generous: setting up waits for events (app, servers), a busy machine only makes it slower
  afterAll(async () => {
    await database?.drop();
  });

  it('pass validateForm for every theme with all its matters, many seeds and days', async () => {
    const catalog = publishedCatalog(database);
    const [bundles, elements] = await Promise.all([catalog.all(), catalog.elements()]);
    expect(bundles).toHaveLength(29);
    const failures: string[] = [];
    for (const bundle of bundles) {
      const form = buildThemeForm(bundle, everything(bundle.theme), elements);
      for (const today of DAYS)
        for (let seed = 0; seed < SEEDS; seed++) {
          const values = validValues(form.elements, { seed, today });
          const r = validateForm(form, values, today);
          if (!r.ok) failures.push(`${bundle.theme.code} seed ${seed} ${today.toISOString()}: ${r.problems.map((p) => `${p.code} ${p.paths.join('+')}`).join('; ')}`);
        }
    }
    expect(failures).toEqual([]);
  });

  it('is deterministic for a seed', async () => {
    const catalog = publishedCatalog(database);
    const [bundle, elements] = await Promise.all([catalog.theme('newborn'), catalog.elements()]);
    const form = buildThemeForm(bundle, everything(bundle.theme), elements);
    const a = validValues(form.elements, { seed: 42, today: DAYS[0]! });
    expect(validValues(form.elements, { seed: 42, today: DAYS[0]! })).toEqual(a);
    expect(validValues(form.elements, { seed: 43, today: DAYS[0]! })).not.toEqual(a);
  });

  it('samples strings for the catalog patterns', () => {
    const rnd = seededRandom(1);
    for (const p of ['^\\d{12}[A-Z]{2}\\d{5}$', '^([1-9]\\d{16}[0-9X]|[0-9A-HJ-NPQRTUWXY]{2}\\d{6}[0-9A-HJ-NPQRTUWXY]{10})$', '^[\\u4e00-\\u9fa5][A-Z][A-Z0-9]{5,6}$', '^\\d{4}-(0[1-9]|1[0-2])$'])
      for (let i = 0; i < 50; i++) expect(sampleRegex(p, rnd)).toMatch(new RegExp(p));
  });
});
