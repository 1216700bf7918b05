// The adapter API department systems call (/api/adapter/v1, tag 'adapter'). Every route but the file
// links is signed with the unit's key (see signing.ts); the raw body is kept for the signature, which
// is checked before the body is validated. A bad or missing signature is a 401, audited (throttled:
// refusal-audit.ts).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { ZErrorBody } from '../../http/errors.ts';
import { findSubcaseRow } from '../cases/index.ts';
import { contentDisposition, openUploadForUnit, saveUpload, UPLOAD_MAX_BYTES } from '../materials/index.ts';
import { adapterActor, receiveResultEvent, subcaseStateForUnit } from './apply-result-event.ts';
import * as repo from './dispatch.repo.ts';
import { ZAck, ZDocumentQuery, ZDocumentUploaded, ZEventAnswer, ZEventParked, ZResultEvent, ZSubcaseParams, ZSubcaseState, ZTaskParams, ZTasks, ZTasksQuery } from '../../contract/dispatch.ts';
import { fileLinkSecret, fileLinkValid } from './file-links.ts';
import { auditRefusedCall } from './refusal-audit.ts';
import { ackTask, pollTasks } from './pull-tasks.ts';
import { verifySignature } from './signing.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** the exact body as received (signed routes) */
    rawBody?: string;
    /** the exact bytes of a binary body (a result document) */
    rawBytes?: Buffer;
    /** the unit whose key signed the request */
    adapterUnit?: string;
  }
}

const BODY_LIMIT = 256 * 1024;
const tags = ['adapter'];
const SIGNED = [{ unitSignature: [] }];
const errors = { 400: ZErrorBody, 401: ZErrorBody, 403: ZErrorBody, 404: ZErrorBody, 409: ZErrorBody, 415: ZErrorBody, 422: ZErrorBody };

export const signatureInvalid = () =>
  new AppError('unauthenticated', 'ADAPTER_SIGNATURE_INVALID', {
    zh: '接口签名无效（请检查 x-yj-unit、x-yj-key-id、x-yj-timestamp、x-yj-signature 及密钥）',
    en: 'Invalid request signature (check x-yj-unit, x-yj-key-id, x-yj-timestamp, x-yj-signature and the key)',
  });

const unitOf = (req: FastifyRequest): string => {
  if (!req.adapterUnit) throw signatureInvalid();
  return req.adapterUnit;
};

export async function registerAdapterRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const db = ctx.database.db;
  await app.register(async (scope) => {
    // keep the body as sent: the signature covers its exact bytes
    scope.removeContentTypeParser('application/json');
    scope.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit: BODY_LIMIT }, (req, body, done) => {
      const raw = typeof body === 'string' ? body : body.toString('utf8');
      req.rawBody = raw;
      if (raw.trim() === '') return done(null, undefined);
      try {
        done(null, JSON.parse(raw));
      } catch {
        done(new AppError('bad_request', 'INVALID_JSON', { zh: '请求体不是有效的 JSON', en: 'The body is not valid JSON' }), undefined);
      }
    });
    // a result document (POST /documents): its bytes as sent, signed as they are
    scope.addContentTypeParser(['application/pdf', 'image/jpeg', 'image/png', 'application/octet-stream'], { parseAs: 'buffer', bodyLimit: UPLOAD_MAX_BYTES }, (req, body, done) => {
      req.rawBytes = body as Buffer;
      done(null, body);
    });
    scope.addHook('preValidation', async (req) => {
      const result = await verifySignature({
        headers: req.headers, method: req.method, pathWithQuery: req.url, body: req.rawBytes ?? req.rawBody ?? '', now: ctx.now(),
        secretOf: (unit, keyId) => repo.validSecret(db, unit, keyId),
      });
      if (!result.ok) {
        await auditRefusedCall(ctx, result.unitCode, {
          actorId: null, actorRole: 'adapter', action: 'dispatch.adapter.signature-invalid', targetType: 'unit', targetId: result.unitCode ?? null,
          detail: { problem: result.problem, keyId: result.keyId ?? null, method: req.method, path: (req.url.split('?')[0] ?? '').slice(0, 200) }, ip: req.ip,
        });
        throw signatureInvalid();
      }
      req.adapterUnit = result.unitCode;
    });
    const r = scope.withTypeProvider<ZodTypeProvider>();

    r.get('/api/adapter/v1/tasks', {
      schema: {
        tags, security: SIGNED, querystring: ZTasksQuery,
        summary: 'Pull: wait up to `wait` seconds for tasks of the signing unit; each is leased for 60 s and offered again unless acknowledged',
        response: { 200: ZTasks, ...errors },
      },
    }, async (req) => ({ tasks: await pollTasks(ctx, unitOf(req), req.query.wait, req.query.limit, () => req.raw.destroyed || req.socket.destroyed) }));

    r.post('/api/adapter/v1/tasks/:taskId/ack', {
      schema: {
        tags, security: SIGNED, params: ZTaskParams, body: ZAck.nullish(),
        summary: 'Pull: acknowledge a task (optionally with the case number of the unit\'s system); acknowledging again is fine',
        response: { 204: z.null(), ...errors },
      },
    }, async (req, reply) => {
      await ackTask(ctx, unitOf(req), req.params.taskId, req.body?.caseNo);
      return reply.status(204).send(null);
    });

    r.post('/api/adapter/v1/subcases/:id/events', {
      schema: {
        tags, security: SIGNED, params: ZSubcaseParams, body: ZResultEvent,
        summary: 'Results back: an event of the unit about its sub-case — idempotent by eventId, applied in the order of `sequence`',
        description: '200 applied (or duplicate of an applied event); 202 parked until the earlier sequences arrive; 404 unknown sub-case and 403 another unit\'s sub-case (both audited); 409 when the case rules refuse it (e.g. approve before accept) or the sequence is taken.',
        response: { 200: ZEventAnswer, 202: ZEventParked, ...errors },
      },
    }, async (req, reply) => {
      const a = await receiveResultEvent(ctx, unitOf(req), req.params.id, req.body, req.ip);
      return reply.status(a.code).send(a.body as never);
    });

    r.post('/api/adapter/v1/documents', {
      schema: {
        tags, security: SIGNED, querystring: ZDocumentQuery,
        summary: 'A result document (办结文书, e.g. the certificate as a PDF), sent as the raw body; approve with its uploadId as result.documentUploadId',
        description: 'PDF, JPEG or PNG, recognised by the content, at most 10 MB. The file belongs to the unit\'s system account: only an approve event of the same unit can attach it.',
        response: { 201: ZDocumentUploaded, ...errors },
      },
    }, async (req, reply) => {
      const actor = await adapterActor(db, unitOf(req));
      const u = await saveUpload(ctx, actor, req.query.name, req.rawBytes);
      return reply.status(201).send({ uploadId: u.id, name: u.name, contentType: u.content_type, size: u.size, sha256: u.sha256 });
    });

    r.get('/api/adapter/v1/subcases/:id', {
      schema: {
        tags, security: SIGNED, params: ZSubcaseParams,
        summary: "Yijian's view of the unit's sub-case (status, last applied sequence) for the unit's own reconciliation",
        response: { 200: ZSubcaseState, ...errors },
      },
    }, async (req) => subcaseStateForUnit(ctx, unitOf(req), req.params.id, req.ip));
  });

  app.withTypeProvider<ZodTypeProvider>().get('/api/adapter/v1/files/:uploadId', {
    schema: {
      tags,
      summary: 'A material file of a task envelope: the signed, expiring link needs no other credential',
      params: z.object({ uploadId: z.uuid() }),
      querystring: z.object({ subcase: z.uuid(), expires: z.coerce.number().int().min(0).max(1e11), sig: z.string().regex(/^[0-9a-f]{64}$/) }),
      response: { 400: ZErrorBody, 403: ZErrorBody, 404: ZErrorBody },
    },
  }, async (req, reply) => {
    const { subcase, expires, sig } = req.query;
    if (!fileLinkValid(await fileLinkSecret(db), req.params.uploadId, subcase, expires, sig, ctx.now()))
      throw new AppError('forbidden', 'FILE_LINK_INVALID', { zh: '下载链接无效或已过期', en: 'The download link is invalid or has expired' });
    const sub = await findSubcaseRow(db, subcase);
    if (!sub) throw new AppError('not_found', 'UPLOAD_NOT_FOUND', { zh: '文件不存在', en: 'File not found' });
    // read as the unit would in the back office: only a file its sub-case's matter uses
    const { upload, stream } = await openUploadForUnit(ctx, sub.unit_code, req.params.uploadId, subcase, req.ip);
    return reply
      .header('content-type', upload.content_type)
      .header('content-length', String(upload.size))
      .header('content-disposition', contentDisposition(upload.name))
      .header('content-security-policy', "sandbox; default-src 'none'")
      .header('cache-control', 'private, no-store')
      .send(stream as never);
  });
}
