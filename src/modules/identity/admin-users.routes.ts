// Platform administration of accounts. Lists show no personal data; opening one person's record does,
// so it needs a reason and leaves an audit row.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { actorOf, requireRole, SESSION_SECURITY } from '../../http/auth.ts';
import { ZErrorBody } from '../../http/errors.ts';
import { searchUsers } from './identity.repo.ts';
import { toAdminUserDetail, toUserView } from './identity.presenters.ts';
import { ZAdminUserDetail, ZAdminUserList, ZAdminUserQuery, ZReasonQuery } from '../../contract/identity.ts';
import { readUserProfile } from './read-user-profile.ts';

export async function registerAdminUserRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/admin/users',
    {
      preHandler: requireRole('platform_admin'),
      schema: {
        tags: ['admin'],
        summary: 'Search accounts (用户管理)',
        security: SESSION_SECURITY,
        querystring: ZAdminUserQuery,
        response: { 200: ZAdminUserList, 400: ZErrorBody, 401: ZErrorBody, 403: ZErrorBody },
      },
    },
    async (req) => {
      const { page, pageSize } = req.query;
      const { rows, total } = await searchUsers(ctx.database.db, req.query);
      return {
        items: rows.map((u) => ({ ...toUserView(u), disabled: u.disabled, createdAt: u.created_at.toISOString() })),
        total,
        page,
        pageSize,
      };
    },
  );

  r.get(
    '/api/admin/users/:id',
    {
      preHandler: requireRole('platform_admin'),
      schema: {
        tags: ['admin'],
        summary: "One account with its real-name data; requires ?reason= and is audited (查阅个人信息)",
        security: SESSION_SECURITY,
        params: z.object({ id: z.coerce.number().int().positive() }),
        querystring: ZReasonQuery,
        response: { 200: ZAdminUserDetail, 400: ZErrorBody, 401: ZErrorBody, 403: ZErrorBody, 404: ZErrorBody },
      },
    },
    async (req) => toAdminUserDetail(await readUserProfile(ctx, actorOf(req), req.params.id, req.query.reason, req.ip)),
  );
}
