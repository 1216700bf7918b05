// /me/confirmations: applications counter staff made for the signed-in citizen, waiting for their
// confirmation (a recorded confirmation). Citizen side: no Ant Design, the site's own components.
import { WAITING_CHANGED } from '../ui/Layout.tsx';
import { useEffect, useState } from 'react';
import { api, asApiError, isAbort, type ApiError } from '../ui/api.ts';
import { ErrorMessage } from '../ui/ErrorMessage.tsx';
import { formatDateTime } from '../ui/format.ts';
import { usePrefs } from '../ui/prefs.tsx';
import { isApplicant } from '../ui/roles.ts';
import { Link } from '../ui/router.tsx';
import { useSession } from '../ui/session.tsx';
import { usePageTitle } from '../ui/usePageTitle.ts';
import { useOfficeT, type OfficeKey } from './messages.ts';
import type { TApplicationSummary } from '@contract/cases.ts';
import type { TConfirmationView as TConfirmation } from '@contract/counter.ts';

type Outcome = { kind: 'confirmed'; app: TApplicationSummary } | { kind: 'declined' };

function ConfirmationCard({ c, onOutcome }: { c: TConfirmation; onOutcome: (o: Outcome) => void }) {
  const t = useOfficeT();
  const { lang, pick } = usePrefs();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const titleId = `conf-${c.id}`;

  const act = async (what: 'confirm' | 'decline') => {
    setBusy(true);
    setError(null);
    try {
      if (what === 'confirm') onOutcome({ kind: 'confirmed', app: await api<TApplicationSummary>('POST', `/api/me/confirmations/${encodeURIComponent(c.id)}/confirm`, {}) });
      else {
        await api('POST', `/api/me/confirmations/${encodeURIComponent(c.id)}/decline`, reason.trim() ? { reason: reason.trim() } : {});
        onOutcome({ kind: 'declined' });
      }
      window.dispatchEvent(new Event(WAITING_CHANGED)); // the menu's count of what waits
    } catch (err) {
      setError(asApiError(err));
      setBusy(false);
    }
  };

  return (
    <article className="notice block" aria-labelledby={titleId}>
      <h2 id={titleId}>{pick(c.themeName.zh, c.themeName.en)}</h2>
      <p className="muted">
        {t('madeBy', { staff: c.unitName ? `${c.staffName}（${pick(c.unitName.zh, c.unitName.en)}）` : c.staffName })}
        <br />
        {t('madeAt', { time: formatDateTime(lang, c.createdAt) })}
        {c.channel && (
          <>
            <br />
            {t(`channel.${c.channel}` as OfficeKey)}
            {c.onBehalfReason && `：${c.onBehalfReason}`}
          </>
        )}
      </p>
      <h3>{t('confirmMatters')}</h3>
      <ul className="plain-list">
        {c.summary.matters.map((m) => (
          <li key={m.code}>{pick(m.name.zh, m.name.en)}</li>
        ))}
      </ul>
      {c.summary.values.length > 0 && (
        <>
          <h3>{t('confirmValues')}</h3>
          <dl className="facts">
            {c.summary.values.map((v) => (
              <div key={v.code}>
                <dt>{pick(v.label.zh, v.label.en)}</dt>
                <dd>{v.value}</dd>
              </div>
            ))}
          </dl>
        </>
      )}
      {error && <ErrorMessage error={error} />}
      <div className="form">
        <button type="button" className="button primary" disabled={busy} onClick={() => void act('confirm')}>
          {t('confirmThis')}
        </button>
        <div className="field">
          <label htmlFor={`decline-${c.id}`}>{t('declineReason')}</label>
          <input id={`decline-${c.id}`} value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} />
        </div>
        <button type="button" className="button" disabled={busy} onClick={() => void act('decline')}>
          {t('decline')}
        </button>
      </div>
    </article>
  );
}

export default function ConfirmationsPage() {
  const t = useOfficeT();
  const { user } = useSession();
  const [items, setItems] = useState<TConfirmation[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [outcomes, setOutcomes] = useState<Record<string, Outcome>>({});
  usePageTitle(t('confirmationsTitle'));

  const allowed = !!user && isApplicant(user.role);
  useEffect(() => {
    if (!allowed) return;
    const ctrl = new AbortController();
    api<TConfirmation[]>('GET', '/api/me/confirmations', undefined, ctrl.signal)
      .then(setItems)
      .catch((err: unknown) => {
        if (!isAbort(err)) setError(asApiError(err));
      });
    return () => ctrl.abort();
  }, [allowed]);

  let body;
  if (user === undefined) body = <p role="status">{t('loading')}</p>;
  else if (user === null)
    body = (
      <p>
        {t('needLogin')} <Link to={`/login?next=${encodeURIComponent('/me/confirmations')}`}>{t('goLogin')}</Link>
      </p>
    );
  else if (!allowed) body = <p>{t('forbiddenCitizen')}</p>;
  else if (error) body = <ErrorMessage error={error} />;
  else if (items === null) body = <p role="status">{t('loading')}</p>;
  else
    body = (
      <>
        <div role="status">
          {Object.entries(outcomes).map(([id, o]) =>
            o.kind === 'confirmed' ? (
              <p key={id} className="notice">
                {t('confirmedMine', { number: o.app.number })} <Link to={`/me/applications/${o.app.id}`}>{t('viewApplication')}</Link>
              </p>
            ) : (
              <p key={id} className="notice">
                {t('declined')}
              </p>
            ),
          )}
        </div>
        {items.filter((c) => !outcomes[c.id]).length === 0 ? (
          <p>{t('noConfirmations')}</p>
        ) : (
          items.filter((c) => !outcomes[c.id]).map((c) => <ConfirmationCard key={c.id} c={c} onOutcome={(o) => setOutcomes((old) => ({ ...old, [c.id]: o }))} />)
        )}
      </>
    );

  return (
    <div className="page narrow">
      <h1>{t('confirmationsTitle')}</h1>
      <p className="lead">{t('confirmationsLead')}</p>
      {body}
    </div>
  );
}
