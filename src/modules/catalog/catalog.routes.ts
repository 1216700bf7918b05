// Public catalog (themes, search) and the catalog admin API. Thin: validate, authorize, one call.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { actorOf, requireRole } from '../../http/auth.ts';
import { ZErrorBody } from '../../http/errors.ts';
import { AppError } from '../../platform/errors.ts';
import { ZDataElement, ZMatter, ZTheme } from '../../contract/catalog.ts';
import { ZCatalogMatterRow, ZCatalogThemeRow, ZMatterDetail, ZPublishResult, ZThemeAdminDetail, ZThemeDetail, ZThemeSummary } from '../../contract/catalog-api.ts';
import { presentThemeSummary } from './catalog.presenters.ts';
import { publishedCatalog } from './catalog-service.ts';
import * as repo from './catalog.repo.ts';
import { publishMatter, publishTheme, saveMatter, saveTheme } from './edit-catalog.ts';
import { queryGrams } from './search-grams.ts';

const ZCodeParam = z.object({ code: z.string().min(1).max(80).regex(/^[a-z0-9.-]+$/) });
const errors = { 400: ZErrorBody, 401: ZErrorBody, 403: ZErrorBody, 404: ZErrorBody, 409: ZErrorBody, 422: ZErrorBody };

export async function registerCatalogRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = ctx.database.db;
  const catalog = publishedCatalog(ctx.database);

  r.get('/api/themes', {
    schema: {
      tags: ['catalog'],
      summary: 'Published themes (life events), optionally searched',
      description: 'Search `q` matches Chinese text by character bigrams (e.g. 出生, 开办) and English words.',
      querystring: z.object({
        q: z.string().trim().max(50).optional(),
        lifecycle: z.enum(['person', 'enterprise', 'project']).optional(),
      }),
      response: { 200: z.array(ZThemeSummary), 400: ZErrorBody },
    },
  }, async (req) => {
    const all = await catalog.derived('summaries', async () => (await catalog.all()).map(presentThemeSummary));
    let list = req.query.lifecycle ? all.filter((t) => t.lifecycle === req.query.lifecycle) : all;
    const grams = req.query.q ? queryGrams(req.query.q) : [];
    if (grams.length > 0) {
      const hits = new Set(await repo.searchThemeCodes(db, grams));
      list = list.filter((t) => hits.has(t.code));
    }
    return list;
  });

  r.get('/api/themes/:code', {
    schema: {
      tags: ['catalog'],
      summary: 'One published theme with its matters',
      params: ZCodeParam,
      response: { 200: ZThemeDetail, ...errors },
    },
  }, async (req) => {
    const b = await catalog.theme(req.params.code);
    return {
      ...presentThemeSummary(b),
      questions: b.theme.questions.map((q) => ({ code: q.code, text: q.text, textEn: q.textEn, root: q.root, multiple: q.multiple })),
    };
  });

  // ---- catalog admin ----
  const admin = { preHandler: requireRole('catalog_admin', 'platform_admin') };

  r.get('/api/admin/catalog/matters', {
    ...admin,
    schema: { tags: ['catalog admin'], summary: 'All matters with their draft and published state', response: { 200: z.array(ZCatalogMatterRow), ...errors } },
  }, async () => repo.listMatterStates(db));

  r.get('/api/admin/catalog/matters/:code', {
    ...admin,
    schema: {
      tags: ['catalog admin'], summary: 'A matter: draft, published version and version history', params: ZCodeParam,
      response: { 200: ZMatterDetail, ...errors },
    },
  }, async (req) => {
    const row = await repo.getMatterRow(db, req.params.code);
    if (!row) throw new AppError('not_found', 'MATTER_NOT_FOUND', { zh: `事项“${req.params.code}”不存在`, en: `Matter "${req.params.code}" not found` });
    const published = await repo.getPublishedMatter(db, row.code);
    return { draft: row.draft, published: published?.doc ?? null, publishedVersion: row.publishedVersion, versions: await repo.listVersions(db, 'matter', row.code) };
  });

  r.put('/api/admin/catalog/matters/:code', {
    ...admin,
    schema: {
      tags: ['catalog admin'], summary: 'Save a matter draft (quality rules run; 422 lists what to fix)', params: ZCodeParam,
      body: z.record(z.string(), z.unknown()), response: { 200: ZMatter, ...errors },
    },
  }, async (req) => saveMatter(db, actorOf(req), req.params.code, req.body));

  r.post('/api/admin/catalog/matters/:code/publish', {
    ...admin,
    schema: { tags: ['catalog admin'], summary: 'Publish the matter draft as a new version (and republish the themes using it)', params: ZCodeParam, response: { 200: ZPublishResult, ...errors } },
  }, async (req) => {
    const res = await publishMatter(db, actorOf(req), req.params.code);
    catalog.invalidate();
    return res;
  });

  r.get('/api/admin/catalog/themes', {
    ...admin,
    schema: { tags: ['catalog admin'], summary: 'All themes with their draft and published state', response: { 200: z.array(ZCatalogThemeRow), ...errors } },
  }, async () => repo.listThemeStates(db));

  r.get('/api/admin/catalog/themes/:code', {
    ...admin,
    schema: {
      tags: ['catalog admin'], summary: 'A theme: draft, published version and version history', params: ZCodeParam,
      response: { 200: ZThemeAdminDetail, ...errors },
    },
  }, async (req) => {
    const row = await repo.getThemeRow(db, req.params.code);
    if (!row) throw new AppError('not_found', 'THEME_NOT_FOUND', { zh: `主题“${req.params.code}”不存在`, en: `Theme "${req.params.code}" not found` });
    const published = await repo.getThemeVersion(db, row.code);
    return { draft: row.draft, published: published?.doc ?? null, publishedVersion: row.publishedVersion, matterVersions: published?.matterVersions ?? null, versions: await repo.listVersions(db, 'theme', row.code) };
  });

  r.put('/api/admin/catalog/themes/:code', {
    ...admin,
    schema: {
      tags: ['catalog admin'], summary: 'Save a theme draft (references and dependencies checked; 422 lists what to fix)', params: ZCodeParam,
      body: z.record(z.string(), z.unknown()), response: { 200: ZTheme, ...errors },
    },
  }, async (req) => saveTheme(db, actorOf(req), req.params.code, req.body));

  r.post('/api/admin/catalog/themes/:code/publish', {
    ...admin,
    schema: { tags: ['catalog admin'], summary: 'Publish the theme draft as a new version', params: ZCodeParam, response: { 200: ZPublishResult, ...errors } },
  }, async (req) => {
    const res = await publishTheme(db, actorOf(req), req.params.code);
    catalog.invalidate();
    return res;
  });

  r.get('/api/admin/catalog/elements', {
    ...admin,
    schema: { tags: ['catalog admin'], summary: 'The data-element dictionary', response: { 200: z.array(ZDataElement), ...errors } },
  }, async () => repo.listElements(db));
}
