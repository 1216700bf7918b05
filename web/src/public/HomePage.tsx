// Home: the 29 themes grouped by lifecycle (个人 / 企业 / 项目), with a search box.
import { useEffect, useState, type FormEvent } from 'react';
import { api, asApiError, isAbort, type ApiError } from '../ui/api.ts';
import type { TLifecycle, TThemeSummary } from '@contract/catalog-api.ts';
import { ErrorMessage } from '../ui/ErrorMessage.tsx';
import { usePrefs } from '../ui/prefs.tsx';
import { navigate, useLocation } from '../ui/router.tsx';
import { usePageTitle } from '../ui/usePageTitle.ts';
import { ThemeCard } from './ThemeCard.tsx';

const LIFECYCLES: TLifecycle[] = ['person', 'enterprise', 'project'];
const SEARCH_DELAY_MS = 300;

export function HomePage() {
  const { t } = usePrefs();
  const { query } = useLocation();
  const q = query.get('q') ?? '';
  const [text, setText] = useState(q);
  const [themes, setThemes] = useState<TThemeSummary[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  usePageTitle(undefined);

  // the URL holds the search, so it survives reloads and the back button
  useEffect(() => {
    const ctrl = new AbortController();
    setError(null);
    api<TThemeSummary[]>('GET', q ? `/api/themes?q=${encodeURIComponent(q)}` : '/api/themes', undefined, ctrl.signal)
      .then(setThemes)
      .catch((err: unknown) => {
        if (!isAbort(err)) setError(asApiError(err));
      });
    return () => ctrl.abort();
  }, [q]);

  const search = (value: string) => {
    const v = value.trim();
    if (v !== q) navigate(v ? `/?q=${encodeURIComponent(v)}` : '/', { replace: true });
  };

  // search while typing, a little after the last key
  useEffect(() => {
    const timer = window.setTimeout(() => search(text), SEARCH_DELAY_MS);
    return () => window.clearTimeout(timer);
  }, [text]); // only the typed text restarts the timer

  // back/forward changes the URL: show its search in the box
  useEffect(() => {
    setText((typed) => (typed.trim() === q ? typed : q));
  }, [q]);

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    search(text);
  };

  return (
    <div className="page">
      <section className="hero" aria-labelledby="home-title">
        <h1 id="home-title">{t('homeTitle')}</h1>
        <p className="lead">{t('homeLead')}</p>
        <form role="search" className="search" onSubmit={onSubmit}>
          <label htmlFor="theme-search">{t('searchLabel')}</label>
          <div className="search-row">
            <input
              id="theme-search"
              type="search"
              value={text}
              placeholder={t('searchPlaceholder')}
              onChange={(e) => setText(e.target.value)}
              autoComplete="off"
              enterKeyHint="search"
            />
            <button type="submit" className="button primary">
              {t('search')}
            </button>
          </div>
        </form>
      </section>

      {error && <ErrorMessage error={error} />}
      <p className="status" role="status">
        {themes === null
          ? t('loading')
          : q
            ? themes.length > 0
              ? t('searchFound', { n: themes.length, q })
              : t('searchNone', { q })
            : t('themesCount', { n: themes.length })}
      </p>

      {themes &&
        LIFECYCLES.map((lc) => {
          const list = themes.filter((th) => th.lifecycle === lc);
          if (list.length === 0) return null;
          return (
            <section key={lc} className="lifecycle" aria-labelledby={`lc-${lc}`}>
              <h2 id={`lc-${lc}`}>
                {t(`lifecycle.${lc}`)} <span className="count">{t('nThemes', { n: list.length })}</span>
              </h2>
              <ul className="theme-grid">
                {list.map((th) => (
                  <ThemeCard key={th.code} theme={th} />
                ))}
              </ul>
            </section>
          );
        })}
    </div>
  );
}
