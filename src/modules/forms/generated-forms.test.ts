// 申请表 that the notice says Yijian generates: not asked as an upload; signed online by the signed-in
// applicant when they submit (who and when recorded), or printed filled in from the one form (a real
// PDF with Chinese text) to sign and upload instead. On both databases.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, type SignedIn, type TestApp } from '../../../tests/helpers/app.ts';
import { DB_KINDS, postgresAvailable } from '../../../tests/helpers/databases.ts';
import { materialsFor } from '../../../tests/helpers/materials.ts';
import { NEWBORN_ANSWERS, NEWBORN_VALUES } from '../../../tests/fixtures/newborn.ts';
import type { TThemeFormView } from '../../contract/forms.ts';
import type { TNotice } from '../../contract/guidance.ts';
import type { TApplicationView } from '../../contract/cases.ts';

const T0 = new Date('2025-06-10T02:00:00Z'); // the fixture's values are valid in June 2025
const PG = await postgresAvailable();

for (const kind of DB_KINDS) describe.skipIf(kind === 'postgres' && !PG)(`generated forms on ${kind}`, () => {
  let t: TestApp;
  let citizen: SignedIn;
  beforeAll(async () => {
    t = await createTestApp(kind);
    t.setNow(T0);
    citizen = await signIn(t.app, 'citizen');
  }, 180_000);
  afterAll(async () => {
    await t?.close();
  });
  const post = (url: string, payload: object) => t.app.inject({ method: 'POST', url, headers: citizen.headers, payload });

  it('marks a form to fill as generated in the notice and the one form, not as an upload', async () => {
    const notice = (await post('/api/themes/newborn/notice', { answers: NEWBORN_ANSWERS })).json<TNotice>();
    const forms = notice.materials.filter((m) => m.kind === 'form');
    expect(forms.length).toBeGreaterThan(0);
    for (const m of forms) expect(m.obtain === 'generated' || m.form === 'paper').toBe(true);
    const form = (await post('/api/themes/newborn/form', { answers: NEWBORN_ANSWERS })).json<TThemeFormView>();
    const generated = form.materials.filter((m) => m.provision === 'generated');
    expect(generated.map((m) => m.code)).toEqual(expect.arrayContaining(forms.filter((m) => m.obtain === 'generated').map((m) => m.key)));
  });

  it('prints the form filled from the one form as a PDF, and refuses a material that is not generated', async () => {
    const form = (await post('/api/themes/newborn/form', { answers: NEWBORN_ANSWERS })).json<TThemeFormView>();
    const generated = form.materials.find((m) => m.provision === 'generated')!;
    const res = await post(`/api/themes/newborn/forms/${encodeURIComponent(generated.code)}/pdf`, { answers: NEWBORN_ANSWERS, values: NEWBORN_VALUES });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(String(res.headers['content-disposition'])).toContain(encodeURIComponent(`${generated.name.zh}.pdf`));
    expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const upload = form.materials.find((m) => m.provision !== 'generated')!;
    const refused = await post(`/api/themes/newborn/forms/${encodeURIComponent(upload.code)}/pdf`, { answers: NEWBORN_ANSWERS, values: NEWBORN_VALUES });
    expect(refused.statusCode).toBe(404);
    expect(refused.json<{ error: { code: string } }>().error.code).toBe('FORM_NOT_GENERATED');
  });

  it('records the online signature of the signed-in applicant on submit; an upload of the signed print is accepted instead', async () => {
    const { materials } = await materialsFor(t.app, citizen, 'newborn', NEWBORN_ANSWERS, undefined, { scanGenerated: false });
    const res = await post('/api/applications', {
      themeCode: 'newborn', answers: NEWBORN_ANSWERS, values: NEWBORN_VALUES, delivery: { way: 'online' }, idempotencyKey: `generated-${kind}-1`, materials,
    });
    expect(res.statusCode).toBe(201);
    const app = (await t.app.inject({ method: 'GET', url: `/api/applications/${res.json<{ id: string }>().id}`, headers: { cookie: citizen.cookie } })).json<TApplicationView>();
    const signed = app.materials!.filter((m) => m.provision === 'generated');
    expect(signed.length).toBeGreaterThan(0);
    for (const m of signed) expect(m.signedAt).toBe(T0.toISOString());
    const rows = await t.database.db.selectFrom('application_materials').select(['signed_by', 'provision']).where('application_id', '=', app.id).where('provision', '=', 'generated').execute();
    expect(rows.map((r) => r.signed_by)).toEqual(rows.map(() => citizen.user.id));

    // the printed form, signed and uploaded, instead of the online signature
    const form = (await post('/api/themes/newborn/form', { answers: NEWBORN_ANSWERS })).json<TThemeFormView>();
    const code = form.materials.find((m) => m.provision === 'generated')!.code;
    const scan = await t.app.inject({ method: 'POST', url: `/api/uploads?name=${encodeURIComponent('签名的申请表.pdf')}`, headers: { ...citizen.headers, 'content-type': 'application/pdf' }, payload: Buffer.from('%PDF-1.4\n%%EOF\n') });
    const withScan = await post('/api/applications', {
      themeCode: 'newborn', answers: NEWBORN_ANSWERS, values: { ...NEWBORN_VALUES, 'child.name': '张小苗' }, delivery: { way: 'online' }, idempotencyKey: `generated-${kind}-2`,
      materials: [...materials, { code, provision: 'upload', uploadIds: [scan.json<{ id: string }>().id] }],
    });
    expect(withScan.statusCode, withScan.body).toBe(201);
    const second = (await t.app.inject({ method: 'GET', url: `/api/applications/${withScan.json<{ id: string }>().id}`, headers: { cookie: citizen.cookie } })).json<TApplicationView>();
    expect(second.materials!.find((m) => m.code === code)).toMatchObject({ provision: 'upload', signedAt: null });
  });
});
