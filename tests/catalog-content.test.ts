// The catalog files model the annex faithfully: every theme, every matter, all checks passing.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findRootDir } from '../src/config.ts';
import { readCatalogDir } from '../src/modules/catalog/index.ts';
import { ANNEX } from './fixtures/annex.ts';

const { catalog, problems } = readCatalogDir(path.join(findRootDir(), 'catalog'));
// the annex writes some names with full-width brackets and some without: compare loosely
const norm = (s: string) => s.replace(/[（(]/g, '(').replace(/[）)]/g, ')').replace(/[“”"\s]/g, '');

describe('catalog data files', () => {
  it('pass catalog:check (schemas, quality rules, references, acyclic dependencies)', () => {
    expect(problems.map((p) => `${p.file} [${p.path}] ${p.code}: ${p.en}`)).toEqual([]);
  });

  it('hold all 29 themes of the annex, numbered and grouped as there', () => {
    expect(catalog.themes).toHaveLength(29);
    for (const a of ANNEX) {
      const t = catalog.themes.find((x) => x.seq === a.seq);
      expect(t, `theme ${a.seq} ${a.name}`).toBeDefined();
      expect(norm(t!.name)).toBe(norm(a.name));
      expect(t!.lifecycle).toBe(a.lifecycle);
    }
  });

  const matterName = new Map(catalog.matters.map((m) => [m.code, norm(m.name)]));
  it.each(ANNEX.map((a) => [a.seq, a.name, a] as const))('theme %i %s lists every matter of the annex', (_seq, _name, a) => {
    const t = catalog.themes.find((x) => x.seq === a.seq)!;
    const names = t.matters.map((m) => matterName.get(m.matter));
    for (const expected of a.matters) expect(names, `${a.name}: ${expected}`).toContain(norm(expected));
    if (a.described) expect(t.matters.length).toBeGreaterThan(0);
  });

  it('a matter that appears in several themes exists once', () => {
    const byName = new Map<string, string[]>();
    for (const m of catalog.matters) byName.set(norm(m.name), [...(byName.get(norm(m.name)) ?? []), m.code]);
    const twice = [...byName].filter(([, codes]) => codes.length > 1);
    expect(twice).toEqual([]);
    const shared = catalog.themes.filter((t) => t.matters.some((m) => matterName.get(m.matter) === norm('社会保险登记')));
    expect(shared.length).toBeGreaterThanOrEqual(2);
  });
});
