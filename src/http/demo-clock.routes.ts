// The demo city's clock (演示时钟): a platform admin moves the server's time forward so that a visitor
// sees deadlines come and reminders fire without waiting days. Mounted only when the demo is seeded
// (the context then has an adjustable clock); production has neither the route nor the clock.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../platform/context.ts';
import type { AdjustableClock } from '../platform/clock.ts';
import { recordAudit } from '../modules/audit/index.ts';
import { actorOf, requireRole, SESSION_CSRF_SECURITY, SESSION_SECURITY } from './auth.ts';
import { ZErrorBody } from './errors.ts';

const ZDemoClock = z.object({ now: z.string(), offsetMinutes: z.number() });
const ZAdvance = z.object({ minutes: z.number().int().min(1).max(60 * 24 * 90) }).strict();

export async function registerDemoClockRoutes(app: FastifyInstance, ctx: AppContext, clock: AdjustableClock): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const view = () => ({ now: clock.now().toISOString(), offsetMinutes: Math.round(clock.offsetMs / 60_000) });
  const errors = { 400: ZErrorBody, 401: ZErrorBody, 403: ZErrorBody };
  r.get('/api/admin/demo-clock', {
    preHandler: requireRole('platform_admin'),
    schema: { tags: ['admin'], summary: 'The demo city\'s clock: now, and how far it was moved forward', security: SESSION_SECURITY, response: { 200: ZDemoClock, ...errors } },
  }, async () => view());
  r.post('/api/admin/demo-clock/advance', {
    preHandler: requireRole('platform_admin'),
    schema: { tags: ['admin'], summary: 'Move the demo city\'s clock forward (audited); the scheduler then runs what became due', security: SESSION_CSRF_SECURITY, body: ZAdvance, response: { 200: ZDemoClock, ...errors } },
  }, async (req) => {
    const actor = actorOf(req);
    const from = clock.now();
    clock.advance(req.body.minutes * 60_000);
    await recordAudit(ctx.database.db, {
      actorId: actor.id, actorRole: actor.role, action: 'platform.demo-clock.advance', targetType: 'clock',
      detail: { minutes: req.body.minutes, from: from.toISOString(), to: clock.now().toISOString() },
    });
    return view();
  });
}
