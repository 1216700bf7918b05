// The local units in catalog/ must let every listed street be routed: a police station and a service
// centre per street, and the district offices per district.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findRootDir } from '../../config.ts';
import { CHANGSHA_DISTRICT_CODES, changshaDistrictOf } from '../../platform/identifiers.ts';
import { readCatalogDir } from '../catalog/index.ts';

const { catalog, problems } = readCatalogDir(path.join(findRootDir(), 'catalog'));
const streets = catalog.divisions.filter((d) => d.level === 'street');
const units = catalog.units;

describe('Changsha divisions and local units (catalog data)', () => {
  it('has no schema or reference problems in divisions and units', () => {
    expect(problems.filter((p) => p.file.startsWith('divisions') || p.file.startsWith('units'))).toEqual([]);
  });

  it('lists at least four streets or towns for every district, with 9-digit codes inside it', () => {
    for (const district of CHANGSHA_DISTRICT_CODES) {
      const own = streets.filter((s) => s.parent === district);
      expect(own.length, district).toBeGreaterThanOrEqual(4);
      for (const s of own) {
        expect(s.code).toMatch(/^\d{9}$/);
        expect(changshaDistrictOf(s.code)).toBe(district);
        expect(s.name).toMatch(/(街道|镇|乡)$/);
      }
    }
  });

  it('gives every street a police station and a service centre', () => {
    for (const s of streets) {
      const here = units.filter((u) => u.division === s.code);
      expect(here.filter((u) => u.kind === 'police-station' && u.parent === 'city-police'), s.name).toHaveLength(1);
      expect(here.filter((u) => u.kind === 'service-centre'), s.name).toHaveLength(1);
    }
  });

  it('gives every district its government service centre, social-security and medical-insurance branches, veterans bureau and armed forces department', () => {
    for (const district of CHANGSHA_DISTRICT_CODES) {
      const here = units.filter((u) => u.division === district && u.level === 'district');
      const names = here.map((u) => u.name).join(' ');
      expect(here.some((u) => u.kind === 'government'), district).toBe(true);
      expect(here.some((u) => u.kind === 'social-security-branch' && u.parent === 'city-hrss'), district).toBe(true);
      expect(here.some((u) => u.parent === 'city-medical-insurance'), district).toBe(true);
      expect(names).toContain('退役军人事务局');
      expect(names).toContain('人民武装部');
    }
  });
});
