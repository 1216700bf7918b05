// Who is asking: the session cookie becomes request.actor; state-changing API calls made with a
// session must carry its CSRF token. Routes declare what they need with requireActor / requireRole.
import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
// the cookie plugin's fields on request and reply, for programs (web's typecheck) that reach this file without app.ts
import type {} from '@fastify/cookie';
import type { Config } from '../config.ts';
import type { Actor, TRoleName } from '../platform/actor.ts';
import type { AppContext } from '../platform/context.ts';
import { AppError, forbidden } from '../platform/errors.ts';
import { findSessionActor, hashSessionToken, type SessionRecord } from '../platform/sessions.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in person, or null. */
    actor: Actor | null;
    /** Their session (for the CSRF token and logout), or null. */
    authSession: SessionRecord | null;
  }
}

export const SESSION_COOKIE = 'yj_session';
export const CSRF_HEADER = 'x-csrf-token';
const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
// Login replaces whatever session the browser had, so it does not need that session's token.
// Cross-site login forms are still refused: the body must be JSON, which a plain form cannot send.
const CSRF_EXEMPT = new Set(['/api/auth/login']);
// What a person whose password an admin set may do before changing it: see who they are, change it, leave.
const OPEN_BEFORE_PASSWORD_CHANGE = new Set(['/api/auth/me', '/api/auth/password', '/api/auth/logout', '/api/auth/login']);

export const unauthenticated = () =>
  new AppError('unauthenticated', 'UNAUTHENTICATED', { zh: '请先登录', en: 'Please sign in first' });

export const passwordChangeRequired = () =>
  new AppError('forbidden', 'PASSWORD_CHANGE_REQUIRED', {
    zh: '请先修改管理员设置的初始密码',
    en: 'Change the password the administrator set before going on',
  });

export const csrfFailed = () =>
  new AppError('forbidden', 'CSRF_FAILED', {
    zh: '请求校验失败（CSRF 令牌缺失或不匹配），请刷新页面后重试',
    en: 'The request could not be verified (missing or wrong CSRF token); reload the page and try again',
  });

function sameSecret(given: string | string[] | undefined, expected: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function cookieIsSecure(req: FastifyRequest, config: Config): boolean {
  if (config.secureCookies === 'auto') return req.protocol === 'https'; // trustProxy: honours X-Forwarded-Proto
  return config.secureCookies === 'true';
}

export function setSessionCookie(req: FastifyRequest, reply: FastifyReply, config: Config, token: string, expiresAt: Date): void {
  reply.setCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'lax',
    path: '/',
    secure: cookieIsSecure(req, config),
    expires: expiresAt,
  });
}

export function clearSessionCookie(req: FastifyRequest, reply: FastifyReply, config: Config): void {
  reply.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'lax', path: '/', secure: cookieIsSecure(req, config) });
}

export async function registerAuth(app: FastifyInstance, ctx: AppContext): Promise<void> {
  app.decorateRequest('actor', null);
  app.decorateRequest('authSession', null);
  app.addHook('onRequest', async (req, reply) => {
    const path = req.url.split('?')[0] ?? '';
    if (!path.startsWith('/api/')) return; // static files and docs need no session
    const token = req.cookies[SESSION_COOKIE];
    if (!token) return;
    const found = await findSessionActor(ctx.database.db, hashSessionToken(token), ctx.now());
    if (!found) {
      // expired or unknown: treat as signed out and drop the dead cookie
      clearSessionCookie(req, reply, ctx.config);
      return;
    }
    req.actor = found.actor;
    req.authSession = found.session;
    if (UNSAFE_METHODS.has(req.method) && !CSRF_EXEMPT.has(path) && !sameSecret(req.headers[CSRF_HEADER], found.session.csrfToken)) {
      throw csrfFailed();
    }
    if (found.session.mustChangePassword && !OPEN_BEFORE_PASSWORD_CHANGE.has(path)) throw passwordChangeRequired();
  });
}

/** preHandler: any signed-in person. */
export async function requireActor(req: FastifyRequest): Promise<void> {
  if (!req.actor) throw unauthenticated();
}

/** preHandler: a signed-in person holding one of the roles. */
export function requireRole(...roles: TRoleName[]): (req: FastifyRequest) => Promise<void> {
  const allowed = new Set<TRoleName>(roles);
  return async (req) => {
    if (!req.actor) throw unauthenticated();
    if (!allowed.has(req.actor.role)) throw forbidden();
  };
}

/** The actor of a route guarded by requireActor / requireRole (typed, without a non-null assertion). */
export function actorOf(req: FastifyRequest): Actor {
  if (!req.actor) throw unauthenticated();
  return req.actor;
}

/** OpenAPI: routes that need a session (and, for writes, the CSRF header). */
export const SESSION_SECURITY = [{ session: [] }];
export const SESSION_CSRF_SECURITY = [{ session: [], csrf: [] }];
