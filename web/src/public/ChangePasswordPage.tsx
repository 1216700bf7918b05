// 修改密码. After an admin created the account or reset its password, this is the only page the person
// sees (the server answers 403 PASSWORD_CHANGE_REQUIRED to everything else) until it is changed.
import { useState, type FormEvent } from 'react';
import { api, asApiError, type ApiError } from '../ui/api.ts';
import { ErrorMessage } from '../ui/ErrorMessage.tsx';
import { usePrefs } from '../ui/prefs.tsx';
import { navigate, useLocation } from '../ui/router.tsx';
import { useSession } from '../ui/session.tsx';
import { usePageTitle } from '../ui/usePageTitle.ts';

function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') && next !== '/change-password' ? next : '/';
}

export function ChangePasswordPage() {
  const { t } = usePrefs();
  const { user, mustChangePassword, passwordChanged } = useSession();
  const { query } = useLocation();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [mismatch, setMismatch] = useState(false);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  usePageTitle(t('pwTitle'));

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setMismatch(next !== repeat);
    if (next !== repeat) return;
    setBusy(true);
    try {
      await api('POST', '/api/auth/password', { currentPassword: current, newPassword: next });
      passwordChanged();
      setDone(true);
      navigate(safeNext(query.get('next')));
    } catch (err) {
      setError(asApiError(err));
    } finally {
      setBusy(false);
    }
  };

  if (user === null)
    return (
      <div className="page narrow">
        <h1>{t('pwTitle')}</h1>
        <p>{t('loginHint')}</p>
      </div>
    );

  return (
    <div className="page narrow">
      <h1>{t('pwTitle')}</h1>
      <p>{mustChangePassword ? t('pwForcedLead') : t('pwLead')}</p>
      {done && <p role="status">{t('pwDone')}</p>}
      <form className="form" onSubmit={onSubmit} noValidate>
        <div className="field">
          <label htmlFor="pw-current">{t('pwCurrent')}</label>
          <input id="pw-current" type="password" autoComplete="current-password" value={current} onChange={(e) => setCurrent(e.target.value)} required />
        </div>
        <div className="field">
          <label htmlFor="pw-new">{t('pwNew')}</label>
          <input id="pw-new" type="password" autoComplete="new-password" aria-describedby="pw-new-hint" value={next} onChange={(e) => setNext(e.target.value)} required />
          <p id="pw-new-hint" className="muted">
            {t('pwNewHint')}
          </p>
        </div>
        <div className="field">
          <label htmlFor="pw-repeat">{t('pwRepeat')}</label>
          <input id="pw-repeat" type="password" autoComplete="new-password" value={repeat} onChange={(e) => setRepeat(e.target.value)} required aria-invalid={mismatch ? true : undefined} />
        </div>
        {mismatch && (
          <p className="error-box" role="alert">
            {t('pwMismatch')}
          </p>
        )}
        {error && <ErrorMessage error={error} />}
        <button type="submit" className="button primary" disabled={busy}>
          {busy ? t('pwSaving') : t('pwSubmit')}
        </button>
      </form>
    </div>
  );
}
