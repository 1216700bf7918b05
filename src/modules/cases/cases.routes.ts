// Joint handling over HTTP: thin handlers — authorize, validate (zod), one use case, present.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { ZErrorBody } from '../../http/errors.ts';
import { actorOf, requireRole, SESSION_CSRF_SECURITY, SESSION_SECURITY } from '../../http/auth.ts';
import { acceptSubcase } from './accept-subcase.ts';
import { notAcceptSubcase } from './not-accept-subcase.ts';
import { requestSupplement } from './request-supplement.ts';
import { answerSupplement } from './answer-supplement.ts';
import { startSpecialProcedure } from './start-special-procedure.ts';
import { endSpecialProcedure } from './end-special-procedure.ts';
import { approveSubcase } from './approve-subcase.ts';
import { rejectSubcase } from './reject-subcase.ts';
import { withdrawApplication } from './withdraw-application.ts';
import { submitApplication } from './submit-application.ts';
import { getApplication, listMyApplications } from './get-application.ts';
import { listAwaitingApplicant } from './list-awaiting-applicant.ts';
import { getUnitSubcase, unitWorklist } from './back-office.ts';
import { registerProgressRoutes } from './progress.routes.ts';
import { presentApplicationSummary, presentSubcase } from './cases.presenters.ts';
import {
  ZApplicationSummary, ZApplicationView, ZAwaitingApplicant, ZApprove, ZNote, ZReason, ZSubcaseDetail, ZSubcaseView, ZSubmitApplication,
  ZSupplementAnswer, ZSupplementRequest, ZWorklistPage, ZWorklistQuery,
} from '../../contract/cases.ts';

const errors = { 400: ZErrorBody, 401: ZErrorBody, 403: ZErrorBody, 404: ZErrorBody, 409: ZErrorBody, 422: ZErrorBody, 503: ZErrorBody };
const ZId = z.object({ id: z.string().uuid() });

export async function registerCasesRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const applicant = { preHandler: requireRole('citizen', 'enterprise') };
  const reader = { preHandler: requireRole('citizen', 'enterprise', 'officer', 'counter', 'supervisor', 'platform_admin') };
  const officer = { preHandler: requireRole('officer') };
  const tags = ['cases'];
  await registerProgressRoutes(app, ctx);

  r.post('/api/applications', {
    ...applicant,
    schema: {
      tags, summary: 'Submit a theme application (一次申请); a retried idempotency key returns the same application with 200',
      security: SESSION_CSRF_SECURITY, body: ZSubmitApplication, response: { 200: ZApplicationSummary, 201: ZApplicationSummary, ...errors },
    },
  }, async (req, reply) => {
    const { application, created } = await submitApplication(ctx, actorOf(req), req.body);
    return reply.status(created ? 201 : 200).send(presentApplicationSummary(application));
  });

  r.get('/api/applications', {
    ...applicant,
    schema: {
      tags, summary: 'My applications, newest first', security: SESSION_SECURITY,
      querystring: z.object({ limit: z.coerce.number().int().min(1).max(100).default(20), offset: z.coerce.number().int().min(0).max(100_000).default(0) }),
      response: { 200: z.array(ZApplicationSummary), ...errors },
    },
  }, async (req) => listMyApplications(ctx, actorOf(req), req.query.limit, req.query.offset));

  r.get('/api/applications/awaiting-me', {
    ...applicant,
    schema: { tags, summary: 'What waits for me: sub-cases of my applications whose unit asked for a supplement (补齐补正)', security: SESSION_SECURITY, response: { 200: ZAwaitingApplicant, ...errors } },
  }, async (req) => listAwaitingApplicant(ctx, actorOf(req)));

  r.get('/api/applications/:id', {
    ...reader,
    schema: { tags, summary: 'One application: every sub-case with its status, promised date and timeline', security: SESSION_SECURITY, params: ZId, response: { 200: ZApplicationView, ...errors } },
  }, async (req) => getApplication(ctx, actorOf(req), req.params.id));

  r.post('/api/applications/:id/withdraw', {
    ...applicant,
    schema: { tags, summary: 'Withdraw (撤回) the application and its open sub-cases', security: SESSION_CSRF_SECURITY, params: ZId, body: ZNote.optional(), response: { 200: ZApplicationView, ...errors } },
  }, async (req) => {
    await withdrawApplication(ctx, actorOf(req), req.params.id, req.body?.note);
    return getApplication(ctx, actorOf(req), req.params.id);
  });

  r.post('/api/applications/:id/subcases/:sid/supplement', {
    ...applicant,
    schema: {
      tags, summary: 'Answer a supplement request (补齐补正); the clock resumes with the time left', security: SESSION_CSRF_SECURITY,
      params: z.object({ id: z.string().uuid(), sid: z.string().uuid() }), body: ZSupplementAnswer, response: { 200: ZSubcaseView, ...errors },
    },
  }, async (req) => presentSubcase(await answerSupplement(ctx, actorOf(req), req.params.id, req.params.sid, req.body)));

  // ---- department back office ----
  r.get('/api/back-office/subcases', {
    ...officer,
    schema: { tags, summary: "The officer's unit worklist, filtered by status, sorted by deadline", security: SESSION_SECURITY, querystring: ZWorklistQuery, response: { 200: ZWorklistPage, ...errors } },
  }, async (req) => unitWorklist(ctx, actorOf(req), req.query));

  r.get('/api/back-office/subcases/:id', {
    ...officer,
    schema: { tags, summary: 'One sub-case of the unit, with only its slice of data', security: SESSION_SECURITY, params: ZId, response: { 200: ZSubcaseDetail, ...errors } },
  }, async (req) => getUnitSubcase(ctx, actorOf(req), req.params.id));

  const action = <B extends z.ZodTypeAny>(path: string, summary: string, body: B, run: (req: { params: { id: string }; body: z.infer<B> }, actor: ReturnType<typeof actorOf>) => Promise<Parameters<typeof presentSubcase>[0]>) =>
    r.post(`/api/back-office/subcases/:id/${path}`, {
      ...officer,
      schema: { tags, summary, security: SESSION_CSRF_SECURITY, params: ZId, body, response: { 200: ZSubcaseView, ...errors } },
    }, async (req) => presentSubcase(await run(req as { params: { id: string }; body: z.infer<B> }, actorOf(req))));

  action('accept', 'Accept (受理): the promised time limit starts', ZNote, (req, a) => acceptSubcase(ctx, a, req.params.id, req.body.note));
  action('not-accept', 'Not accept (不予受理) with the reason', ZReason, (req, a) => notAcceptSubcase(ctx, a, req.params.id, req.body.reason));
  action('request-supplement', 'Request a supplement (补齐补正告知); the clock pauses', ZSupplementRequest, (req, a) => requestSupplement(ctx, a, req.params.id, req.body.note));
  action('start-special', 'Start a special procedure (特别程序); the clock pauses', ZSupplementRequest, (req, a) => startSpecialProcedure(ctx, a, req.params.id, req.body.note));
  action('end-special', 'End the special procedure; the clock resumes', ZNote, (req, a) => endSpecialProcedure(ctx, a, req.params.id, req.body.note));
  action('approve', 'Approve (办结·准予) with the result fields; dependents are released', ZApprove, (req, a) => approveSubcase(ctx, a, req.params.id, req.body));
  action('reject', 'Reject (办结·不予许可) with the reason; dependents are voided', ZReason, (req, a) => rejectSubcase(ctx, a, req.params.id, req.body.reason));
}
