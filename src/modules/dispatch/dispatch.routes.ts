// Dispatch over HTTP for people: platform admins configure adapters and keys, see dead letters,
// 二次录入 counts and reconciliation drift; officers of manual units work their re-entry queue.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { ZErrorBody } from '../../http/errors.ts';
import { actorOf, requireRole, SESSION_CSRF_SECURITY, SESSION_SECURITY } from '../../http/auth.ts';
import { getAdapterView, listAdapterViews, retireKey, rotateKey, setAdapter } from './adapters.ts';
import { listDeadLetters, resendDeadLetter } from './dead-letters.ts';
import {
  ZAdapter, ZAdapterInput, ZDeadLetters, ZFindings, ZKeyParams, ZListQuery, ZNewKey, ZNewKeyInput, ZOutboxIdParams, ZReentryList, ZReentryQuery,
  ZReentryRecord, ZReentryStats, ZUnitCodeParams,
} from '../../contract/dispatch.ts';
import { listFindings, reconcileOnce } from './reconcile.ts';
import { listReentry, recordReentry, reentryStats, reentryUnit } from './re-entry.ts';
import { ZTaskParams } from '../../contract/dispatch.ts';

const errors = { 400: ZErrorBody, 401: ZErrorBody, 403: ZErrorBody, 404: ZErrorBody, 409: ZErrorBody, 422: ZErrorBody };

export async function registerDispatchRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = ctx.database.db;
  const admin = { preHandler: requireRole('platform_admin') };
  const tags = ['dispatch'];

  r.get('/api/admin/adapters', {
    ...admin,
    schema: { tags, summary: 'Units with a configured adapter (every other unit works in the back office) and their key ids', security: SESSION_SECURITY, response: { 200: z.object({ items: z.array(ZAdapter) }), ...errors } },
  }, async () => ({ items: await listAdapterViews(db) }));

  r.get('/api/admin/adapters/:unitCode', {
    ...admin,
    schema: { tags, summary: "A unit's adapter ('back-office' when none is configured) and its key ids", security: SESSION_SECURITY, params: ZUnitCodeParams, response: { 200: ZAdapter, ...errors } },
  }, async (req) => getAdapterView(db, req.params.unitCode));

  r.put('/api/admin/adapters/:unitCode', {
    ...admin,
    schema: { tags, summary: "Set a unit's adapter kind and endpoint (audited)", security: SESSION_CSRF_SECURITY, params: ZUnitCodeParams, body: ZAdapterInput, response: { 200: ZAdapter, ...errors } },
  }, async (req) => setAdapter(db, actorOf(req), req.params.unitCode, req.body, ctx.now()));

  r.post('/api/admin/adapters/:unitCode/keys', {
    ...admin,
    schema: {
      tags, summary: 'Rotate: add a signing key for the unit; the secret is shown in this answer only (audited). Retire the old key once the unit uses the new one.',
      security: SESSION_CSRF_SECURITY, params: ZUnitCodeParams, body: ZNewKeyInput.nullish(), response: { 201: ZNewKey, ...errors },
    },
  }, async (req, reply) => reply.status(201).send(await rotateKey(db, actorOf(req), req.params.unitCode, ctx.now(), { keyId: req.body?.keyId })));

  r.post('/api/admin/adapters/:unitCode/keys/:keyId/retire', {
    ...admin,
    schema: { tags, summary: 'Retire a key: requests signed with it are refused from now on (audited)', security: SESSION_CSRF_SECURITY, params: ZKeyParams, response: { 204: z.null(), ...errors } },
  }, async (req, reply) => {
    await retireKey(db, actorOf(req), req.params.unitCode, req.params.keyId, ctx.now());
    return reply.status(204).send(null);
  });

  r.get('/api/admin/outbox/dead', {
    ...admin,
    schema: { tags, summary: 'Dead letters: outbox events that gave up after the maximum attempts, newest first', security: SESSION_SECURITY, querystring: ZListQuery, response: { 200: ZDeadLetters, ...errors } },
  }, async (req) => ({ items: await listDeadLetters(ctx, req.query.limit) }));

  r.post('/api/admin/outbox/:id/resend', {
    ...admin,
    schema: { tags, summary: 'Send a dead letter again: it is retried from now with a fresh attempt count (audited)', security: SESSION_CSRF_SECURITY, params: ZOutboxIdParams, response: { 200: z.object({ id: z.number(), topic: z.string(), key: z.string() }), ...errors } },
  }, async (req) => resendDeadLetter(ctx, actorOf(req), req.params.id));

  r.get('/api/admin/re-entry/stats', {
    preHandler: requireRole('platform_admin', 'supervisor'),
    schema: { tags, summary: '二次录入: per unit, tasks waiting to be typed into another system and tasks entered', security: SESSION_SECURITY, response: { 200: ZReentryStats, ...errors } },
  }, async () => ({ units: await reentryStats(ctx) }));

  r.get('/api/admin/reconciliation', {
    ...admin,
    schema: { tags, summary: 'Open reconciliation findings: where a unit system\'s view of a sub-case differs from Yijian\'s', security: SESSION_SECURITY, querystring: ZListQuery, response: { 200: ZFindings, ...errors } },
  }, async (req) => ({ items: await listFindings(ctx, req.query.limit) }));

  r.post('/api/admin/reconciliation/run', {
    ...admin,
    schema: { tags, summary: 'Run one reconciliation pass now (the worker also runs it periodically)', security: SESSION_CSRF_SECURITY, response: { 200: z.object({ checked: z.number(), findings: z.number() }), ...errors } },
  }, async () => reconcileOnce(ctx));

  r.get('/api/back-office/re-entry', {
    preHandler: requireRole('officer', 'platform_admin'),
    schema: { tags, summary: '二次录入 queue: tasks of the unit to type into its own system (officer: own unit; admin: ?unit=)', security: SESSION_SECURITY, querystring: ZReentryQuery, response: { 200: ZReentryList, ...errors } },
  }, async (req) => ({ items: await listReentry(ctx, reentryUnit(actorOf(req), req.query.unit), req.query.limit) }));

  r.post('/api/back-office/re-entry/:taskId', {
    preHandler: requireRole('officer'),
    schema: { tags, summary: "二次录入: record the case number the unit's own system gave the task (audited)", security: SESSION_CSRF_SECURITY, params: ZTaskParams, body: ZReentryRecord, response: { 204: z.null(), ...errors } },
  }, async (req, reply) => {
    await recordReentry(ctx, actorOf(req), req.params.taskId, req.body.externalCaseNo);
    return reply.status(204).send(null);
  });
}
