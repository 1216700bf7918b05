// Staff administration over HTTP (人员管理): platform administrators for every unit, unit administrators
// for their own. Routes are thin: the use cases authorize (403 STAFF_FORBIDDEN) and audit.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { forbidden } from '../../platform/errors.ts';
import { actorOf, requireActor, SESSION_CSRF_SECURITY, SESSION_SECURITY } from '../../http/auth.ts';
import { ZErrorBody } from '../../http/errors.ts';
import {
  ZCreateStaffBody, ZResetPasswordBody, ZStaffIdParams, ZStaffImportCheck, ZStaffImportResult, ZStaffImportRowsBody, ZStaffList,
  ZStaffPasswordIssued, ZStaffQuery, ZUnitRoleBody,
} from '../../contract/staff.ts';
import type { Actor } from '../../platform/actor.ts';
import { listUnits } from '../org/index.ts';
import { assignStaffRole } from './assign-staff-role.ts';
import { createStaffAccount } from './create-staff-account.ts';
import { disableStaffAccount, enableStaffAccount } from './disable-staff-account.ts';
import { checkStaffImport, importStaffRows } from './import-staff.ts';
import { listStaffOfUnit } from './list-unit-staff.ts';
import { resetStaffPassword } from './reset-staff-password.ts';
import { revokeStaffRole } from './revoke-staff-role.ts';
import { readStaffFile } from './staff-file.ts';
import { unitGrantsOf } from './staff.repo.ts';

const errors = { 400: ZErrorBody, 401: ZErrorBody, 403: ZErrorBody, 404: ZErrorBody, 409: ZErrorBody, 422: ZErrorBody };
const ok = z.object({ ok: z.literal(true) });
// what browsers and curl send for .csv and .xlsx files (the content decides how it is read)
const IMPORT_CONTENT_TYPES = ['text/csv', 'application/vnd.ms-excel', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'application/octet-stream'];
const IMPORT_MAX_BYTES = 5 * 1024 * 1024;

export async function registerStaffRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = ctx.database.db;
  const policy = () => ({ minLength: ctx.config.passwordMinLength });

  /** The units an actor administers: every unit for a platform admin; else those of their unit_admin roles. */
  const administeredUnits = async (actor: Actor): Promise<string[] | 'all'> => {
    if (actor.role === 'platform_admin') return 'all';
    return (await unitGrantsOf(db, actor.id)).filter((g) => g.role === 'unit_admin').map((g) => g.unitCode);
  };
  const requireStaffAdmin = async (actor: Actor) => {
    const units = await administeredUnits(actor);
    if (units !== 'all' && units.length === 0) throw forbidden('STAFF_FORBIDDEN');
  };

  r.get('/api/admin/staff/units', {
    preHandler: requireActor,
    schema: {
      tags: ['staff'], summary: 'The units whose staff I administer (all for a platform admin)', security: SESSION_SECURITY,
      response: { 200: z.object({ all: z.boolean(), units: z.array(z.object({ code: z.string(), name: z.string(), nameEn: z.string() })) }), ...errors },
    },
  }, async (req) => {
    const units = await administeredUnits(actorOf(req));
    const all = await listUnits(db, {});
    const mine = units === 'all' ? all : all.filter((u) => units.includes(u.code));
    return { all: units === 'all', units: mine.map((u) => ({ code: u.code, name: u.name, nameEn: u.nameEn })) };
  });

  r.get('/api/admin/staff', {
    preHandler: requireActor,
    schema: {
      tags: ['staff'], summary: "A unit's staff with usernames and roles (单位人员; platform admin, or the unit's admin)", security: SESSION_SECURITY,
      querystring: ZStaffQuery, response: { 200: ZStaffList, ...errors },
    },
  }, async (req) => listStaffOfUnit(db, req.query.unit, actorOf(req)));

  r.post('/api/admin/staff', {
    preHandler: requireActor,
    schema: {
      tags: ['staff'], summary: 'Create a staff account (新建账号); the initial password is returned once and must be changed at first sign-in',
      security: SESSION_CSRF_SECURITY, body: ZCreateStaffBody, response: { 201: ZStaffPasswordIssued, ...errors },
    },
  }, async (req, reply) => reply.status(201).send(await createStaffAccount(db, req.body, actorOf(req), ctx.now(), policy())));

  r.post('/api/admin/staff/:id/disable', {
    preHandler: requireActor,
    schema: {
      tags: ['staff'], summary: 'Disable an account (停用): it cannot sign in and its sessions end', security: SESSION_CSRF_SECURITY,
      params: ZStaffIdParams, body: z.object({ reason: z.string().trim().min(1).max(200).optional() }).optional(), response: { 200: ok, ...errors },
    },
  }, async (req) => {
    await disableStaffAccount(db, req.params.id, actorOf(req), ctx.now(), req.body?.reason);
    return { ok: true as const };
  });

  r.post('/api/admin/staff/:id/enable', {
    preHandler: requireActor,
    schema: { tags: ['staff'], summary: 'Enable a disabled account (启用)', security: SESSION_CSRF_SECURITY, params: ZStaffIdParams, response: { 200: ok, ...errors } },
  }, async (req) => {
    await enableStaffAccount(db, req.params.id, actorOf(req), ctx.now());
    return { ok: true as const };
  });

  r.post('/api/admin/staff/:id/password-reset', {
    preHandler: requireActor,
    schema: {
      tags: ['staff'], summary: 'Reset the password (重置密码): random (returned once) or given; changed again at the next sign-in',
      security: SESSION_CSRF_SECURITY, params: ZStaffIdParams, body: ZResetPasswordBody.optional(), response: { 200: ZStaffPasswordIssued, ...errors },
    },
  }, async (req) => resetStaffPassword(db, req.params.id, req.body ?? {}, actorOf(req), ctx.now(), policy()));

  r.post('/api/admin/staff/:id/roles', {
    preHandler: requireActor,
    schema: {
      tags: ['staff'], summary: 'Grant a role in a unit (授予角色): officer, counter or unit_admin', security: SESSION_CSRF_SECURITY,
      params: ZStaffIdParams, body: ZUnitRoleBody, response: { 200: ok, ...errors },
    },
  }, async (req) => {
    await assignStaffRole(db, req.params.id, req.body, actorOf(req), ctx.now());
    return { ok: true as const };
  });

  r.post('/api/admin/staff/:id/roles/revoke', {
    preHandler: requireActor,
    schema: {
      tags: ['staff'], summary: 'Revoke a role in a unit (撤销角色); the last role cannot be revoked', security: SESSION_CSRF_SECURITY,
      params: ZStaffIdParams, body: ZUnitRoleBody, response: { 200: ok, ...errors },
    },
  }, async (req) => {
    await revokeStaffRole(db, req.params.id, req.body, actorOf(req), ctx.now());
    return { ok: true as const };
  });

  // the file as the raw body (CSV or XLSX), on this route only
  await app.register(async (scope) => {
    scope.addContentTypeParser(IMPORT_CONTENT_TYPES, { parseAs: 'buffer', bodyLimit: IMPORT_MAX_BYTES }, (_req, body, done) => done(null, body));
    scope.withTypeProvider<ZodTypeProvider>().post('/api/admin/staff/import/check', {
      preHandler: requireActor,
      bodyLimit: IMPORT_MAX_BYTES,
      schema: {
        tags: ['staff'],
        summary: 'Dry run of a staff import (CSV or XLSX as the raw body): the rows read and every problem by row; stores nothing',
        security: SESSION_CSRF_SECURITY, response: { 200: ZStaffImportCheck, 413: ZErrorBody, 415: ZErrorBody, ...errors },
      },
    }, async (req) => {
      const actor = actorOf(req);
      await requireStaffAdmin(actor);
      const file = await readStaffFile(Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0));
      if (file.problems.length > 0) return file;
      return { rows: file.rows, problems: await checkStaffImport(db, file.rows, actor, policy()) };
    });
  });

  r.post('/api/admin/staff/import/rows', {
    preHandler: requireActor,
    schema: {
      tags: ['staff'],
      summary: 'Import checked rows (at most 200 per call, so a page can show progress); refused whole with 422 IMPORT_HAS_PROBLEMS while a row has one',
      security: SESSION_CSRF_SECURITY, body: ZStaffImportRowsBody, response: { 200: ZStaffImportResult, ...errors },
    },
  }, async (req) => {
    const actor = actorOf(req);
    await requireStaffAdmin(actor);
    return { created: await importStaffRows(db, req.body.rows, actor, ctx.now(), policy()) };
  });
}
