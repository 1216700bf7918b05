// Mounts every module's routes. Routes are thin: validate, authorize, call one use case, present.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../platform/context.ts';
import { registerIdentityRoutes } from '../modules/identity/index.ts';
import { registerAuditRoutes } from '../modules/audit/index.ts';
import { registerOrgRoutes } from '../modules/org/index.ts';
import { registerCatalogRoutes } from '../modules/catalog/index.ts';
import { registerGuidanceRoutes } from '../modules/guidance/index.ts';
import { lockApplication, registerCasesRoutes } from '../modules/cases/index.ts';
import { registerFormsRoutes } from '../modules/forms/index.ts';
import { registerMaterialsRoutes } from '../modules/materials/index.ts';
import { registerCounterRoutes } from '../modules/counter/index.ts';
import { registerRoutingRoutes } from '../modules/routing/index.ts';
import { registerNotifyRoutes } from '../modules/notify/index.ts';
import { registerDispatchModuleRoutes } from '../modules/dispatch/index.ts';
import { registerPaymentsRoutes } from '../modules/payments/index.ts';
import { registerDemoClockRoutes } from './demo-clock.routes.ts';

export async function registerRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/health',
    { schema: { tags: ['platform'], summary: 'Liveness', response: { 200: z.object({ status: z.literal('ok') }) } } },
    async () => ({ status: 'ok' as const }),
  );
  await registerIdentityRoutes(app, ctx);
  await registerAuditRoutes(app, ctx);
  await registerOrgRoutes(app, ctx);
  await registerCatalogRoutes(app, ctx);
  await registerGuidanceRoutes(app, ctx);
  await registerCasesRoutes(app, ctx);
  await registerFormsRoutes(app, ctx);
  await registerMaterialsRoutes(app, ctx, { lockApplication });
  await registerCounterRoutes(app, ctx);
  await registerRoutingRoutes(app, ctx);
  await registerNotifyRoutes(app, ctx);
  await registerDispatchModuleRoutes(app, ctx);
  await registerPaymentsRoutes(app, ctx);
  if (ctx.demoClock) await registerDemoClockRoutes(app, ctx, ctx.demoClock);
}
