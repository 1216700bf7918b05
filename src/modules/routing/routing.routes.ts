// Routing over HTTP: the public "which unit handles this for me" lookup and the admins' rule editing.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { ZErrorBody } from '../../http/errors.ts';
import { actorOf, requireRole, SESSION_CSRF_SECURITY, SESSION_SECURITY } from '../../http/auth.ts';
import { publishedRoutingMatters, removeRoutingRule, routeMatters, routingCheck, routingTable, routingWorld, setRoutingRule } from './routing-service.ts';
import { listRules } from './routing.repo.ts';
import { ZResolved, ZResolveQuery, ZRoutingCheck, ZRoutingRule, ZRoutingRuleInput, ZRoutingTable } from '../../contract/routing.ts';

const errors = { 400: ZErrorBody, 401: ZErrorBody, 403: ZErrorBody, 404: ZErrorBody, 409: ZErrorBody, 422: ZErrorBody };

export async function registerRoutingRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const admin = { preHandler: requireRole('catalog_admin', 'platform_admin') };
  const tags = ['routing'];
  const db = ctx.database.db;

  r.get('/api/routing/resolve', {
    schema: { tags, summary: 'Which unit handles a matter for applicants of a division (办件智能分发, 跨域通办)', querystring: ZResolveQuery, response: { 200: ZResolved, ...errors } },
  }, async (req) => {
    const matter = (await publishedRoutingMatters(ctx.database)).get(req.query.matter);
    if (!matter) throw new AppError('not_found', 'ROUTING_MATTER_UNKNOWN', { zh: `事项“${req.query.matter}”不存在或未发布`, en: `Matter "${req.query.matter}" does not exist or is not published` });
    const world = await routingWorld(db);
    if (!world.divisions.has(req.query.division)) throw new AppError('not_found', 'DIVISION_NOT_FOUND', { zh: '行政区划不存在', en: 'Division not found' });
    const route = (await routeMatters(db, [matter], req.query.division)).get(matter.code)!;
    return { matterCode: matter.code, divisionCode: req.query.division, unit: { code: route.unitCode, name: world.units.get(route.unitCode)?.name ?? route.unitCode }, source: route.source };
  });

  r.get('/api/admin/routing/rules', {
    ...admin,
    schema: { tags, summary: 'Routing rules, optionally of one matter', security: SESSION_SECURITY, querystring: z.object({ matter: z.string().max(100).optional() }), response: { 200: z.array(ZRoutingRule), ...errors } },
  }, async (req) => (await listRules(db, req.query.matter)).map((x) => ({ ...x, updatedAt: x.updatedAt.toISOString() })));

  r.get('/api/admin/routing/matters/:code', {
    ...admin,
    schema: { tags, summary: 'The routing table of a matter: every district and street, its unit and why', security: SESSION_SECURITY, params: z.object({ code: z.string().min(1).max(100) }), response: { 200: ZRoutingTable, ...errors } },
  }, async (req) => {
    const t = await routingTable(ctx.database, req.params.code);
    return { ...t, rules: t.rules.map((x) => ({ ...x, updatedAt: x.updatedAt.toISOString() })) };
  });

  r.put('/api/admin/routing/rules', {
    ...admin,
    schema: { tags, summary: 'Set the unit of a matter for a division (validated, audited)', security: SESSION_CSRF_SECURITY, body: ZRoutingRuleInput, response: { 200: z.object({ id: z.number() }), ...errors } },
  }, async (req) => ({ id: await setRoutingRule(ctx.database, actorOf(req), req.body, ctx.now()) }));

  r.delete('/api/admin/routing/rules/:id', {
    ...admin,
    schema: { tags, summary: 'Remove a routing rule (audited); the derived unit applies again', security: SESSION_CSRF_SECURITY, params: z.object({ id: z.coerce.number().int().min(1).max(2 ** 53 - 1) }), response: { 204: z.null(), ...errors } },
  }, async (req, reply) => {
    await removeRoutingRule(ctx.database, actorOf(req), req.params.id);
    return reply.status(204).send(null);
  });

  r.get('/api/admin/routing/check', {
    ...admin,
    schema: { tags, summary: 'Check that every matter × district and street resolves to exactly one competent unit', security: SESSION_SECURITY, response: { 200: ZRoutingCheck, ...errors } },
  }, async () => routingCheck(ctx.database));
}
