// A theme (一件事): what it bundles, the guidance questions (情形引导), then the one notice (一次告知).
import { useCallback, useEffect, useRef, useState } from 'react';
import { api, asApiError, isAbort, type ApiError } from '../ui/api.ts';
import type { TThemeDetail } from '@contract/catalog-api.ts';
import type { TNotice } from '@contract/guidance.ts';
import { ErrorMessage } from '../ui/ErrorMessage.tsx';
import { formatDate } from '../ui/format.ts';
import { usePrefs } from '../ui/prefs.tsx';
import { isApplicant } from '../ui/roles.ts';
import { Link } from '../ui/router.tsx';
import { useSession } from '../ui/session.tsx';
import { usePageTitle } from '../ui/usePageTitle.ts';
import { Guidance, type Answers } from './Guidance.tsx';
import { applyPath } from './apply-path.ts';
import { Notice } from './Notice.tsx';
import { leadUnitOf } from './ThemeCard.tsx';

export function ThemePage({ code }: { code: string }) {
  const { t, lang, pick } = usePrefs();
  const { user } = useSession();
  const [theme, setTheme] = useState<TThemeDetail | null>(null);
  const [notice, setNotice] = useState<TNotice | null>(null);
  const [answers, setAnswers] = useState<Answers>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const requestSeq = useRef(0);
  usePageTitle(theme ? pick(theme.name, theme.nameEn) : undefined);

  useEffect(() => {
    const ctrl = new AbortController();
    api<TThemeDetail>('GET', `/api/themes/${encodeURIComponent(code)}`, undefined, ctrl.signal)
      .then(setTheme)
      .catch((err: unknown) => {
        if (!isAbort(err)) setError(asApiError(err));
      });
    return () => ctrl.abort();
  }, [code]);

  // every change of the answers asks for the notice again; only the latest answer counts
  const ask = useCallback(
    (next: Answers) => {
      const seq = ++requestSeq.current;
      setBusy(true);
      api<TNotice>('POST', `/api/themes/${encodeURIComponent(code)}/notice`, { answers: next })
        .then((n) => {
          if (seq !== requestSeq.current) return;
          setNotice(n);
          setError(null);
        })
        .catch((err: unknown) => {
          if (seq === requestSeq.current) setError(asApiError(err));
        })
        .finally(() => {
          if (seq === requestSeq.current) setBusy(false);
        });
    },
    [code],
  );

  useEffect(() => ask({}), [ask]);

  const answer = (question: string, options: string[]) => {
    const next = { ...answers, [question]: options };
    setAnswers(next);
    ask(next);
  };
  const restart = () => {
    setAnswers({});
    ask({});
  };

  if (!theme)
    return (
      <div className="page">
        {error ? (
          <>
            <h1>{t('themeUnavailable')}</h1>
            <ErrorMessage error={error} />
            <p>
              <Link to="/">{t('backToThemes')}</Link>
            </p>
          </>
        ) : (
          <p role="status">{t('loading')}</p>
        )}
      </div>
    );

  return (
    <div className="page">
      <p className="breadcrumb">
        <Link to="/">{t('backToThemes')}</Link>
      </p>
      <h1>{pick(theme.name, theme.nameEn)}</h1>
      <p className="lead">{pick(theme.summary, theme.summaryEn)}</p>
      <dl className="facts inline">
        <div>
          <dt>{t('lifecycleLabel')}</dt>
          <dd>{t(`lifecycle.${theme.lifecycle}`)}</dd>
        </div>
        <div>
          <dt>{t('leadUnit')}</dt>
          <dd>{leadUnitOf(theme, lang)}</dd>
        </div>
        <div>
          <dt>{t('targetDate')}</dt>
          <dd>{t('byDate', { date: formatDate(lang, theme.targetDate) })}</dd>
        </div>
      </dl>

      <section className="panel" aria-labelledby="theme-matters">
        <h2 id="theme-matters">{t('themeMattersTitle', { n: theme.matters.length })}</h2>
        <ol className="matter-list">
          {theme.matters.map((m) => (
            <li key={m.code}>
              <span className="matter-name">{pick(m.name, m.nameEn)}</span>
              <span className="unit">{pick(m.unit, m.unitEn)}</span>
            </li>
          ))}
        </ol>
      </section>

      <section className="panel" aria-labelledby="guidance-title" aria-busy={busy}>
        <h2 id="guidance-title">{t('guidanceTitle')}</h2>
        {notice && notice.questions.length > 0 && <p>{t('guidanceIntro')}</p>}
        {error && <ErrorMessage error={error} />}
        {notice && <Guidance notice={notice} answers={answers} onAnswer={answer} onRestart={restart} />}
      </section>

      {notice?.complete && <Notice notice={notice} theme={theme} />}

      {notice?.complete && (user === null || (user && isApplicant(user.role))) && (
        <section className="panel apply-action" aria-labelledby="apply-action-title">
          <h2 id="apply-action-title">{t('applyActionTitle')}</h2>
          <p>{user ? t('applyActionText') : t('applyActionLoginText')}</p>
          <p>
            <Link
              className="button primary"
              to={user ? applyPath(code, answers) : `/login?next=${encodeURIComponent(applyPath(code, answers))}`}
            >
              {user ? t('applyAction') : t('applyActionLogin')}
            </Link>
          </p>
        </section>
      )}
    </div>
  );
}
