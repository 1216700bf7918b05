// 我的办件: first what waits for the applicant (applications counter staff took in for them to confirm,
// supplements a unit asked for), then every application with its one overall status, newest first,
// and unsubmitted drafts.
import { useEffect, useState } from 'react';
import { api, asApiError, isAbort, type ApiError } from '../ui/api.ts';
import type { TApplicationSummary, TAwaitingApplicant } from '@contract/cases.ts';
import type { TConfirmationView } from '@contract/counter.ts';
import type { TThemeSummary } from '@contract/catalog-api.ts';
import { ErrorMessage } from '../ui/ErrorMessage.tsx';
import { formatDateTime } from '../ui/format.ts';
import { Link } from '../ui/router.tsx';
import { usePageTitle } from '../ui/usePageTitle.ts';
import { useMe } from './messages.ts';
import { StatusTag } from './StatusTag.tsx';

interface DraftRow {
  themeCode: string;
  updatedAt: string;
}

export function ApplicationsPage() {
  const { m, t, pick, lang } = useMe();
  const [apps, setApps] = useState<TApplicationSummary[] | null>(null);
  const [drafts, setDrafts] = useState<DraftRow[]>([]);
  const [themes, setThemes] = useState<Map<string, TThemeSummary>>(new Map());
  const [error, setError] = useState<ApiError | null>(null);
  const [confirmations, setConfirmations] = useState<TConfirmationView[]>([]);
  const [supplements, setSupplements] = useState<TAwaitingApplicant>([]);
  usePageTitle(m('myApplicationsTitle'));

  useEffect(() => {
    const ctrl = new AbortController();
    api<TApplicationSummary[]>('GET', '/api/applications?limit=100', undefined, ctrl.signal)
      .then(setApps)
      .catch((err: unknown) => {
        if (!isAbort(err)) setError(asApiError(err));
      });
    // an enterprise account has no confirmations (403): nothing to show
    api<TConfirmationView[]>('GET', '/api/me/confirmations', undefined, ctrl.signal)
      .then(setConfirmations)
      .catch(() => undefined);
    api<TAwaitingApplicant>('GET', '/api/applications/awaiting-me', undefined, ctrl.signal)
      .then(setSupplements)
      .catch(() => undefined);
    api<DraftRow[]>('GET', '/api/drafts', undefined, ctrl.signal)
      .then(setDrafts)
      .catch(() => undefined);
    api<TThemeSummary[]>('GET', '/api/themes', undefined, ctrl.signal)
      .then((list) => setThemes(new Map(list.map((x) => [x.code, x]))))
      .catch(() => undefined);
    return () => ctrl.abort();
  }, []);

  const themeName = (code: string) => {
    const th = themes.get(code);
    return th ? pick(th.name, th.nameEn) : code;
  };

  return (
    <div className="page">
      <h1>{m('myApplicationsTitle')}</h1>
      {error && <ErrorMessage error={error} />}
      {confirmations.length + supplements.length > 0 && (
        <section className="panel waiting-for-you" aria-labelledby="waiting-title">
          <h2 id="waiting-title">{m('waitingTitle', { n: confirmations.length + supplements.length })}</h2>
          <ul className="plain-list">
            {confirmations.map((c) => (
              <li key={c.id}>
                <span className="matter-name">{pick(c.themeName.zh, c.themeName.en)}</span>{' '}
                {m('waitingConfirmation', { staff: c.staffName, time: formatDateTime(lang, c.expiresAt) })}{' '}
                <Link to="/me/confirmations">{m('waitingConfirm')}</Link>
              </li>
            ))}
            {supplements.map((s) => (
              <li key={s.subcaseId}>
                <span className="matter-name">{s.matterName}</span>{' '}
                {m('waitingSupplement', { theme: themeName(s.themeCode), number: s.number })}{' '}
                <Link to={`/me/applications/${encodeURIComponent(s.applicationId)}`}>{m('waitingAnswer')}</Link>
              </li>
            ))}
          </ul>
        </section>
      )}
      {drafts.length > 0 && (
        <section className="panel" aria-labelledby="drafts-title">
          <h2 id="drafts-title">{m('drafts')}</h2>
          <ul className="plain-list">
            {drafts.map((d) => (
              <li key={d.themeCode}>
                <span className="matter-name">{themeName(d.themeCode)}</span>{' '}
                <Link to={`/themes/${encodeURIComponent(d.themeCode)}/apply`}>{m('draftContinue', { time: formatDateTime(lang, d.updatedAt) })}</Link>
              </li>
            ))}
          </ul>
        </section>
      )}
      {!apps && !error && <p role="status">{t('loading')}</p>}
      {apps && (
        <>
          <p role="status">{apps.length === 0 ? m('myApplicationsNone') : m('myApplicationsCount', { n: apps.length })}</p>
          <ul className="app-list plain-list">
            {apps.map((a) => (
              <li key={a.id} className="panel app-item">
                <h2 className="app-title">
                  <Link to={`/me/applications/${encodeURIComponent(a.id)}`}>{themeName(a.themeCode)}</Link>
                </h2>
                {supplements.some((s) => s.applicationId === a.id) && <p className="tag tag-strong waiting-tag">{m('waitingTag')}</p>}
                <dl className="facts inline">
                  <div>
                    <dt>{m('overallStatus')}</dt>
                    <dd>
                      <StatusTag status={a.status} />
                    </dd>
                  </div>
                  <div>
                    <dt>{m('appNumber')}</dt>
                    <dd>{a.number}</dd>
                  </div>
                  <div>
                    <dt>{m('submittedAt')}</dt>
                    <dd>{formatDateTime(lang, a.createdAt)}</dd>
                  </div>
                </dl>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
