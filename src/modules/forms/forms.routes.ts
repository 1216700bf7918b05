// The one form and its drafts over HTTP.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { ZErrorBody } from '../../http/errors.ts';
import { actorOf, requireRole, SESSION_CSRF_SECURITY, SESSION_SECURITY } from '../../http/auth.ts';
import { ZDraft, ZDraftBody, ZDraftList, ZDraftSaved, ZFilledFormRequest, ZFormRequest, ZThemeCodeParams, ZThemeFormView } from '../../contract/forms.ts';
import { themeFormFor } from './theme-form.ts';
import { filledFormPdf } from './filled-form-pdf.ts';
import { deleteDraft, getDraft, listDrafts, saveDraft } from './drafts.ts';

const errors = { 400: ZErrorBody, 401: ZErrorBody, 403: ZErrorBody, 404: ZErrorBody, 422: ZErrorBody };

export async function registerFormsRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['forms'];
  const drafter = { preHandler: requireRole('citizen', 'enterprise', 'counter') };

  r.post('/api/themes/:code/form', {
    preHandler: requireRole('citizen', 'enterprise', 'counter'),
    schema: {
      tags, summary: 'The one form (一次表单) for the answers: every data element once, prefilled with its origin, and the merged materials',
      security: SESSION_CSRF_SECURITY,
      params: z.object({ code: ZThemeCodeParams.shape.themeCode }),
      body: ZFormRequest,
      response: { 200: ZThemeFormView, ...errors },
    },
  }, async (req) => themeFormFor(ctx, actorOf(req), req.params.code, req.body.answers, req.body.applicantIdNumber));

  r.post('/api/themes/:code/forms/:material/pdf', {
    preHandler: requireRole('citizen', 'enterprise', 'counter'),
    schema: {
      tags, summary: 'A form to fill (申请表) that the notice marks generated, as a PDF filled from the one form\'s values: to print, sign and upload',
      security: SESSION_CSRF_SECURITY,
      params: z.object({ code: ZThemeCodeParams.shape.themeCode, material: z.string().min(1).max(160) }),
      body: ZFilledFormRequest,
      response: { 200: z.any().describe('application/pdf'), ...errors },
    },
  }, async (req, reply) => {
    const { bytes, filename } = await filledFormPdf(ctx, actorOf(req), req.params.code, req.params.material, req.body.answers, req.body.values);
    return reply
      .type('application/pdf')
      .header('content-disposition', `attachment; filename="form.pdf"; filename*=UTF-8''${encodeURIComponent(filename)}`)
      .send(Buffer.from(bytes));
  });

  r.get('/api/drafts', {
    ...drafter,
    schema: { tags, summary: 'My saved drafts', security: SESSION_SECURITY, response: { 200: ZDraftList, ...errors } },
  }, async (req) => listDrafts(ctx, actorOf(req)));

  r.get('/api/drafts/:themeCode', {
    ...drafter,
    schema: { tags, summary: 'My draft of a theme', security: SESSION_SECURITY, params: ZThemeCodeParams, response: { 200: ZDraft, ...errors } },
  }, async (req) => getDraft(ctx, actorOf(req), req.params.themeCode));

  r.put('/api/drafts/:themeCode', {
    ...drafter,
    schema: { tags, summary: 'Save (replace) my draft of a theme', security: SESSION_CSRF_SECURITY, params: ZThemeCodeParams, body: ZDraftBody, response: { 200: ZDraftSaved, ...errors } },
  }, async (req) => saveDraft(ctx, actorOf(req), req.params.themeCode, req.body));

  r.delete('/api/drafts/:themeCode', {
    ...drafter,
    schema: { tags, summary: 'Delete my draft of a theme', security: SESSION_CSRF_SECURITY, params: ZThemeCodeParams, response: { 204: z.null(), ...errors } },
  }, async (req, reply) => {
    await deleteDraft(ctx, actorOf(req), req.params.themeCode);
    return reply.status(204).send(null);
  });
}
