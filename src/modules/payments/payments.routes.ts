// Fees over HTTP: the applicant's view and online payment, the officer's view, the counter's record,
// and the payment provider's signed callback (no session; the raw body is kept for the signature).
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { ZErrorBody } from '../../http/errors.ts';
import { actorOf, requireActor, requireRole, SESSION_CSRF_SECURITY, SESSION_SECURITY } from '../../http/auth.ts';
import { ZCallbackAnswer, ZCounterPayment, ZPaymentCallback, ZPaymentStarted, ZSubcasePayment } from '../../contract/payments.ts';
import { applyPaymentCallback, checkOnlinePayment } from './apply-payment-callback.ts';
import { paymentOfSubcase, paymentsOfApplication } from './payment-views.ts';
import { callbackSignatureInvalid, callbackStale } from './payments.policy.ts';
import { callbackSignatureProblem } from './provider-client.ts';
import { recordCounterPayment } from './record-counter-payment.ts';
import { startOnlinePayment } from './start-online-payment.ts';

const errors = { 400: ZErrorBody, 401: ZErrorBody, 403: ZErrorBody, 404: ZErrorBody, 409: ZErrorBody, 422: ZErrorBody };
const ZId = z.object({ id: z.string().uuid() });
const tags = ['payments'];

export async function registerPaymentsRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const applicant = { preHandler: requireRole('citizen', 'enterprise') };

  r.get('/api/me/applications/:id/payments', {
    preHandler: requireActor,
    schema: { tags, security: SESSION_SECURITY, summary: 'The fees of an application\'s sub-cases that have one: due, paid (how), refunded', params: ZId, response: { 200: z.array(ZSubcasePayment), ...errors } },
  }, async (req) => paymentsOfApplication(ctx, actorOf(req), req.params.id));

  r.post('/api/me/subcases/:id/payment', {
    ...applicant,
    schema: {
      tags, security: SESSION_CSRF_SECURITY, params: ZId, response: { 200: ZPaymentStarted, ...errors },
      summary: 'Pay a sub-case\'s fee online: an order at the payment provider (the same one again until it is paid); go to payUrl',
    },
  }, async (req) => startOnlinePayment(ctx, actorOf(req), req.params.id));

  r.post('/api/me/subcases/:id/payment/check', {
    ...applicant,
    schema: { tags, security: SESSION_CSRF_SECURITY, params: ZId, summary: 'Back from the payer page: ask the provider whether the open order was paid', response: { 204: z.null(), ...errors } },
  }, async (req, reply) => {
    await checkOnlinePayment(ctx, actorOf(req), req.params.id);
    return reply.status(204).send(null);
  });

  r.get('/api/back-office/subcases/:id/payment', {
    preHandler: requireRole('officer', 'counter', 'supervisor', 'platform_admin'),
    schema: { tags, security: SESSION_SECURITY, params: ZId, summary: 'The sub-case\'s fee and whether it is paid (null: nothing to pay)', response: { 200: ZSubcasePayment.nullable(), ...errors } },
  }, async (req) => paymentOfSubcase(ctx, actorOf(req), req.params.id));

  r.post('/api/counter/subcases/:id/payments', {
    preHandler: requireRole('counter'),
    schema: {
      tags, security: SESSION_CSRF_SECURITY, params: ZId, body: ZCounterPayment, response: { 204: z.null(), ...errors },
      summary: '窗口缴费: record the fee taken at the counter with its receipt number (the amount due exactly)',
    },
  }, async (req, reply) => {
    await recordCounterPayment(ctx, actorOf(req), req.params.id, req.body);
    return reply.status(204).send(null);
  });

  await app.register(async (scope) => {
    scope.removeContentTypeParser('application/json');
    scope.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit: 16 * 1024 }, (req, body, done) => {
      const raw = typeof body === 'string' ? body : body.toString('utf8');
      req.rawBody = raw;
      try {
        done(null, raw.trim() === '' ? undefined : JSON.parse(raw));
      } catch {
        done(new AppError('bad_request', 'INVALID_JSON', { zh: '请求体不是有效的 JSON', en: 'The body is not valid JSON' }), undefined);
      }
    });
    // the signature before the body's shape: an unsigned caller learns nothing about our schema
    scope.addHook('preValidation', async (req) => {
      // wall-clock time: the provider signs with its own clock, not the demo city's movable one
      const problem = callbackSignatureProblem(ctx.config, req.headers, req.rawBody ?? '', new Date());
      if (problem) {
        ctx.log.warn({ problem, ip: req.ip }, 'payment callback refused');
        throw problem === 'stale' ? callbackStale() : callbackSignatureInvalid();
      }
    });
    scope.withTypeProvider<ZodTypeProvider>().post('/api/payments/notify', {
      schema: {
        tags, security: [{ paymentSignature: [] }], body: ZPaymentCallback, response: { 200: ZCallbackAnswer, ...errors },
        summary: 'The payment provider\'s callback: signed with the merchant secret, checked against our order and its amount, applied once',
      },
    }, async (req) => ({ result: await applyPaymentCallback(ctx, req.body) }));
  });
}
