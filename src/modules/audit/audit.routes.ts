import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../platform/context.ts';
import { requireRole, SESSION_SECURITY } from '../../http/auth.ts';
import { ZErrorBody } from '../../http/errors.ts';
import { queryAudit } from './audit.repo.ts';
import { ZAuditPage, ZAuditQuery } from './audit.schemas.ts';

export async function registerAuditRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/admin/audit',
    {
      preHandler: requireRole('platform_admin'),
      schema: {
        tags: ['admin'],
        summary: 'Audit trail, newest first (审计日志)',
        description: 'Filter by actor, action (exact or "prefix.*"), target and time range; follow nextCursor for older rows.',
        security: SESSION_SECURITY,
        querystring: ZAuditQuery,
        response: { 200: ZAuditPage, 400: ZErrorBody, 401: ZErrorBody, 403: ZErrorBody },
      },
    },
    async (req) => queryAudit(ctx.database.db, req.query),
  );
}
