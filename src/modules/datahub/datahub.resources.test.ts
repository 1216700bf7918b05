// The data catalog must serve every prefill the catalog's data elements name, come from real units,
// and describe what the registries actually return.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { demoRows } from '../../../sim/registries/demo-seed.ts';
import { LOOKUP_KEYS } from '../../../sim/registries/registry-data.ts';
import { findRootDir } from '../../config.ts';
import { readCatalogDir } from '../catalog/index.ts';
import { DATAHUB_RESOURCES, findDatahubResource } from './index.ts';

const { catalog } = readCatalogDir(path.join(findRootDir(), 'catalog'));

describe('datahub resources', () => {
  it('declare every resource and field that a data element prefills from', () => {
    const missing: string[] = [];
    for (const element of catalog.elements)
      for (const src of element.prefill)
        if (src.source === 'datahub' && !findDatahubResource(src.resource)?.fields.some((f) => f.name === src.field))
          missing.push(`${element.code} ← ${src.resource}.${src.field}`);
    expect(missing).toEqual([]);
  });

  it('name provider units that exist, and unique catalog codes', () => {
    const units = new Set(catalog.units.map((u) => u.code));
    for (const r of DATAHUB_RESOURCES) expect(units.has(r.providerUnit), `${r.code}: ${r.providerUnit}`).toBe(true);
    expect(new Set(DATAHUB_RESOURCES.map((r) => r.catalogCode)).size).toBe(DATAHUB_RESOURCES.length);
  });

  it('match the registries: same lookup keys, and no returned field left undeclared', () => {
    for (const r of DATAHUB_RESOURCES) expect([...r.lookupKeys], r.code).toEqual([...LOOKUP_KEYS[r.code]]);
    for (const row of demoRows()) {
      const declared = new Set(findDatahubResource(row.resource)!.fields.map((f) => f.name));
      expect(Object.keys(row.record).filter((k) => !declared.has(k)), row.resource).toEqual([]);
    }
  });
});
