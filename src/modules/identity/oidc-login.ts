// Sign-in through the unified identity: start (a state, a nonce and a PKCE verifier kept for ten
// minutes; the browser holds the state in a cookie) and callback (the state must be this browser's
// and unused, the ID token must pass every check, then link or create the person and open the same
// session as a password sign-in). Every refusal is audited and ends on the sign-in page with a code.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { AppContext } from '../../platform/context.ts';
import { createSession, deleteSession, type NewSession } from '../../platform/sessions.ts';
import { recordAudit } from '../audit/index.ts';
import type { UserRow } from './identity.repo.ts';
import { linkExternalIdentity } from './link-external-identity.ts';
import { OidcIdentityProvider } from './oidc-provider.ts';
import { insertPendingLogin, takePendingLogin } from './registration.repo.ts';

export const OIDC_PENDING_TTL_MS = 10 * 60_000;
export const OIDC_CALLBACK_PATH = '/api/auth/oidc/callback';

/** Why a unified-identity sign-in ended on the sign-in page (the UI has a message for each). */
export type OidcRefusal = 'OIDC_STATE' | 'OIDC_DENIED' | 'OIDC_TOKEN' | 'OIDC_UNAVAILABLE' | 'OIDC_NOT_LINKED' | 'ACCOUNT_DISABLED';

let providers = new WeakMap<AppContext['config'], OidcIdentityProvider>();

/** The configured provider (one per configuration: it caches discovery and keys), or undefined. */
export function oidcProviderOf(ctx: AppContext): OidcIdentityProvider | undefined {
  const { oidcIssuer, oidcClientId, oidcClientSecret } = ctx.config;
  if (!oidcIssuer || !oidcClientId || !oidcClientSecret) return undefined;
  let p = providers.get(ctx.config);
  if (!p || p.settings.issuer !== oidcIssuer) {
    p = new OidcIdentityProvider({ issuer: oidcIssuer, clientId: oidcClientId, clientSecret: oidcClientSecret });
    providers.set(ctx.config, p);
  }
  return p;
}

/** For tests that point one configuration at a restarted provider. */
export function forgetOidcProviders(): void {
  providers = new WeakMap();
}

export const callbackUrl = (ctx: AppContext) => `${ctx.config.publicUrl}${OIDC_CALLBACK_PATH}`;

/** Only a path of ours: never an absolute URL or "//host" (an open redirect). */
export function safeReturnTo(raw: string | undefined): string {
  return raw && /^\/(?![/\\])[\x21-\x7e]*$/.test(raw) && raw.length <= 300 ? raw : '/me/applications';
}

const token = () => randomBytes(32).toString('base64url');

export async function startOidcLogin(ctx: AppContext, provider: OidcIdentityProvider, returnTo: string | undefined): Promise<{ state: string; redirectTo: string }> {
  const now = ctx.now();
  const state = token();
  const nonce = token();
  const codeVerifier = token();
  await insertPendingLogin(ctx.database.db, { state, nonce, code_verifier: codeVerifier, return_to: safeReturnTo(returnTo), created_at: now, expires_at: new Date(now.getTime() + OIDC_PENDING_TTL_MS) });
  return { state, redirectTo: await provider.authorizationUrl({ state, nonce, codeVerifier, redirectUri: callbackUrl(ctx) }) };
}

export interface OidcCallbackInput {
  code: string | undefined;
  state: string | undefined;
  /** the provider said no (the person cancelled) */
  error: string | undefined;
  cookieState: string | undefined;
  ip: string;
  replacesSessionId?: string | undefined;
}

export type OidcCallbackResult = { ok: true; user: UserRow; session: NewSession; returnTo: string } | { ok: false; refusal: OidcRefusal };

const sameState = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

export async function finishOidcLogin(ctx: AppContext, provider: OidcIdentityProvider, input: OidcCallbackInput): Promise<OidcCallbackResult> {
  const db = ctx.database.db;
  const fail = async (refusal: OidcRefusal, reason: string, userId: number | null = null): Promise<OidcCallbackResult> => {
    await recordAudit(db, { actorId: null, actorRole: null, action: 'auth.login_failed', targetType: 'user', targetId: userId, detail: { provider: provider.name, reason }, ip: input.ip });
    return { ok: false, refusal };
  };
  // the state must be the one this browser started with (CSRF of the callback), and unused
  if (!input.state || !input.cookieState || !sameState(input.state, input.cookieState)) return fail('OIDC_STATE', 'state_mismatch');
  const pending = await takePendingLogin(db, input.state, ctx.now());
  if (!pending) return fail('OIDC_STATE', 'state_unknown_or_expired');
  if (input.error) return fail('OIDC_DENIED', `provider_error:${input.error.slice(0, 50)}`);
  if (!input.code) return fail('OIDC_STATE', 'no_code');

  const result = await provider.authenticate({ code: input.code, codeVerifier: pending.code_verifier, nonce: pending.nonce, redirectUri: callbackUrl(ctx), now: ctx.now() });
  if (!result.ok) {
    const refusal = result.failure === 'provider_unavailable' ? 'OIDC_UNAVAILABLE' : 'OIDC_TOKEN';
    return fail(refusal, `${result.failure}${result.detail ? `:${result.detail}` : ''}`.slice(0, 200));
  }
  const linked = await linkExternalIdentity(ctx, result.identity, input.ip);
  if (!linked.ok) return fail('OIDC_NOT_LINKED', linked.reason);
  const user = linked.user;
  if (user.disabled) return fail('ACCOUNT_DISABLED', 'disabled', user.id);
  const session = await db.transaction().execute(async (tx) => {
    if (input.replacesSessionId) await deleteSession(tx, input.replacesSessionId);
    const s = await createSession(tx, user.id, ctx.now());
    await recordAudit(tx, { actorId: user.id, actorRole: user.role, action: 'auth.login', targetType: 'user', targetId: user.id, detail: { provider: provider.name, linked: linked.linked }, ip: input.ip });
    return s;
  });
  return { ok: true, user, session, returnTo: pending.return_to };
}
