// Public reference data: where a person lives decides which street centre, police station or branch serves them.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { notFound } from '../../platform/errors.ts';
import { ZErrorBody } from '../../http/errors.ts';
import { findUnit, listDivisions, listUnits } from './org.repo.ts';
import { ZDivisionQuery, ZDivisionView, ZUnitQuery, ZUnitView } from '../../contract/org.ts';

export async function registerOrgRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = ctx.database.db;

  r.get(
    '/api/divisions',
    {
      schema: {
        tags: ['org'],
        summary: 'Administrative divisions: province, city, districts, streets (行政区划)',
        querystring: ZDivisionQuery,
        response: { 200: z.object({ items: z.array(ZDivisionView) }), 400: ZErrorBody },
      },
    },
    async (req) => ({ items: await listDivisions(db, req.query) }),
  );

  r.get(
    '/api/units',
    {
      schema: {
        tags: ['org'],
        summary: 'Government units, filtered by level, division (with the divisions below it) and kind (部门与服务机构)',
        querystring: ZUnitQuery,
        response: { 200: z.object({ items: z.array(ZUnitView) }), 400: ZErrorBody },
      },
    },
    async (req) => ({ items: await listUnits(db, req.query) }),
  );

  r.get(
    '/api/units/:code',
    {
      schema: {
        tags: ['org'],
        summary: 'One unit',
        params: z.object({ code: z.string().min(1).max(100) }),
        response: { 200: ZUnitView, 404: ZErrorBody },
      },
    },
    async (req) => {
      const unit = await findUnit(db, req.params.code);
      if (!unit) throw notFound({ zh: '单位', en: 'Unit' }, 'UNIT_NOT_FOUND');
      return unit;
    },
  );
}
