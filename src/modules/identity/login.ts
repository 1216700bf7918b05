// Sign in: rate limit, authenticate with a provider, open a session; every outcome is audited.
import type { AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { createSession, deleteSession, type NewSession } from '../../platform/sessions.ts';
import { recordAudit } from '../audit/index.ts';
import type { IdentityProvider, PasswordCredentials } from './identity-provider.ts';
import { findUserByExternalSubject, findUserById, type UserRow } from './identity.repo.ts';
import { LoginLimiter } from './login-limiter.ts';

export const loginFailed = () =>
  new AppError('unauthenticated', 'LOGIN_FAILED', {
    // one message for unknown user and wrong password: the answer must not reveal which usernames exist
    zh: '用户名或密码错误',
    en: 'Wrong username or password',
  });

const rateLimited = (minutes: number) =>
  new AppError('too_many', 'LOGIN_RATE_LIMITED', {
    zh: `登录失败次数过多，请 ${minutes} 分钟后再试`,
    en: `Too many failed sign-ins; try again in ${minutes} minute${minutes === 1 ? '' : 's'}`,
  });

const accountDisabled = () =>
  new AppError('forbidden', 'ACCOUNT_DISABLED', { zh: '该账号已停用，请联系管理员', en: 'This account is disabled; contact the administrator' });

export interface LoginInput extends PasswordCredentials {
  ip: string;
  /** the session this browser already had: signing in again (or as someone else) ends it */
  replacesSessionId?: string | undefined;
}

export interface LoginDeps {
  provider: IdentityProvider<PasswordCredentials>;
  limiter: LoginLimiter;
}

export async function login(ctx: AppContext, deps: LoginDeps, input: LoginInput): Promise<{ user: UserRow; session: NewSession }> {
  const db = ctx.database.db;
  const key = LoginLimiter.key(input.ip, input.username);
  // Refused attempts are not audited one by one: the failures that led here already are, and a
  // flood must not be able to flood the audit trail as well.
  const wait = deps.limiter.retryAfterMs(key, ctx.now().getTime());
  if (wait > 0) throw rateLimited(Math.ceil(wait / 60_000));
  // Counted as a failure before the (slow) password check, so that a burst of parallel guesses
  // cannot all slip past the limit; a success clears the count again.
  deps.limiter.recordFailure(key, ctx.now().getTime());

  const fail = async (reason: string, userId: number | null) => {
    await recordAudit(db, {
      actorId: null,
      actorRole: null,
      action: 'auth.login_failed',
      targetType: 'user',
      targetId: userId,
      detail: { username: input.username.trim().toLowerCase(), reason, provider: deps.provider.name },
      ip: input.ip,
    });
  };

  const result = await deps.provider.authenticate(input);
  if (!result.ok) {
    await fail(result.failure, result.userId ?? null);
    throw loginFailed();
  }
  const { identity } = result;
  const user = identity.userId !== undefined ? await findUserById(db, identity.userId) : await findUserByExternalSubject(db, identity.subject);
  if (!user) {
    // a provider vouched for someone Yijian has no account for (OIDC: not yet linked)
    await fail('not_linked', null);
    throw loginFailed();
  }
  if (user.disabled) {
    await fail('disabled', user.id);
    throw accountDisabled();
  }
  deps.limiter.reset(key);
  const session = await db.transaction().execute(async (tx) => {
    if (input.replacesSessionId) await deleteSession(tx, input.replacesSessionId);
    const s = await createSession(tx, user.id, ctx.now());
    await recordAudit(tx, {
      actorId: user.id,
      actorRole: user.role,
      action: 'auth.login',
      targetType: 'user',
      targetId: user.id,
      detail: { provider: deps.provider.name },
      ip: input.ip,
    });
    return s;
  });
  return { user, session };
}
