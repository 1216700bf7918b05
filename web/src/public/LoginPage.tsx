// Sign in (staff and demo accounts). After signing in, go where the visitor was heading (?next=).
import { useEffect, useState, type FormEvent } from 'react';
import type { TAuthOptions } from '@contract/registration.ts';
import { asApiError, type ApiError } from '../ui/api.ts';
import { ErrorMessage } from '../ui/ErrorMessage.tsx';
import { usePrefs } from '../ui/prefs.tsx';
import { isCatalogAdmin, isStaffAdmin } from '../ui/roles.ts';
import { Link, navigate, useLocation } from '../ui/router.tsx';
import { useSession } from '../ui/session.tsx';
import { usePageTitle } from '../ui/usePageTitle.ts';
import { api } from '../ui/api.ts';
import { isSigninRefusal, useJoin } from './join-messages.ts';

/** Only same-site paths: never send a visitor to another origin after login. */
function safeNext(next: string | null): string | null {
  return next && next.startsWith('/') && !next.startsWith('//') && next !== '/login' ? next : null;
}

export function LoginPage() {
  const { t } = usePrefs();
  const { user, login } = useSession();
  const { query } = useLocation();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const { j, pick } = useJoin();
  const [options, setOptions] = useState<TAuthOptions | null>(null);
  const refusal = query.get('signin');
  usePageTitle(t('loginTitle'));

  useEffect(() => {
    const ctrl = new AbortController();
    api<TAuthOptions>('GET', '/api/auth/options', undefined, ctrl.signal).then(setOptions, () => undefined);
    return () => ctrl.abort();
  }, []);
  const next = safeNext(query.get('next'));

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const s = await login(username.trim(), password);
      const u = s.user;
      const next = safeNext(query.get('next')) ?? (isCatalogAdmin(u.role) ? '/admin/catalog' : isStaffAdmin(u.role) ? '/admin/staff' : '/');
      // an initial or reset password is changed before anything else
      navigate(s.mustChangePassword ? `/change-password?next=${encodeURIComponent(next)}` : next);
    } catch (err) {
      setError(asApiError(err));
      setBusy(false);
    }
  };

  return (
    <div className="page narrow">
      <h1>{t('loginTitle')}</h1>
      {user && <p role="status">{t('signedInAs', { name: user.name })}</p>}
      {isSigninRefusal(refusal) && <p className="error-box" role="alert">{j(`signin.${refusal}`)}</p>}
      {options?.unifiedIdentity && (
        <div className="panel">
          <p>{j('unifiedHint')}</p>
          <a className="button primary" href={`${options.unifiedIdentity.startUrl}?returnTo=${encodeURIComponent(next ?? '/me/applications')}`}>
            {j('unifiedLogin', { name: pick(options.unifiedIdentity.name.zh, options.unifiedIdentity.name.en) })}
          </a>
          <p className="muted">{j('orUse')}</p>
        </div>
      )}
      <form className="form" onSubmit={onSubmit} noValidate>
        <div className="field">
          <label htmlFor="login-username">{t('username')}</label>
          <input
            id="login-username"
            name="username"
            autoComplete="username"
            value={username}
            onChange={(e) => setUsername(e.target.value)}
            required
            aria-invalid={error ? true : undefined}
          />
        </div>
        <div className="field">
          <label htmlFor="login-password">{t('password')}</label>
          <input
            id="login-password"
            name="password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            required
            aria-invalid={error ? true : undefined}
          />
        </div>
        {error && <ErrorMessage error={error} />}
        <button type="submit" className="button primary" disabled={busy}>
          {busy ? t('signingIn') : t('login')}
        </button>
      </form>
      <p>
        {j('noAccount')} <Link to={`/register${next ? `?next=${encodeURIComponent(next)}` : ''}`}>{j('goRegister')}</Link>
      </p>
      <p className="muted">{t('loginHint')}</p>
    </div>
  );
}
