// 办件进度查询: anyone with the receipt's application number and query code sees the status and the
// steps — no sign-in, and no personal data on the page.
import { useState, type FormEvent } from 'react';
import type { TProgressView } from '@contract/registration.ts';
import { api, asApiError, type ApiError } from '../ui/api.ts';
import { ErrorMessage } from '../ui/ErrorMessage.tsx';
import { formatDate, formatDateTime } from '../ui/format.ts';
import { useLocation } from '../ui/router.tsx';
import { usePageTitle } from '../ui/usePageTitle.ts';
import { useJoin } from './join-messages.ts';

export default function ProgressPage() {
  const { j, lang, pick } = useJoin();
  const { query } = useLocation();
  const [number, setNumber] = useState(query.get('number') ?? '');
  const [code, setCode] = useState('');
  const [result, setResult] = useState<TProgressView | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  usePageTitle(j('progressTitle'));

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      setResult(await api<TProgressView>('POST', '/api/progress', { number: number.trim(), code: code.trim() }));
    } catch (err) {
      setError(asApiError(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="page narrow">
      <h1>{j('progressTitle')}</h1>
      <p className="lead">{j('progressLead')}</p>
      <form className="form" onSubmit={onSubmit} noValidate>
        <div className="field">
          <label htmlFor="progress-number">{j('progressNumber')}</label>
          <p className="field-hint" id="progress-number-hint">{j('progressNumberHint')}</p>
          <input id="progress-number" name="number" type="text" autoComplete="off" value={number} onChange={(e) => setNumber(e.target.value)} aria-describedby="progress-number-hint" required />
        </div>
        <div className="field">
          <label htmlFor="progress-code">{j('progressCode')}</label>
          <p className="field-hint" id="progress-code-hint">{j('progressCodeHint')}</p>
          <input id="progress-code" name="code" type="text" inputMode="numeric" autoComplete="off" maxLength={10} value={code} onChange={(e) => setCode(e.target.value)} aria-describedby="progress-code-hint" required />
        </div>
        {error && <ErrorMessage error={error} />}
        <button type="submit" className="button primary" disabled={busy}>
          {busy ? j('progressSearching') : j('progressSubmit')}
        </button>
      </form>
      {result && (
        <section className="panel" aria-labelledby="progress-result">
          <h2 id="progress-result">{j('progressResult')}</h2>
          <dl className="facts">
            <div>
              <dt>{j('progressNumber')}</dt>
              <dd>{result.number}</dd>
            </div>
            <div>
              <dt>{j('progressTheme')}</dt>
              <dd>{pick(result.theme.zh, result.theme.en)}</dd>
            </div>
            <div>
              <dt>{j('progressStatus')}</dt>
              <dd>{pick(result.status.name.zh, result.status.name.en)}</dd>
            </div>
            <div>
              <dt>{j('progressSubmitted')}</dt>
              <dd>{formatDateTime(lang, result.submittedAt)}</dd>
            </div>
          </dl>
          <h3>{j('progressSteps', { n: result.steps.length })}</h3>
          <ol className="progress-steps">
            {result.steps.map((s, i) => (
              <li key={i}>
                <strong>{pick(s.matter.zh, s.matter.en)}</strong> — {pick(s.status.name.zh, s.status.name.en)}
                <br />
                <span className="muted">
                  {j('progressUnit')}：{pick(s.unit.zh, s.unit.en)}
                  {s.promisedAt && <> · {j('progressPromised', { date: formatDate(lang, s.promisedAt) })}</>}
                </span>
              </li>
            ))}
          </ol>
        </section>
      )}
    </div>
  );
}
