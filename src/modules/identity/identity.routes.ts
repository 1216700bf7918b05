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
      return { user: toUserView(user), csrfToken: session.csrfToken };
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
      const user = await findUserById(ctx.database.db, actorOf(req).id);
      if (!user || !req.authSession) throw unauthenticated();
      return { user: toUserView(user), csrfToken: req.authSession.csrfToken };
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
