import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DB_KINDS, postgresAvailable } from '../../../tests/helpers/databases.ts';
import { createTestApp, signIn, type SignedIn, type TestApp } from '../../../tests/helpers/app.ts';
import { makeCreditCode } from '../../platform/identifiers.ts';

const PG = await postgresAvailable();
const bilingual = { zh: expect.stringMatching(/[\u4e00-\u9fff]/), en: expect.stringMatching(/[A-Za-z]/) };

for (const kind of DB_KINDS) {
  describe.skipIf(kind === 'postgres' && !PG)(`unit administration (${kind})`, () => {
    let t: TestApp;
    let admin: SignedIn;
    beforeAll(async () => {
      t = await createTestApp(kind, { catalog: 'org' });
      admin = await signIn(t.app, 'admin');
    });
    afterAll(async () => t?.close());

    const send = (method: 'POST' | 'PUT', url: string, payload: object, who: SignedIn = admin) => t.app.inject({ method, url, headers: who.headers, payload });
    const creditCode = makeCreditCode('11430102', 'furong-housing');
    const unit = {
      code: 'furong-housing', name: '芙蓉区住房保障服务中心', nameEn: 'Furong Housing Security Service Centre', level: 'district', kind: 'department',
      divisionCode: '430102', parentCode: 'furong-government', creditCode,
    };

    it('creates a unit with a valid credit code, audited, and lists it', async () => {
      const res = await send('POST', '/api/admin/units', unit);
      expect(res.statusCode).toBe(201);
      expect(res.json()).toMatchObject({ code: 'furong-housing', divisionName: '芙蓉区', parentCode: 'furong-government', creditCode });
      expect((await t.app.inject({ method: 'GET', url: '/api/units?division=430102' })).json().items.map((u: { code: string }) => u.code)).toContain('furong-housing');
      const audit = await t.database.db.selectFrom('audit_log').selectAll().where('action', '=', 'org.unit.create').execute();
      expect(audit).toEqual([expect.objectContaining({ actor_id: admin.user.id, target_type: 'unit', target_id: 'furong-housing' })]);
    });

    it('refuses a wrong check character, a taken code, an unknown division or parent and a cycle, storing nothing', async () => {
      const wrongCheck = creditCode.slice(0, 17) + (creditCode[17] === '0' ? '1' : '0');
      const cases: Array<[string, 'POST' | 'PUT', string, object, number, string]> = [
        ['check char', 'POST', '/api/admin/units', { ...unit, code: 'x-one', creditCode: wrongCheck }, 422, 'CREDIT_CODE_INVALID'],
        ['format', 'POST', '/api/admin/units', { ...unit, code: 'x-one', creditCode: 'ABCDEFGHIJKLMNOPQR' }, 422, 'CREDIT_CODE_INVALID'],
        ['credit taken', 'POST', '/api/admin/units', { ...unit, code: 'x-one' }, 409, 'CREDIT_CODE_TAKEN'],
        ['code taken', 'POST', '/api/admin/units', { ...unit, creditCode: makeCreditCode('11430102', 'other') }, 409, 'UNIT_CODE_TAKEN'],
        ['division', 'POST', '/api/admin/units', { ...unit, code: 'x-one', divisionCode: '430199', creditCode: makeCreditCode('11430102', 'x1') }, 422, 'DIVISION_NOT_FOUND'],
        ['parent', 'POST', '/api/admin/units', { ...unit, code: 'x-one', parentCode: 'nowhere', creditCode: makeCreditCode('11430102', 'x2') }, 422, 'PARENT_UNIT_NOT_FOUND'],
        ['bad code', 'POST', '/api/admin/units', { ...unit, code: 'X One', creditCode: makeCreditCode('11430102', 'x3') }, 400, 'VALIDATION_FAILED'],
        ['cycle', 'PUT', '/api/admin/units/furong-government', { ...unit, name: '芙蓉区人民政府', parentCode: 'furong-housing', creditCode: makeCreditCode('11430102', 'x4') }, 422, 'PARENT_CYCLE'],
        ['missing', 'PUT', '/api/admin/units/nowhere', { ...unit, creditCode: makeCreditCode('11430102', 'x5') }, 404, 'UNIT_NOT_FOUND'],
      ];
      for (const [what, method, url, payload, status, code] of cases) {
        const res = await send(method, url, payload);
        expect(res.statusCode, what).toBe(status);
        expect(res.json().error, what).toMatchObject({ code, message: bilingual });
      }
      expect(await t.database.db.selectFrom('units').select('code').where('code', '=', 'x-one').execute()).toEqual([]);
    });

    it('edits a unit, audited with the values before and after', async () => {
      const res = await send('PUT', '/api/admin/units/furong-housing', { ...unit, name: '芙蓉区住房保障中心', parentCode: null });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ name: '芙蓉区住房保障中心', parentCode: null });
      const [row] = await t.database.db.selectFrom('audit_log').selectAll().where('action', '=', 'org.unit.update').execute();
      expect(row!.detail).toMatchObject({ before: { name: '芙蓉区住房保障服务中心', parentCode: 'furong-government' }, after: { name: '芙蓉区住房保障中心', parentCode: null } });
    });

    it('is for platform administrators only', async () => {
      const officer = await signIn(t.app, 'officer-health');
      expect((await send('POST', '/api/admin/units', { ...unit, code: 'y-one' }, officer)).statusCode).toBe(403);
      expect((await send('PUT', '/api/admin/units/furong-housing', unit, officer)).statusCode).toBe(403);
    });
  });
}
