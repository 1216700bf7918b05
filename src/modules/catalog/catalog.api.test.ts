// The catalog over HTTP on both databases: public themes and search, the notice for every theme,
// and a catalog admin's edit → quality rule → publish → new version, with the old one kept.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, type TestApp } from '../../../tests/helpers/app.ts';
import { DB_KINDS, postgresAvailable } from '../../../tests/helpers/databases.ts';
import type { TNotice } from '../guidance/index.ts';
import type { TMatter } from '../../contract/catalog.ts';

const PG = await postgresAvailable();

for (const kind of DB_KINDS) describe.skipIf(kind === 'postgres' && !PG)(`catalog API on ${kind}`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind);
  });
  afterAll(async () => t?.close());
  const app = () => t.app;

  it('lists all 29 themes with their lead unit and matters', async () => {
    const res = await app().inject({ url: '/api/themes' });
    expect(res.statusCode).toBe(200);
    const themes = res.json<Array<{ code: string; name: string; lifecycle: string; leadUnit: string; matters: Array<{ code: string; name: string; unit: string }> }>>();
    expect(themes).toHaveLength(29);
    const newborn = themes.find((x) => x.name === '新生儿出生')!;
    expect(newborn).toMatchObject({ lifecycle: 'person', leadUnit: '市卫生健康委' });
    expect(newborn.matters.map((m) => m.unit)).toEqual(expect.arrayContaining(['市卫生健康委', '市公安局', '市医保局', '市税务局', '市人力资源社会保障局']));
    expect(new Set(themes.map((x) => x.lifecycle))).toEqual(new Set(['person', 'enterprise', 'project']));
  });

  it('searches Chinese text by bigrams', async () => {
    const names = async (q: string) => (await app().inject({ url: `/api/themes?q=${encodeURIComponent(q)}` })).json<Array<{ name: string }>>().map((x) => x.name);
    expect(await names('出生')).toContain('新生儿出生');
    expect(await names('宇宙飞船')).toEqual([]); // every bigram of the query must match
    expect(await names('企业开办')).toContain('企业开办');
    expect(await names('消防')).toEqual(expect.arrayContaining(['企业准营（以餐饮店为例）', '联合验收']));
    expect((await app().inject({ url: `/api/themes?q=${'长'.repeat(51)}` })).statusCode).toBe(400);
  });

  /** Answers every question reached, choosing the option at `pick` (wrapping), until the notice is complete. */
  async function completeNotice(code: string, pick: (n: number) => number): Promise<TNotice> {
    let answers: Record<string, string[]> = {};
    for (let round = 0; round < 10; round++) {
      const res = await app().inject({ method: 'POST', url: `/api/themes/${code}/notice`, payload: { answers } });
      expect(res.statusCode, `${code}: ${res.body}`).toBe(200);
      const notice = res.json<TNotice>();
      if (notice.complete) return notice;
      answers = { ...answers };
      for (const q of notice.questions.filter((x) => notice.pending.includes(x.code))) answers[q.code] = [q.options[pick(q.options.length)]!.code];
    }
    throw new Error(`${code}: the notice never completed`);
  }

  it('gives a complete notice for every theme and every first or last choice, with the reform figures', async () => {
    const themes = (await app().inject({ url: '/api/themes' })).json<Array<{ code: string }>>();
    for (const { code } of themes) {
      const first = await completeNotice(code, () => 0);
      await completeNotice(code, (n) => n - 1);
      expect(first.matters.length, code).toBeGreaterThan(0);
      const f = first.themeFigures;
      expect(f.after.forms, code).toBe(1);
      expect(f.after.materials, code).toBeLessThanOrEqual(f.before.materials);
      expect(f.after.fields, code).toBeLessThanOrEqual(f.before.fields);
      expect(f.after.days, code).toBeLessThanOrEqual(f.before.days);
      expect(f.after.visits, code).toBeLessThanOrEqual(f.before.visits);
    }
  });

  it('the newborn notice merges materials and marks what Yijian fetches', async () => {
    const n = await completeNotice('newborn', () => 0);
    expect(n.themeFigures.before.materials).toBeGreaterThan(n.themeFigures.after.materials);
    expect(n.themeFigures.before.fields).toBeGreaterThan(n.themeFigures.after.fields);
    expect(n.materials.some((m) => m.obtain === 'certificateLibrary' || m.obtain === 'dataSharing')).toBe(true);
    expect(n.materials.some((m) => m.matters.length > 1)).toBe(true);
    expect(n.matters.map((m) => m.unit.name.zh)).toEqual(expect.arrayContaining(['市卫生健康委', '市公安局']));
  });

  it('rejects bad answers with a 4xx and a stable code', async () => {
    const bad = await app().inject({ method: 'POST', url: '/api/themes/newborn/notice', payload: { answers: { 'no-such-question': ['x'] } } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ error: { code: 'UNKNOWN_QUESTION', message: { zh: expect.any(String), en: expect.any(String) } } });
    expect((await app().inject({ method: 'POST', url: '/api/themes/newborn/notice', payload: { answers: 'x' } })).statusCode).toBe(400);
    expect((await app().inject({ method: 'POST', url: '/api/themes/nope/notice', payload: {} })).statusCode).toBe(404);
    expect((await app().inject({ method: 'POST', url: '/api/themes/newborn/notice', headers: { 'content-type': 'application/json' }, payload: '{' })).statusCode).toBe(400);
  });

  it('a catalog admin edits a matter: the quality rules reject a bad edit, publishing makes a new version', async () => {
    const a = app();
    const admin = await signIn(a, 'catalog');
    const themes = (await a.inject({ url: '/api/themes' })).json<Array<{ code: string; version: number; matters: Array<{ code: string }> }>>();
    const newborn = themes.find((x) => x.code === 'newborn')!;
    const code = newborn.matters[0]!.code;
    const got = await a.inject({ url: `/api/admin/catalog/matters/${code}`, headers: admin.headers });
    expect(got.statusCode).toBe(200);
    const { draft, publishedVersion } = got.json<{ draft: TMatter; publishedVersion: number }>();

    // citizens cannot edit, and a write without the CSRF token is refused
    const citizen = await signIn(a, 'citizen');
    expect((await a.inject({ method: 'PUT', url: `/api/admin/catalog/matters/${code}`, headers: citizen.headers, payload: draft })).statusCode).toBe(403);
    expect((await a.inject({ method: 'PUT', url: `/api/admin/catalog/matters/${code}`, headers: { cookie: admin.cookie }, payload: draft })).statusCode).toBe(403);

    const bad = await a.inject({ method: 'PUT', url: `/api/admin/catalog/matters/${code}`, headers: admin.headers, payload: { ...draft, visits: { count: 2 }, onlineDepth: 3 } });
    expect(bad.statusCode).toBe(422);
    expect(bad.json()).toMatchObject({ error: { code: 'QUALITY_CHECK_FAILED', details: [expect.objectContaining({ code: 'VISIT_REASON_REQUIRED', path: 'visits.reason' })] } });
    // a result field the dictionary (catalog/result-fields.yaml) does not define
    const unnamed = await a.inject({ method: 'PUT', url: `/api/admin/catalog/matters/${code}`, headers: admin.headers, payload: { ...draft, result: { ...draft.result, fields: [...draft.result.fields, 'certNumber'] } } });
    expect(unnamed.statusCode).toBe(422);
    expect(unnamed.json()).toMatchObject({ error: { code: 'QUALITY_CHECK_FAILED', details: [expect.objectContaining({ code: 'UNDEFINED_RESULT_FIELD', path: `result.fields.${draft.result.fields.length}` })] } });
    expect(unnamed.json<{ error: { message: { zh: string; en: string } } }>().error.message).toMatchObject({ zh: expect.stringContaining('“certNumber”'), en: expect.stringContaining('"certNumber"') });

    const good = await a.inject({ method: 'PUT', url: `/api/admin/catalog/matters/${code}`, headers: admin.headers, payload: { ...draft, summary: '已按最新规定更新' } });
    expect(good.statusCode, good.body).toBe(200);
    const listed = async () => (await a.inject({ url: '/api/admin/catalog/matters', headers: admin.headers })).json<Array<{ code: string; unpublishedChanges: boolean }>>().find((m) => m.code === code);
    expect(await listed()).toMatchObject({ unpublishedChanges: true });
    const pub = await a.inject({ method: 'POST', url: `/api/admin/catalog/matters/${code}/publish`, headers: admin.headers });
    expect(pub.statusCode, pub.body).toBe(200);
    expect(await listed()).toMatchObject({ unpublishedChanges: false });
    expect(pub.json()).toMatchObject({ code, version: publishedVersion + 1, republishedThemes: expect.arrayContaining([{ code: 'newborn', version: newborn.version + 1 }]) });

    // the theme now pins the new matter version; the old theme version still holds the old one
    const theme = (await a.inject({ url: '/api/admin/catalog/themes/newborn', headers: admin.headers })).json<{ matterVersions: Record<string, number>; versions: Array<{ version: number }> }>();
    expect(theme.matterVersions[code]).toBe(publishedVersion + 1);
    expect(theme.versions.map((v) => v.version)).toContain(newborn.version);
    expect((await a.inject({ url: '/api/themes/newborn' })).json()).toMatchObject({ version: newborn.version + 1 });

    const audit = await a.inject({ url: `/api/admin/audit?targetType=matter&targetId=${code}`, headers: (await signIn(a, 'admin')).headers });
    expect(audit.statusCode, audit.body).toBe(200);
    const actions = JSON.stringify(audit.json());
    expect(actions).toContain('catalog.matter.save');
    expect(actions).toContain('catalog.matter.publish');
  });
});
