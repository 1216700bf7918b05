// The citizen at the counter reads out the SMS code: the intake becomes the application. A new code
// can be sent (the previous one stops working).
import { Alert, Button, Input } from 'antd';
import { useState } from 'react';
import { api, asApiError, type ApiError } from '../ui/api.ts';
import { ErrorMessage } from '../ui/ErrorMessage.tsx';
import { formatDateTime } from '../ui/format.ts';
import { usePrefs } from '../ui/prefs.tsx';
import { useOfficeT } from './messages.ts';
import type { TApplicationSummary } from '@contract/cases.ts';

export function ConfirmByCode({ intakeId, codeSentTo, onConfirmed }: { intakeId: string; codeSentTo: string | null | undefined; onConfirmed: (app: TApplicationSummary) => void }) {
  const t = useOfficeT();
  const { lang } = usePrefs();
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [sent, setSent] = useState<{ codeSentTo: string; codeExpiresAt: string } | null>(null);

  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      onConfirmed(await api<TApplicationSummary>('POST', `/api/counter/applications/${encodeURIComponent(intakeId)}/confirm-by-code`, { code: code.trim() }));
    } catch (err) {
      setError(asApiError(err));
    } finally {
      setBusy(false);
    }
  };

  const resend = async () => {
    setBusy(true);
    setError(null);
    try {
      setSent(await api<{ codeSentTo: string; codeExpiresAt: string }>('POST', `/api/counter/applications/${encodeURIComponent(intakeId)}/send-code`, {}));
      setCode('');
    } catch (err) {
      setError(asApiError(err));
    } finally {
      setBusy(false);
    }
  };

  const to = sent?.codeSentTo ?? codeSentTo;
  return (
    <form
      className="action-form"
      aria-labelledby="confirm-title"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void confirm();
      }}
    >
      <h2 id="confirm-title">{t('confirmByCode')}</h2>
      <p>{to ? t('codeSentTo', { phone: to }) : t('noPhone')}</p>
      <p>{t('codeHint')}</p>
      <div aria-live="polite">{sent && <Alert type="info" role="status" title={t('codeResent', { phone: sent.codeSentTo, time: formatDateTime(lang, sent.codeExpiresAt) })} />}</div>
      <div className="field">
        <label className="admin-label" htmlFor={`confirm-code-${intakeId}`}>
          {t('confirmCode')}
        </label>
        <Input id={`confirm-code-${intakeId}`} inputMode="numeric" autoComplete="one-time-code" maxLength={6} value={code} onChange={(e) => setCode(e.target.value)} className="code-input" />
      </div>
      {error && <ErrorMessage error={error} />}
      <div className="inline-controls">
        <Button type="primary" htmlType="submit" loading={busy}>
          {t('confirm')}
        </Button>
        {to && (
          <Button htmlType="button" onClick={() => void resend()} disabled={busy}>
            {t('resendCode')}
          </Button>
        )}
      </div>
    </form>
  );
}
