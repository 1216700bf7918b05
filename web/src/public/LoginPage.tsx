// Sign in (staff and demo accounts). After signing in, go where the visitor was heading (?next=).
import { useState, type FormEvent } from 'react';
import { asApiError, type ApiError } from '../ui/api.ts';
import { ErrorMessage } from '../ui/ErrorMessage.tsx';
import { usePrefs } from '../ui/prefs.tsx';
import { isCatalogAdmin, isStaffAdmin } from '../ui/roles.ts';
import { navigate, useLocation } from '../ui/router.tsx';
import { useSession } from '../ui/session.tsx';
import { usePageTitle } from '../ui/usePageTitle.ts';

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
  usePageTitle(t('loginTitle'));

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
      <p className="muted">{t('loginHint')}</p>
    </div>
  );
}
