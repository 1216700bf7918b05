// The dispatch module's public face: delivery of sub-cases to department systems (push, pull, manual
// re-entry), results back, adapters and keys, dead letters and reconciliation.
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../platform/context.ts';
import { registerAdapterRoutes } from './adapter.routes.ts';
import { registerDispatchRoutes } from './dispatch.routes.ts';

export async function registerDispatchModuleRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  await registerDispatchRoutes(app, ctx);
  await registerAdapterRoutes(app, ctx);
}

export { dispatchSubscribers, DISPATCH_SUBSCRIPTIONS } from './deliver.ts';
export { reconcileTask, reconcileOnce } from './reconcile.ts';
export { parkedEventsTask, sweepParkedEvents } from './apply-result-event.ts';
export { seedDemoAdapters, demoAdapterSecret, unitsWithDemoKeys, DEMO_ADAPTERS, DEMO_KEY_ID } from './demo-adapters.ts';
export { setAdapter, rotateKey } from './adapters.ts';
export { signRequest, verifySignature, computeSignature, SIGNATURE_HEADERS, type SignedHeaders } from './signing.ts';
export { ZTaskEnvelope, ZResultEvent, type TTaskEnvelope, type TResultEvent } from '../../contract/dispatch.ts';
export { buildEnvelopes, type EnvelopeInput } from './envelope.ts';
