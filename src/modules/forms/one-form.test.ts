// 一次表单 through the API on both databases, against the real registry simulator process: the
// prefilled form with origins, a registry that is down, audited lookups, uploads, drafts, and a submit
// with materials (容缺 with its deadline and reminder, 告知承诺, refusals).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { remindDeferredMaterials } from '../materials/index.ts';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp, signIn, type SignedIn, type TestApp } from '../../../tests/helpers/app.ts';
import { DB_KINDS, postgresAvailable } from '../../../tests/helpers/databases.ts';
import { validValues } from '../../../tests/helpers/valid-values.ts';
import { startRegistrySimulator, type RunningSimulator } from '../../../sim/registries/start-simulator.ts';
import { demoPeople } from '../../../sim/registries/demo-seed.ts';
import { publishedCatalog } from '../catalog/index.ts';
import { resolveGuidance } from '../guidance/index.ts';
import { buildThemeForm } from './build-form.ts';
import type { TThemeFormView } from '../../contract/forms.ts';

const NEWBORN_ANSWERS = {
  'parents-household': ['father'], 'head-of-household': ['yes'], married: ['yes'], 'delivery-place': ['hospital'],
  vaccination: ['done'], insurance: ['no'], agent: ['no'],
};
const NEWBORN_VALUES = {
  'applicant.phone': '13807310001',
  'applicant.household-address': '湖南省长沙市芙蓉区文艺路街道示例小区 3 栋 302 室',
  'child.name': '张小禾',
  'child.gender': '2',
  'child.birth-date': '2026-06-01',
  'child.birth-place': '湖南省长沙市开福区湖南省妇幼保健院',
  'child.birth-weight': 3250,
  'child.ethnicity': '汉族',
  'child.household-follow': 'father',
  'mother.name': '刘婷',
  'mother.id-number': demoPeople().liuTing.idNumber,
  'father.name': '张三',
  'father.id-number': demoPeople().zhangSan.idNumber,
};
const EMPLOYMENT_ANSWERS = { 'employment-type': ['employer'], 'prior-medical': ['no'], 'personnel-file': ['none'] };
// Tuesday 10:00 in Shanghai
const T0 = new Date('2026-06-09T02:00:00Z');

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 7)]);
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

// several app and simulator processes: generous under a loaded machine
vi.setConfig({ testTimeout: 90_000 });

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startRegistrySimulator();
}, 240_000); // generous: setting up waits for events (app, servers), a busy machine only makes it slower
afterAll(async () => {
  await sim?.stop();
});

const PG = await postgresAvailable();

for (const kind of DB_KINDS) describe.skipIf(kind === 'postgres' && !PG)(`the one form on ${kind}`, () => {
  let t: TestApp;
  let citizen: SignedIn, citizen2: SignedIn, counter: SignedIn, health: SignedIn, police: SignedIn;
  let uploadDir: string;

  beforeAll(async () => {
    uploadDir = mkdtempSync(path.join(tmpdir(), 'yj-uploads-'));
    t = await createTestApp(kind, { env: { REGISTRY_URL: sim.url, UPLOAD_DIR: uploadDir } });
    t.setNow(T0);
    [citizen, citizen2, counter, health, police] = await Promise.all([signIn(t.app, 'citizen'), signIn(t.app, 'citizen2'), signIn(t.app, 'counter'), signIn(t.app, 'officer-health'), signIn(t.app, 'officer-police')]);
  }, 180_000);
  afterAll(async () => {
    await t?.close();
    if (uploadDir) rmSync(uploadDir, { recursive: true, force: true });
  });

  const post = (who: SignedIn, url: string, payload: unknown) => t.app.inject({ method: 'POST', url, headers: who.headers, payload: payload as object });
  const get = (who: SignedIn, url: string) => t.app.inject({ method: 'GET', url, headers: { cookie: who.cookie } });
  const form = (who: SignedIn, code: string, body: object) => post(who, `/api/themes/${code}/form`, body);
  const upload = (who: SignedIn, name: string, body: Buffer, type = 'application/octet-stream') =>
    t.app.inject({ method: 'POST', url: `/api/uploads?name=${encodeURIComponent(name)}`, headers: { ...who.headers, 'content-type': type }, payload: body });
  const errorCode = (res: { json: () => unknown }) => (res.json() as { error: { code: string } }).error.code;

  it('prefills the newborn form from the profile and the registries, with the origin of each value, and audits each lookup', async () => {
    const res = await form(citizen, 'newborn', { answers: NEWBORN_ANSWERS });
    expect(res.statusCode, res.body).toBe(200);
    const view = res.json<TThemeFormView>();
    expect(view.theme).toMatchObject({ code: 'newborn', name: { zh: expect.any(String), en: expect.any(String) } });
    expect(view.prefillProblems).toEqual([]);
    expect(view.matters.map((m) => m.code)).toContain('birth-medical-certificate');
    expect(view.matters[0]!.unit.name.zh).not.toBe('');
    const byCode = new Map(view.elements.map((e) => [e.code, e]));
    const people = demoPeople();
    expect(byCode.get('applicant.phone')).toMatchObject({ value: expect.any(String), origin: { kind: 'profile', source: 'profile' } });
    expect(byCode.get('father.name')).toMatchObject({ value: '张三', origin: { kind: 'datahub', source: 'birth' } });
    const fromRegistry = view.elements.filter((e) => e.origin?.kind === 'datahub');
    expect(fromRegistry.length, JSON.stringify(view.elements.map((e) => [e.code, e.value, e.origin]))).toBeGreaterThan(0);
    // the child's birth record: 张三 is the father on the hospital's medical certificate of birth
    const mother = byCode.get('mother.id-number');
    if (mother?.origin) expect(mother).toMatchObject({ value: people.liuTing.idNumber, origin: { kind: 'datahub', source: 'birth' } });
    for (const e of view.elements) if (e.origin) expect(e.value).not.toBeNull();
    // every group's element is an element of the form; the materials carry their flags
    const codes = new Set(view.elements.map((e) => e.code));
    expect(view.groups.flatMap((g) => g.elements).every((c) => codes.has(c))).toBe(true);
    expect(view.materials.length).toBeGreaterThan(0);
    for (const m of view.materials) expect(typeof m.deferrable === 'boolean' && typeof m.commitmentAllowed === 'boolean').toBe(true);

    const audits = await t.database.db.selectFrom('audit_log').selectAll().where('action', '=', 'datahub.lookup').where('actor_id', '=', citizen.user.id).execute();
    expect(audits.length).toBeGreaterThan(0);
    for (const a of audits) expect(a.reason).toContain('prefill theme form newborn');
    const resources = audits.map((a) => a.target_id);
    expect(resources).toContain('birth');
  });

  it('answers 200 with prefillProblems when a registry is down, and when none is configured', async () => {
    const config = t.ctx.config as { registryUrl: string | undefined };
    try {
      config.registryUrl = 'http://127.0.0.1:9'; // nothing listens there
      const down = await form(citizen, 'newborn', { answers: NEWBORN_ANSWERS });
      expect(down.statusCode, down.body).toBe(200);
      const view = down.json<TThemeFormView>();
      expect(view.prefillProblems.length).toBeGreaterThan(0);
      expect(view.prefillProblems.map((p) => p.code)).toContain('DATAHUB_UNAVAILABLE');
      expect(view.elements.find((e) => e.code === 'applicant.phone')).toMatchObject({ origin: { kind: 'profile' } });
      expect(view.elements.filter((e) => e.origin?.kind === 'datahub')).toEqual([]);
      const failed = await t.database.db.selectFrom('audit_log').select('detail').where('action', '=', 'datahub.lookup').execute();
      expect(failed.some((a) => (typeof a.detail === 'string' ? JSON.parse(a.detail) : a.detail).outcome === 'unavailable')).toBe(true);

      config.registryUrl = undefined;
      const none = await form(citizen, 'newborn', { answers: NEWBORN_ANSWERS });
      expect(none.statusCode).toBe(200);
      expect(none.json<TThemeFormView>().prefillProblems.map((p) => p.code)).toEqual(['DATAHUB_NOT_CONFIGURED']);
    } finally {
      config.registryUrl = sim.url;
    }
  });

  it('refuses incomplete answers; lets counter staff prefill for the citizen present (audited), and only them', async () => {
    const pending = await form(citizen, 'newborn', { answers: {} });
    expect(pending.statusCode).toBe(422);
    expect(errorCode(pending)).toBe('ANSWERS_INCOMPLETE');
    expect((await form(citizen, 'no-such-theme', { answers: {} })).statusCode).toBe(404);
    const people = demoPeople();
    expect((await form(citizen, 'newborn', { answers: NEWBORN_ANSWERS, applicantIdNumber: people.liSi.idNumber })).statusCode).toBe(400);
    expect((await form(counter, 'newborn', { answers: NEWBORN_ANSWERS })).statusCode).toBe(400);
    const res = await form(counter, 'newborn', { answers: NEWBORN_ANSWERS, applicantIdNumber: people.zhangSan.idNumber });
    expect(res.statusCode, res.body).toBe(200);
    const els = res.json<TThemeFormView>().elements;
    expect(els.find((e) => e.code === 'applicant.phone')).toMatchObject({ origin: { kind: 'profile' } });
    expect(els.find((e) => e.code === 'father.name')).toMatchObject({ value: '张三' });
    const audit = await t.database.db.selectFrom('audit_log').selectAll().where('action', '=', 'forms.counter.prefill').where('actor_id', '=', counter.user.id).execute();
    expect(audit).toHaveLength(1);
    expect(await t.database.db.selectFrom('audit_log').select('id').where('action', '=', 'datahub.lookup').where('actor_id', '=', counter.user.id).execute()).not.toHaveLength(0);
  });

  it('stores uploads by content type and hands them out to their owner only, with safe headers', async () => {
    const ok = await upload(citizen, '../../出生证明 scan.png', PNG, 'image/png');
    expect(ok.statusCode, ok.body).toBe(201);
    const u = ok.json<{ id: string; name: string; size: number; contentType: string; sha256: string }>();
    expect(u).toMatchObject({ name: '出生证明 scan.png', size: PNG.length, contentType: 'image/png' });
    expect(u.sha256).toMatch(/^[0-9a-f]{64}$/);

    const html = await upload(citizen, 'photo.png', Buffer.from('<html><script>alert(1)</script></html>'), 'image/png');
    expect(html.statusCode).toBe(422);
    expect(errorCode(html)).toBe('UPLOAD_TYPE_NOT_ALLOWED');
    expect((await upload(citizen, 'x.pdf', Buffer.alloc(0))).statusCode).toBe(400);
    const big = await upload(citizen, 'big.pdf', Buffer.concat([PDF, Buffer.alloc(10 * 1024 * 1024)]));
    expect(big.statusCode).toBe(413);
    expect((await t.app.inject({ method: 'POST', url: '/api/uploads?name=a.txt', headers: { ...citizen.headers, 'content-type': 'text/html' }, payload: '<p>hi</p>' })).statusCode).toBe(415);
    expect((await t.app.inject({ method: 'POST', url: '/api/uploads?name=a.txt', headers: { ...citizen.headers, 'content-type': 'text/plain' }, payload: 'hello' })).statusCode).toBe(422);
    // an officer uploads a result document before approving with it; a supervisor hands in no files
    expect((await upload(police, 'x.pdf', PDF)).statusCode).toBe(201);
    expect((await upload(await signIn(t.app, 'supervisor'), 'x.pdf', PDF)).statusCode).toBe(403);

    const down = await get(citizen, `/api/uploads/${u.id}`);
    expect(down.statusCode).toBe(200);
    expect(down.rawPayload.equals(PNG)).toBe(true);
    expect(down.headers['content-type']).toBe('image/png');
    expect(down.headers['x-content-type-options']).toBe('nosniff');
    expect(String(down.headers['content-security-policy'])).toContain('sandbox');
    expect(String(down.headers['content-disposition'])).toMatch(/^attachment; filename=".*"; filename\*=UTF-8''%E5%87%BA/);
    expect((await get(citizen2, `/api/uploads/${u.id}`)).statusCode).toBe(404);
    expect((await get(health, `/api/uploads/${u.id}`)).statusCode).toBe(404);
    expect((await get(citizen, '/api/uploads/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
  });

  it('keeps one draft per person and theme on the server, for any device, until a submit', async () => {
    expect((await get(citizen, '/api/drafts/newborn')).statusCode).toBe(404);
    const body = { answers: NEWBORN_ANSWERS, values: { 'child.name': '张小', 'child.birth-weight': 3250 } };
    const put = await t.app.inject({ method: 'PUT', url: '/api/drafts/newborn', headers: citizen.headers, payload: body });
    expect(put.statusCode, put.body).toBe(200);
    const again = await t.app.inject({ method: 'PUT', url: '/api/drafts/newborn', headers: citizen.headers, payload: { ...body, values: { ...body.values, 'child.name': '张小禾' } } });
    expect(again.statusCode).toBe(200);
    const phone = await signIn(t.app, 'citizen'); // another session: another device
    const got = await get(phone, '/api/drafts/newborn');
    expect(got.statusCode).toBe(200);
    expect(got.json()).toMatchObject({ themeCode: 'newborn', answers: NEWBORN_ANSWERS, values: { 'child.name': '张小禾', 'child.birth-weight': 3250 } });
    expect((await get(phone, '/api/drafts')).json()).toEqual([{ themeCode: 'newborn', updatedAt: expect.any(String) }]);
    expect((await get(citizen2, '/api/drafts/newborn')).statusCode).toBe(404);
    const huge = await t.app.inject({ method: 'PUT', url: '/api/drafts/newborn', headers: citizen.headers, payload: { values: Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`x.${i}`, 'x'.repeat(3000)])) } });
    expect([413, 422]).toContain(huge.statusCode);
    expect((await t.app.inject({ method: 'PUT', url: '/api/drafts/no-such-theme', headers: citizen.headers, payload: body })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'PUT', url: '/api/drafts/newborn', headers: citizen.headers, payload: { values: { a: { nested: 1 } } } })).statusCode).toBe(400);
    const del = await t.app.inject({ method: 'PUT', url: '/api/drafts/employment', headers: citizen.headers, payload: body });
    expect(del.statusCode).toBe(200);
    expect((await t.app.inject({ method: 'DELETE', url: '/api/drafts/employment', headers: citizen.headers })).statusCode).toBe(204);
    expect((await t.app.inject({ method: 'DELETE', url: '/api/drafts/employment', headers: citizen.headers })).statusCode).toBe(404);
  });

  /** A valid employment submission: generated values for the form's elements, and the materials as chosen. */
  async function employmentBody(key: string) {
    const bundle = await publishedCatalog(t.ctx.database).theme('employment');
    const resolution = resolveGuidance(bundle.theme, EMPLOYMENT_ANSWERS);
    const f = buildThemeForm(bundle, resolution, await publishedCatalog(t.ctx.database).elements());
    // the applicant is who signed in: 张三's name and ID number
    const values = validValues(f.elements, { seed: 7, today: T0, applicant: { name: '张三', idNumber: demoPeople().zhangSan.idNumber } });
    return { themeCode: 'employment', answers: EMPLOYMENT_ANSWERS, values, delivery: { way: 'online' }, idempotencyKey: key };
  }

  it('submits with 容缺 and a signed promise: the deadline is stored, a reminder queued, the draft gone; refuses what the catalog does not allow', async () => {
    const view = (await form(citizen, 'employment', { answers: EMPLOYMENT_ANSWERS })).json<TThemeFormView>();
    const deferrable = view.materials.find((m) => m.deferrable);
    expect(deferrable, JSON.stringify(view.materials)).toBeDefined();
    const pdf = (await upload(citizen, 'scan.pdf', PDF, 'application/pdf')).json<{ id: string }>();
    const foreign = (await upload(citizen2, 'theirs.pdf', PDF, 'application/pdf')).json<{ id: string }>();
    const choose = (over: Record<string, object> = {}) => view.materials.map((m) =>
      over[m.code] ? { code: m.code, ...over[m.code] } : m.provision === 'upload' ? { code: m.code, provision: 'upload', uploadIds: [pdf.id] } : { code: m.code, provision: m.provision });
    const base = await employmentBody('employment-key-01');
    const submit = (extra: object) => post(citizen, '/api/applications', { ...base, ...extra });

    // refusals: a required upload missing; someone else's file; a non-deferrable material deferred; no promise; a promise in another name
    // (申请表 are generated and signed online, or uploaded signed: an upload without its file is still missing)
    const required = view.materials.find((m) => m.required && (m.provision === 'upload' || m.provision === 'generated') && !m.deferrable);
    expect(required, JSON.stringify(view.materials)).toBeDefined();
    if (required) {
      const missing = await submit({ materials: choose({ [required.code]: { provision: 'upload', uploadIds: [] } }) });
      expect(missing.statusCode, missing.body).toBe(422);
      expect(errorCode(missing)).toBe('MATERIAL_MISSING');
      const notDeferrable = await submit({ materials: choose({ [required.code]: { provision: 'deferred' } }), promise: { signedName: '张三', agreed: true } });
      expect(notDeferrable.statusCode).toBe(422);
      expect(errorCode(notDeferrable)).toBe('MATERIAL_NOT_DEFERRABLE');
      const theirs = await submit({ materials: choose({ [required.code]: { provision: 'upload', uploadIds: [foreign.id] } }) });
      expect(theirs.statusCode).toBe(422);
      expect(errorCode(theirs)).toBe('UPLOAD_NOT_FOUND');
    }
    const deferred = choose({ [deferrable!.code]: { provision: 'deferred' } });
    const noPromise = await submit({ materials: deferred });
    expect(noPromise.statusCode).toBe(422);
    expect(errorCode(noPromise)).toBe('PROMISE_REQUIRED');
    const otherName = await submit({ materials: deferred, promise: { signedName: '李四', agreed: true } });
    expect(otherName.statusCode).toBe(422);
    expect(errorCode(otherName)).toBe('PROMISE_NAME_MISMATCH');
    expect((await submit({ materials: deferred, promise: { signedName: '张三', agreed: false } })).statusCode).toBe(400);
    expect(await t.database.db.selectFrom('applications').select('id').where('idempotency_key', '=', 'employment-key-01').execute()).toEqual([]);

    await t.app.inject({ method: 'PUT', url: '/api/drafts/employment', headers: citizen.headers, payload: { answers: EMPLOYMENT_ANSWERS } });
    const ok = await submit({ materials: deferred, promise: { signedName: '张三', agreed: true } });
    expect(ok.statusCode, ok.body).toBe(201);
    const appId = ok.json<{ id: string }>().id;
    expect((await get(citizen, '/api/drafts/employment')).statusCode).toBe(404);

    const app = (await get(citizen, `/api/applications/${appId}`)).json<{ materials: Array<{ code: string; provision: string; deferredUntil: string | null; uploads: Array<{ id: string }> }>; subcases: Array<{ id: string; matterCode: string; unitCode: string }> }>();
    const row = app.materials.find((m) => m.code === deferrable!.code)!;
    expect(row.provision).toBe('deferred');
    // within 5 working days of Tuesday 2026-06-09 (and within the shortest promised limit)
    expect(row.deferredUntil! > '2026-06-09' && row.deferredUntil! <= '2026-06-16').toBe(true);
    // the reminder is the material's remind_at: the scheduler's sweep emits it a day before the deadline
    const stored = await t.database.db.selectFrom('application_materials').select(['remind_at', 'reminded_at']).where('application_id', '=', appId).where('code', '=', deferrable!.code).executeTakeFirstOrThrow();
    expect(stored.reminded_at).toBeNull();
    expect(new Date(stored.remind_at!).getTime()).toBeLessThan(Date.parse(`${row.deferredUntil}T00:00:00+08:00`) + 86_400_000);
    const promise = await t.database.db.selectFrom('application_promises').selectAll().where('application_id', '=', appId).executeTakeFirst();
    expect(promise?.signed_name).toBe('张三');

    // 容缺补交: the applicant hands the material in later; the reminder is dropped; only once, only theirs
    const supplyUrl = `/api/applications/${appId}/materials/${encodeURIComponent(deferrable!.code)}`;
    expect((await post(citizen2, supplyUrl, { uploadIds: [foreign.id] })).statusCode).toBe(404);
    expect((await post(citizen, supplyUrl, { uploadIds: [foreign.id] })).statusCode).toBe(422);
    const supplied = await post(citizen, supplyUrl, { uploadIds: [pdf.id] });
    expect(supplied.statusCode, supplied.body).toBe(200);
    expect(supplied.json()).toMatchObject({ code: deferrable!.code, provision: 'upload', deferredUntil: row.deferredUntil, uploads: [{ id: pdf.id }] });
    // handed in: the reminder sweep, even past the reminder time, has nothing to remind of
    const reminded = await t.database.db.transaction().execute((tx) => remindDeferredMaterials(tx, new Date(Date.parse(`${row.deferredUntil}T00:00:00+08:00`) + 86_400_000)));
    expect(reminded).toBe(0);
    const twice = await post(citizen, supplyUrl, { uploadIds: [pdf.id] });
    expect(twice.statusCode).toBe(409);
    expect(errorCode(twice)).toBe('MATERIAL_NOT_DEFERRED');

    // the officer of a unit sees only its matter's materials, and may download the files they use
    // (employment's matters go where the routing table says: the applicant's district social insurance centre)
    const hrss = await signIn(t.app, 'officer-hrss-furong');
    const mine = app.subcases.find((s) => s.unitCode === 'furong-hrss');
    expect(mine, JSON.stringify(app.subcases)).toBeDefined();
    {
      const detail = await get(hrss, `/api/back-office/subcases/${mine!.id}`);
      expect(detail.statusCode, detail.body).toBe(200);
      const mats = detail.json<{ materials: Array<{ matters: string[]; uploads: Array<{ id: string }> }> }>().materials;
      for (const m of mats) expect(m.matters).toEqual([mine!.matterCode]);
      const used = mats.flatMap((m) => m.uploads.map((u) => u.id));
      if (used.length > 0) expect((await get(hrss, `/api/uploads/${used[0]}`)).statusCode).toBe(200);
    }
    expect((await get(health, `/api/uploads/${pdf.id}`)).statusCode).toBe(404);
  });

  it('keeps the newborn uploads with the application: the officer of the unit whose matter uses a file may download it, others not', async () => {
    const view = (await form(citizen, 'newborn', { answers: NEWBORN_ANSWERS })).json<TThemeFormView>();
    // the generated 申请表 uploaded as signed prints, like any scan
    const toUpload = view.materials.filter((m) => m.provision === 'upload' || m.provision === 'generated');
    expect(toUpload.length).toBeGreaterThan(0);
    const files = await Promise.all(toUpload.map(async (m, i) => (await upload(citizen, `${m.code}.pdf`, Buffer.concat([PDF, Buffer.from(String(i))]), 'application/pdf')).json<{ id: string }>()));
    const materials = toUpload.map((m, i) => ({ code: m.code, provision: 'upload', uploadIds: [files[i]!.id] }));
    const res = await post(citizen, '/api/applications', {
      themeCode: 'newborn', answers: NEWBORN_ANSWERS, values: NEWBORN_VALUES, delivery: { way: 'online' }, idempotencyKey: 'newborn-materials-01', materials,
    });
    expect(res.statusCode, res.body).toBe(201);
    const app = (await get(citizen, `/api/applications/${res.json<{ id: string }>().id}`)).json<{ materials: Array<{ code: string; provision: string; uploads: Array<{ id: string }>; matters: string[] }>; subcases: Array<{ id: string; matterCode: string; unitCode: string }> }>();
    // fetched materials are recorded with how they are fetched; uploads with their files
    expect(app.materials.map((m) => m.code).sort()).toEqual(view.materials.map((m) => m.code).sort());
    const first = toUpload[0]!;
    const fileId = app.materials.find((m) => m.code === first.code)!.uploads[0]!.id;
    const sub = app.subcases.find((s) => s.matterCode === first.matters[0])!;
    const officer = await t.database.db.selectFrom('users').select('username').where('role', '=', 'officer').where('unit_code', '=', sub.unitCode).executeTakeFirst();
    expect(officer, sub.unitCode).toBeDefined();
    if (officer) {
      const o = await signIn(t.app, officer.username);
      expect((await get(o, `/api/uploads/${fileId}`)).statusCode).toBe(200);
      expect(await t.database.db.selectFrom('audit_log').select('id').where('action', '=', 'material.upload.read').where('target_id', '=', fileId).execute()).toHaveLength(1);
      const detail = (await get(o, `/api/back-office/subcases/${sub.id}`)).json<{ materials: Array<{ code: string; matters: string[] }> }>();
      expect(detail.materials.map((m) => m.code)).toContain(first.code);
      for (const m of detail.materials) expect(m.matters).toEqual([sub.matterCode]);
    }
    const other = await t.database.db.selectFrom('users').select('username').where('role', '=', 'officer').where('unit_code', 'not in', app.subcases.map((s) => s.unitCode)).executeTakeFirst();
    expect((await get(await signIn(t.app, other!.username), `/api/uploads/${fileId}`)).statusCode).toBe(404);
    // counter staff's own scans are theirs to read
    const scan = (await upload(counter, 'scan.jpg', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]), 'image/jpeg')).json<{ id: string; contentType: string; name: string }>();
    expect(scan).toMatchObject({ contentType: 'image/jpeg', name: 'scan.jpg' });
    expect((await get(counter, `/api/uploads/${scan.id}`)).statusCode).toBe(200);
    expect((await get(citizen, `/api/uploads/${scan.id}`)).statusCode).toBe(404);
  });
});

describe('the one form with a slow registry', () => {
  it('does not wait for it: the form answers within a few seconds with a prefill problem', async () => {
    const slow = await startRegistrySimulator({ env: { SIM_FAULT_MODE: 'slow', SIM_FAULT_SLOW_MS: '20000' } });
    const t = await createTestApp('pglite', { env: { REGISTRY_URL: slow.url } });
    try {
      const citizen = await signIn(t.app, 'citizen');
      const res = await t.app.inject({ method: 'POST', url: '/api/themes/newborn/form', headers: citizen.headers, payload: { answers: NEWBORN_ANSWERS } });
      expect(res.statusCode, res.body).toBe(200);
      const view = res.json<TThemeFormView>();
      // unavailable, not prefilled: the form did not wait the registry's 20 s (it would have answered)
      expect(view.prefillProblems.map((p) => p.code)).toContain('DATAHUB_UNAVAILABLE');
      expect(view.elements.find((e) => e.code === 'applicant.phone')?.origin?.kind).toBe('profile');
    } finally {
      await t.close();
      await slow.stop();
    }
  }, 180_000);
});

describe('the one form of every theme', () => {
  it('answers 200 for a citizen and an enterprise, with prefilled values and no prefill problem', async () => {
    const t = await createTestApp('pglite', { env: { REGISTRY_URL: sim.url } });
    try {
      const who = [await signIn(t.app, 'citizen'), await signIn(t.app, 'enterprise')];
      const bundles = await publishedCatalog(t.ctx.database).all();
      expect(bundles).toHaveLength(29);
      for (const b of bundles) {
        // the first option of every question reached
        const answers: Record<string, string[]> = {};
        for (let i = 0; i < 20; i++) {
          const r = resolveGuidance(b.theme, answers);
          if (r.pending.length === 0) break;
          for (const q of r.pending) answers[q] = [b.theme.questions.find((x) => x.code === q)!.options[0]!.code];
        }
        for (const w of who) {
          const res = await t.app.inject({ method: 'POST', url: `/api/themes/${b.theme.code}/form`, headers: w.headers, payload: { answers } });
          expect(res.statusCode, `${b.theme.code} ${w.user.username}: ${res.body}`).toBe(200);
          const view = res.json<TThemeFormView>();
          expect(view.prefillProblems, b.theme.code).toEqual([]);
          if (w.user.role === b.theme.lifecycle || (w.user.role === 'citizen' && b.theme.lifecycle === 'person'))
            expect(view.elements.some((e) => e.origin), b.theme.code).toBe(true);
        }
      }
    } finally {
      await t.close();
    }
  }, 240_000);
});
