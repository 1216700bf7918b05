// Joining: registration with an SMS code, the sign-in options, and the unified identity (OIDC).
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { setSessionCookie } from '../../http/auth.ts';
import { ZErrorBody } from '../../http/errors.ts';
import { ZSessionView } from '../../contract/identity.ts';
import { ZAuthOptions, ZRegisterBody, ZSmsCodeRequest, ZSmsCodeSent } from '../../contract/registration.ts';
import { toUserView } from './identity.presenters.ts';
import { finishOidcLogin, OIDC_PENDING_TTL_MS, oidcProviderOf, startOidcLogin } from './oidc-login.ts';
import { register } from './register.ts';
import { requestSmsCode } from './sms-code.ts';

const OIDC_STATE_COOKIE = 'yj_oidc_state';
const UNIFIED_IDENTITY_NAME = { zh: '湖南省统一身份认证', en: 'Hunan unified identity' };

const oidcNotConfigured = () =>
  new AppError('not_found', 'OIDC_NOT_CONFIGURED', { zh: '本平台未接入统一身份认证', en: 'No unified identity provider is configured' });

export async function registerJoinRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const secure = (req: { protocol: string }) => (ctx.config.secureCookies === 'auto' ? req.protocol === 'https' : ctx.config.secureCookies === 'true');

  r.get('/api/auth/options', {
    schema: { tags: ['auth'], summary: 'How one may sign in and join (登录方式)', response: { 200: ZAuthOptions } },
  }, async () => ({
    unifiedIdentity: oidcProviderOf(ctx) ? { name: UNIFIED_IDENTITY_NAME, startUrl: '/api/auth/oidc/start' } : null,
    registration: true,
  }));

  r.post('/api/auth/register/sms-code', {
    schema: {
      tags: ['auth'], summary: 'Send a registration code by SMS (发送注册验证码)',
      description: 'Limited per phone and per address (identity_settings); the code is valid for sms_code_ttl_minutes and stored only hashed.',
      body: ZSmsCodeRequest, response: { 200: ZSmsCodeSent, 400: ZErrorBody, 429: ZErrorBody },
    },
  }, async (req) => {
    const sent = await requestSmsCode(ctx, { phone: req.body.phone, ip: req.ip });
    return { ...sent, expiresAt: sent.expiresAt.toISOString() };
  });

  r.post('/api/auth/register', {
    schema: {
      tags: ['auth'], summary: 'Register a citizen or enterprise account (注册)',
      description: 'The SMS code proves the phone; name and ID number are checked against the household registry, an enterprise binding against the enterprise registry. Signs the new person in.',
      body: ZRegisterBody, response: { 200: ZSessionView, 400: ZErrorBody, 403: ZErrorBody, 409: ZErrorBody, 422: ZErrorBody, 429: ZErrorBody, 503: ZErrorBody },
    },
  }, async (req, reply) => {
    const { user, session } = await register(ctx, { ...req.body, ip: req.ip, replacesSessionId: req.authSession?.id });
    setSessionCookie(req, reply, ctx.config, session.token, session.expiresAt);
    return { user: toUserView(user), csrfToken: session.csrfToken, mustChangePassword: false, unitRoles: [] };
  });

  r.get('/api/auth/oidc/start', {
    schema: {
      tags: ['auth'], summary: 'Sign in through the unified identity (统一身份认证登录)',
      description: 'Redirects to the provider (authorization code with PKCE, state and nonce).',
      querystring: z.object({ returnTo: z.string().max(300).optional() }), response: { 302: z.null(), 404: ZErrorBody, 503: ZErrorBody },
    },
  }, async (req, reply) => {
    const provider = oidcProviderOf(ctx);
    if (!provider) throw oidcNotConfigured();
    let started;
    try {
      started = await startOidcLogin(ctx, provider, req.query.returnTo);
    } catch (err) {
      ctx.log.warn({ err }, 'unified identity provider unreachable at sign-in start');
      return reply.redirect('/login?signin=OIDC_UNAVAILABLE', 302);
    }
    reply.setCookie(OIDC_STATE_COOKIE, started.state, { httpOnly: true, sameSite: 'lax', path: '/api/auth/oidc', secure: secure(req), maxAge: OIDC_PENDING_TTL_MS / 1000 });
    return reply.redirect(started.redirectTo, 302);
  });

  r.get('/api/auth/oidc/callback', {
    schema: {
      tags: ['auth'], summary: 'The unified identity provider returns here (统一身份认证回调)',
      description: 'Checks the state against this browser, exchanges the code, verifies the ID token, links or creates the person and signs them in; any refusal redirects to /login?signin=CODE.',
      querystring: z.object({ code: z.string().max(2000).optional(), state: z.string().max(200).optional(), error: z.string().max(200).optional() }).passthrough(),
      response: { 302: z.null(), 404: ZErrorBody },
    },
  }, async (req, reply) => {
    const provider = oidcProviderOf(ctx);
    if (!provider) throw oidcNotConfigured();
    const result = await finishOidcLogin(ctx, provider, {
      code: req.query.code, state: req.query.state, error: req.query.error, cookieState: req.cookies[OIDC_STATE_COOKIE], ip: req.ip, replacesSessionId: req.authSession?.id,
    });
    reply.clearCookie(OIDC_STATE_COOKIE, { httpOnly: true, sameSite: 'lax', path: '/api/auth/oidc', secure: secure(req) });
    if (!result.ok) return reply.redirect(`/login?signin=${result.refusal}`, 302);
    setSessionCookie(req, reply, ctx.config, result.session.token, result.session.expiresAt);
    return reply.redirect(result.returnTo, 302);
  });
}
