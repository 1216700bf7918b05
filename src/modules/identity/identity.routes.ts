// Sign-in, sign-out, "who am I" and the person's own real-name profile.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { notFound } from '../../platform/errors.ts';
import {
  actorOf, clearSessionCookie, requireActor, setSessionCookie, SESSION_CSRF_SECURITY, SESSION_SECURITY, unauthenticated,
} from '../../http/auth.ts';
import { ZErrorBody } from '../../http/errors.ts';
import { PasswordIdentityProvider } from './identity-provider.ts';
import { findUserById } from './identity.repo.ts';
import { toProfile, toUserView } from './identity.presenters.ts';
import { ZLoginBody, ZProfile, ZSessionView } from '../../contract/identity.ts';
import { ZActingUnitBody, ZChangePasswordBody } from '../../contract/staff.ts';
import { changeOwnPassword } from './change-password.ts';
import { setActingUnit } from './set-acting-unit.ts';
import { unitGrantsOf } from './staff.repo.ts';
import { LoginLimiter } from './login-limiter.ts';
import { login } from './login.ts';
import { logout } from './logout.ts';

export async function registerAuthRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const deps = { provider: new PasswordIdentityProvider(ctx.database.db), limiter: new LoginLimiter() };

  r.post(
    '/api/auth/login',
    {
      schema: {
        tags: ['auth'],
        summary: 'Sign in with username and password (登录)',
        description: 'Sets the HttpOnly session cookie yj_session and returns the CSRF token to send as x-csrf-token on writes.',
        body: ZLoginBody,
        response: { 200: ZSessionView, 400: ZErrorBody, 401: ZErrorBody, 403: ZErrorBody, 429: ZErrorBody },
      },
    },
    async (req, reply) => {
      const { user, session } = await login(ctx, deps, {
        username: req.body.username,
        password: req.body.password,
        ip: req.ip,
        replacesSessionId: req.authSession?.id,
      });
      setSessionCookie(req, reply, ctx.config, session.token, session.expiresAt);
      return { user: toUserView(user), csrfToken: session.csrfToken, mustChangePassword: user.must_change_password, unitRoles: await unitGrantsOf(ctx.database.db, user.id) };
    },
  );

  r.post(
    '/api/auth/logout',
    {
      schema: {
        tags: ['auth'],
        summary: 'Sign out (退出登录)',
        description: 'Deletes the session; answers 200 even without one, so a second click is harmless.',
        security: SESSION_CSRF_SECURITY,
        response: { 200: z.object({ ok: z.literal(true) }), 403: ZErrorBody },
      },
    },
    async (req, reply) => {
      if (req.actor && req.authSession) await logout(ctx, req.actor, req.authSession.id, req.ip);
      clearSessionCookie(req, reply, ctx.config);
      return { ok: true as const };
    },
  );

  r.get(
    '/api/auth/me',
    {
      preHandler: requireActor,
      schema: {
        tags: ['auth'],
        summary: 'The signed-in person and the CSRF token (当前用户)',
        security: SESSION_SECURITY,
        response: { 200: ZSessionView, 401: ZErrorBody },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const user = await findUserById(ctx.database.db, actor.id);
      if (!user || !req.authSession) throw unauthenticated();
      return {
        // the role and unit this session acts for (a person with roles in several units picks one)
        user: { ...toUserView(user), role: actor.role, unitCode: actor.unitCode },
        csrfToken: req.authSession.csrfToken,
        mustChangePassword: user.must_change_password,
        unitRoles: await unitGrantsOf(ctx.database.db, user.id),
      };
    },
  );

  r.post(
    '/api/auth/password',
    {
      preHandler: requireActor,
      schema: {
        tags: ['auth'],
        summary: 'Change my password (修改密码); required after an admin created the account or reset its password',
        description: 'Ends every other session of the person. The new password: at least PASSWORD_MIN_LENGTH characters with letters and digits.',
        security: SESSION_CSRF_SECURITY,
        body: ZChangePasswordBody,
        response: { 200: z.object({ ok: z.literal(true) }), 400: ZErrorBody, 401: ZErrorBody, 403: ZErrorBody, 422: ZErrorBody },
      },
    },
    async (req) => {
      if (!req.authSession) throw unauthenticated();
      await changeOwnPassword(ctx, actorOf(req).id, req.authSession.id, req.body, req.ip);
      return { ok: true as const };
    },
  );

  r.post(
    '/api/auth/acting-unit',
    {
      preHandler: requireActor,
      schema: {
        tags: ['auth'],
        summary: 'Act for another of my unit roles in this session (切换单位)',
        security: SESSION_CSRF_SECURITY,
        body: ZActingUnitBody,
        response: { 200: z.object({ ok: z.literal(true) }), 400: ZErrorBody, 401: ZErrorBody, 403: ZErrorBody, 404: ZErrorBody },
      },
    },
    async (req) => {
      if (!req.authSession) throw unauthenticated();
      await setActingUnit(ctx.database.db, actorOf(req), req.authSession.id, req.body, req.ip);
      return { ok: true as const };
    },
  );

  r.get(
    '/api/me/profile',
    {
      preHandler: requireActor,
      schema: {
        tags: ['auth'],
        summary: 'My real-name profile (实名信息)',
        security: SESSION_SECURITY,
        response: { 200: ZProfile, 401: ZErrorBody },
      },
    },
    async (req) => {
      const user = await findUserById(ctx.database.db, actorOf(req).id);
      if (!user) throw notFound({ zh: '用户', en: 'User' }, 'USER_NOT_FOUND');
      return toProfile(user);
    },
  );
}
