// The receipt's query code, and the public progress look-up (no sign-in).
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { ZErrorBody } from '../../http/errors.ts';
import { actorOf, requireRole, SESSION_SECURITY } from '../../http/auth.ts';
import { ZProgressQuery, ZProgressView, ZReceipt } from '../../contract/registration.ts';
import { getReceipt, LookupLimiter, lookUpProgress } from './progress-lookup.ts';

export async function registerProgressRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const limiter = new LookupLimiter();

  r.get('/api/applications/:id/receipt', {
    preHandler: requireRole('citizen', 'enterprise', 'counter'),
    schema: {
      tags: ['cases'], summary: 'The receipt: number and query code (受理回执)', security: SESSION_SECURITY,
      params: z.object({ id: z.string().uuid() }), response: { 200: ZReceipt, 401: ZErrorBody, 403: ZErrorBody, 404: ZErrorBody },
    },
  }, async (req) => getReceipt(ctx, actorOf(req), req.params.id));

  r.post('/api/progress', {
    schema: {
      tags: ['cases'], summary: 'Look up an application\'s progress by number and query code (办件进度查询)',
      description: 'No sign-in. Shows the status and the steps only. Wrong look-ups are limited per address (progress_lookup_settings).',
      body: ZProgressQuery, response: { 200: ZProgressView, 400: ZErrorBody, 404: ZErrorBody, 429: ZErrorBody },
    },
  }, async (req) => lookUpProgress(ctx, limiter, { ...req.body, ip: req.ip }));
}
