// 我的办件: every application with its one overall status, newest first, and unsubmitted drafts.
import { useEffect, useState } from 'react';
import { api, asApiError, isAbort, type ApiError } from '../ui/api.ts';
import type { TApplicationSummary } from '@contract/cases.ts';
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
  usePageTitle(m('myApplicationsTitle'));

  useEffect(() => {
    const ctrl = new AbortController();
    api<TApplicationSummary[]>('GET', '/api/applications?limit=100', undefined, ctrl.signal)
      .then(setApps)
      .catch((err: unknown) => {
        if (!isAbort(err)) setError(asApiError(err));
      });
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
