// Public reference data: where a person lives decides which street centre, police station or branch serves them.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { notFound } from '../../platform/errors.ts';
import { ZErrorBody } from '../../http/errors.ts';
import { findUnit, listDivisions, listUnits } from './org.repo.ts';
import { ZCreateUnitBody, ZDivisionQuery, ZDivisionView, ZUnitBody, ZUnitQuery, ZUnitView } from '../../contract/org.ts';
import { actorOf, requireRole, SESSION_CSRF_SECURITY } from '../../http/auth.ts';
import { createUnit } from './create-unit.ts';
import { updateUnit } from './update-unit.ts';

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

  const writeErrors = { 400: ZErrorBody, 401: ZErrorBody, 403: ZErrorBody, 404: ZErrorBody, 409: ZErrorBody, 422: ZErrorBody };
  r.post(
    '/api/admin/units',
    {
      preHandler: requireRole('platform_admin'),
      schema: {
        tags: ['org'],
        summary: 'Create a unit (新建单位; platform admin; credit code checked against GB 32100; audited)',
        security: SESSION_CSRF_SECURITY,
        body: ZCreateUnitBody,
        response: { 201: ZUnitView, ...writeErrors },
      },
    },
    async (req, reply) => {
      await createUnit(ctx.database, actorOf(req), req.body, ctx.now());
      return reply.status(201).send((await findUnit(db, req.body.code))!);
    },
  );

  r.put(
    '/api/admin/units/:code',
    {
      preHandler: requireRole('platform_admin'),
      schema: {
        tags: ['org'],
        summary: 'Edit a unit (修改单位; platform admin; audited with the values before and after)',
        security: SESSION_CSRF_SECURITY,
        params: z.object({ code: z.string().min(1).max(100) }),
        body: ZUnitBody,
        response: { 200: ZUnitView, ...writeErrors },
      },
    },
    async (req) => {
      await updateUnit(ctx.database, actorOf(req), req.params.code, req.body, ctx.now());
      return (await findUnit(db, req.params.code))!;
    },
  );
}
