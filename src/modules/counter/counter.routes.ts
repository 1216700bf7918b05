// The counter channel over HTTP: counter staff take applications in; the citizen confirms or declines.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { ZErrorBody } from '../../http/errors.ts';
import { actorOf, requireRole, SESSION_CSRF_SECURITY, SESSION_SECURITY } from '../../http/auth.ts';
import { presentApplicationSummary, ZApplicationSummary } from '../cases/index.ts';
import { confirmIntake, declineIntake } from './confirm-intake.ts';
import { getStaffIntake, listMyConfirmations, listStaffIntakes, sendNewCode } from './list-intakes.ts';
import { maskName, takeInApplication } from './take-in-application.ts';
import { maskPhone } from './confirmation-code.ts';
import { ZCodeSent, ZConfirmationView, ZConfirmCode, ZCounterIntake, ZCounterIntakeView, ZDecline, ZIntakeCreated } from '../../contract/counter.ts';

const errors = { 400: ZErrorBody, 401: ZErrorBody, 403: ZErrorBody, 404: ZErrorBody, 409: ZErrorBody, 422: ZErrorBody, 429: ZErrorBody };
const ZId = z.object({ id: z.string().uuid() });

export async function registerCounterRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const counter = { preHandler: requireRole('counter') };
  const citizen = { preHandler: requireRole('citizen') };
  const tags = ['counter'];

  r.post('/api/counter/applications', {
    ...counter,
    schema: {
      tags, security: SESSION_CSRF_SECURITY,
      summary: 'Take an application in for a present citizen (窗口收件 / 帮代办); it waits for the citizen\'s confirmation (24 h); a retried idempotency key returns the same intake with 200',
      body: ZCounterIntake, response: { 200: ZIntakeCreated, 201: ZIntakeCreated, ...errors },
    },
  }, async (req, reply) => {
    const { row, created, applicantName } = await takeInApplication(ctx, actorOf(req), req.body);
    return reply.status(created ? 201 : 200).send({
      id: row.id, status: row.status, applicant: { name: maskName(applicantName) }, expiresAt: new Date(row.expires_at).toISOString(),
      codeSentTo: row.code_sent_to ? maskPhone(row.code_sent_to) : null, codeExpiresAt: row.code_expires_at ? new Date(row.code_expires_at).toISOString() : null,
    });
  });

  r.get('/api/counter/applications', {
    ...counter,
    schema: {
      tags, security: SESSION_SECURITY, summary: "The staff member's intakes, newest first, with their state",
      querystring: z.object({ limit: z.coerce.number().int().min(1).max(100).default(20), offset: z.coerce.number().int().min(0).max(100_000).default(0) }),
      response: { 200: z.array(ZCounterIntakeView), ...errors },
    },
  }, async (req) => listStaffIntakes(ctx, actorOf(req), req.query.limit, req.query.offset));

  r.get('/api/counter/applications/:id', {
    ...counter,
    schema: { tags, security: SESSION_SECURITY, summary: 'One intake (its staff member or the same unit)', params: ZId, response: { 200: ZCounterIntakeView, ...errors } },
  }, async (req) => getStaffIntake(ctx, actorOf(req), req.params.id));

  r.post('/api/counter/applications/:id/send-code', {
    ...counter,
    schema: { tags, security: SESSION_CSRF_SECURITY, summary: 'Send a new confirmation code to the citizen\'s phone (the previous one stops working)', params: ZId, response: { 200: ZCodeSent, ...errors } },
  }, async (req) => sendNewCode(ctx, actorOf(req), req.params.id));

  r.post('/api/counter/applications/:id/confirm-by-code', {
    ...counter,
    schema: {
      tags, security: SESSION_CSRF_SECURITY, summary: 'The citizen reads the SMS code at the counter: the application is made (15 min, 5 tries)',
      params: ZId, body: ZConfirmCode, response: { 201: ZApplicationSummary, ...errors },
    },
  }, async (req, reply) => reply.status(201).send(presentApplicationSummary(await confirmIntake(ctx, actorOf(req), req.params.id, { method: 'code', code: req.body.code }))));

  r.get('/api/me/confirmations', {
    ...citizen,
    schema: { tags, security: SESSION_SECURITY, summary: 'Applications counter staff took in for me, awaiting my confirmation', response: { 200: z.array(ZConfirmationView), ...errors } },
  }, async (req) => listMyConfirmations(ctx, actorOf(req)));

  r.post('/api/me/confirmations/:id/confirm', {
    ...citizen,
    schema: { tags, security: SESSION_CSRF_SECURITY, summary: 'Confirm: the application is made now, with the counter channel and staff member recorded', params: ZId, response: { 201: ZApplicationSummary, ...errors } },
  }, async (req, reply) => reply.status(201).send(presentApplicationSummary(await confirmIntake(ctx, actorOf(req), req.params.id, { method: 'account' }))));

  r.post('/api/me/confirmations/:id/decline', {
    ...citizen,
    schema: { tags, security: SESSION_CSRF_SECURITY, summary: 'Decline: nothing is applied for', params: ZId, body: ZDecline.optional(), response: { 204: z.null(), ...errors } },
  }, async (req, reply) => {
    await declineIntake(ctx, actorOf(req), req.params.id, req.body?.reason);
    return reply.status(204).send(null);
  });
}
