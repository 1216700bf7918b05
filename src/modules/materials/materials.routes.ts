// Uploads over HTTP: a raw body (no multipart), 10 MB, on this route only.
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../platform/context.ts';
import { ZErrorBody } from '../../http/errors.ts';
import { actorOf, requireRole, SESSION_CSRF_SECURITY, SESSION_SECURITY } from '../../http/auth.ts';
import { z } from 'zod';
import { ZApplicationMaterial, ZUpload, ZUploadId, ZUploadParams, ZUploadQuery } from '../../contract/materials.ts';
import { supplyDeferredMaterial, type LockApplication } from './supply-deferred.ts';
import { contentDisposition, openUpload, presentUpload, saveUpload, UPLOAD_CONTENT_TYPES, UPLOAD_MAX_BYTES } from './uploads.ts';

const errors = { 400: ZErrorBody, 401: ZErrorBody, 403: ZErrorBody, 404: ZErrorBody, 413: ZErrorBody, 415: ZErrorBody, 422: ZErrorBody };

/** What materials needs from modules above it, handed in by the wiring (see LockApplication). */
export interface MaterialsRouteDeps {
  lockApplication: LockApplication;
}

export async function registerMaterialsRoutes(app: FastifyInstance, ctx: AppContext, deps: MaterialsRouteDeps): Promise<void> {
  // uploaded files are only ever handed out through the guarded download below, never as static files
  for (const served of [path.join(ctx.config.rootDir, 'dist'), path.join(ctx.config.rootDir, 'web')]) {
    const rel = path.relative(served, ctx.config.uploadDir);
    if (rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel)))
      throw new Error(`UPLOAD_DIR (${ctx.config.uploadDir}) must not be inside ${served}, which the web server serves`);
  }
  // an encapsulated plugin: the raw-body parsers and the larger body limit apply to the upload route only
  await app.register(async (scope) => {
    scope.addContentTypeParser([...UPLOAD_CONTENT_TYPES], { parseAs: 'buffer', bodyLimit: UPLOAD_MAX_BYTES }, (_req, body, done) => done(null, body));
    const r = scope.withTypeProvider<ZodTypeProvider>();
    r.post('/api/uploads', {
      // an officer uploads a result document (办结文书) before approving with it
      preHandler: requireRole('citizen', 'enterprise', 'counter', 'officer'),
      bodyLimit: UPLOAD_MAX_BYTES,
      schema: {
        tags: ['materials'],
        summary: 'Upload a material or result document file (raw body; PDF, JPEG or PNG recognised by content; at most 10 MB)',
        security: SESSION_CSRF_SECURITY,
        querystring: ZUploadQuery,
        response: { 201: ZUpload, ...errors },
      },
    }, async (req, reply) => reply.status(201).send(presentUpload(await saveUpload(ctx, actorOf(req), req.query.name, req.body))));
  });

  app.withTypeProvider<ZodTypeProvider>().get('/api/uploads/:id', {
    preHandler: requireRole('citizen', 'enterprise', 'counter', 'officer'),
    schema: {
      tags: ['materials'],
      summary: 'Download an uploaded file (owner, the applicant, or an officer of a unit whose sub-case uses it, as material or result document)',
      security: SESSION_SECURITY,
      params: ZUploadParams,
      response: { 400: ZErrorBody, 401: ZErrorBody, 403: ZErrorBody, 404: ZErrorBody },
    },
  }, async (req, reply) => {
    const { upload, stream } = await openUpload(ctx, actorOf(req), req.params.id);
    return reply
      .header('content-type', upload.content_type)
      .header('content-length', String(upload.size))
      .header('content-disposition', contentDisposition(upload.name))
      .header('x-content-type-options', 'nosniff')
      .header('content-security-policy', "sandbox; default-src 'none'")
      .header('cache-control', 'private, no-store')
      .send(stream as never);
  });

  app.withTypeProvider<ZodTypeProvider>().post('/api/applications/:id/materials/:code', {
    preHandler: requireRole('citizen', 'enterprise'),
    schema: {
      tags: ['materials'],
      summary: 'Hand in a material accepted as deferred (容缺补交): the uploads replace the deferral, the reminder is dropped',
      security: SESSION_CSRF_SECURITY,
      params: z.object({ id: z.string().uuid(), code: z.string().min(1).max(120) }),
      body: z.object({ uploadIds: z.array(ZUploadId).min(1).max(20) }),
      response: { 200: ZApplicationMaterial, 400: ZErrorBody, 401: ZErrorBody, 403: ZErrorBody, 404: ZErrorBody, 409: ZErrorBody, 422: ZErrorBody },
    },
  }, async (req) => supplyDeferredMaterial(ctx, deps.lockApplication, actorOf(req), req.params.id, req.params.code, req.body.uploadIds));
}
