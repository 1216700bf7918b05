import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DB_KINDS, postgresAvailable } from '../../../tests/helpers/databases.ts';
import { createTestApp, type TestApp } from '../../../tests/helpers/app.ts';
import { isValidCreditCode } from '../../platform/identifiers.ts';
import { nearestUnit } from './index.ts';

const PG = await postgresAvailable();

interface Item {
  code: string;
  level: string;
  kind: string;
  divisionCode: string;
  parentCode: string | null;
}

for (const kind of DB_KINDS) {
  describe.skipIf(kind === 'postgres' && !PG)(`divisions and units (${kind})`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp(kind, { catalog: 'org', seedDemo: false });
    });
    afterAll(async () => t?.close());

    const get = async (url: string) => {
      const res = await t.app.inject({ method: 'GET', url });
      return { status: res.statusCode, body: res.json() };
    };

    it('lists divisions, by parent and by level', async () => {
      const all = await get('/api/divisions');
      expect(all.status).toBe(200);
      expect(all.body.items.find((d: Item) => d.code === '430102001')).toEqual({ code: '430102001', name: '文艺路街道', nameEn: 'Wenyilu Subdistrict', parentCode: '430102', level: 'street' });
      const districts = (await get('/api/divisions?parent=430100')).body.items;
      expect(districts.map((d: Item) => d.code)).toEqual(['430102', '430103', '430104', '430105', '430111', '430112', '430121', '430181', '430182']);
      const furong = (await get('/api/divisions?parent=430102')).body.items;
      expect(furong.length).toBeGreaterThanOrEqual(4);
      expect((await get('/api/divisions?level=district')).body.items).toHaveLength(9);
      expect((await get('/api/divisions?parent=abc')).status).toBe(400);
    });

    it('lists units filtered by division (with the divisions below it), level and kind', async () => {
      const furong = (await get('/api/units?division=430102')).body.items as Item[];
      expect(furong.map((u) => u.code)).toEqual(expect.arrayContaining(['furong-government', 'furong-hrss', 'furong-wenyilu-police', 'furong-wenyilu-centre']));
      expect(furong.every((u) => u.divisionCode.startsWith('430102'))).toBe(true);
      const districtOnly = (await get('/api/units?division=430102&level=district')).body.items as Item[];
      expect(districtOnly.every((u) => u.level === 'district')).toBe(true);
      expect(districtOnly.length).toBe(5);
      const police = (await get('/api/units?kind=police-station')).body.items as Item[];
      expect(police.length).toBeGreaterThanOrEqual(36);
      expect(police.every((u) => u.parentCode === 'city-police' && u.level === 'street')).toBe(true);
      const city = (await get('/api/units?level=city')).body.items as Item[];
      expect(city.map((u) => u.code)).toContain('city-health');
      expect((await get('/api/units?division=999999')).body.items).toEqual([]);
    });

    it('shows one unit, or 404 UNIT_NOT_FOUND', async () => {
      const u = await get('/api/units/furong-wenyilu-police');
      expect(u.status).toBe(200);
      expect(u.body).toMatchObject({ code: 'furong-wenyilu-police', name: '文艺路派出所', kind: 'police-station', divisionCode: '430102001', divisionName: '文艺路街道', parentCode: 'city-police' });
      expect(isValidCreditCode(u.body.creditCode)).toBe(true);
      const missing = await get('/api/units/no-such-unit');
      expect(missing.status).toBe(404);
      expect(missing.body.error).toMatchObject({ code: 'UNIT_NOT_FOUND', message: { zh: '单位不存在', en: 'Unit not found' } });
    });

    it('routes an address to the nearest unit of a kind', async () => {
      const db = t.database.db;
      expect((await nearestUnit(db, '430102001', 'police-station'))?.code).toBe('furong-wenyilu-police');
      expect((await nearestUnit(db, '430102001', 'service-centre'))?.code).toBe('furong-wenyilu-centre');
      expect((await nearestUnit(db, '430104002', 'social-security-branch'))?.code).toBe('yuelu-hrss');
      expect((await nearestUnit(db, '430181112', 'government'))?.code).toBe('liuyang-government');
      expect(await nearestUnit(db, '430102001', 'no-such-kind')).toBeUndefined();
    });
  });
}
