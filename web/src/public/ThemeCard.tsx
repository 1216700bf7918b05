// One theme on the home page: name (the link), lead unit, number of matters, target date.
import type { TThemeSummary } from '@contract/catalog-api.ts';
import { formatDate } from '../ui/format.ts';
import type { Lang } from '../ui/i18n.ts';
import { usePrefs } from '../ui/prefs.tsx';
import { Link } from '../ui/router.tsx';

/** The lead unit(s) of a theme in the visitor's language. */
export function leadUnitOf(theme: TThemeSummary, lang: Lang): string {
  return lang === 'en' ? theme.leadUnits.map((u) => u.nameEn).join(', ') || theme.leadUnit : theme.leadUnit;
}

export function ThemeCard({ theme }: { theme: TThemeSummary }) {
  const { t, lang, pick } = usePrefs();
  const leadUnit = leadUnitOf(theme, lang);
  return (
    <li className="theme-card">
      <h3>
        <Link to={`/themes/${encodeURIComponent(theme.code)}`} className="card-link">
          <span className="seq" aria-hidden="true">
            {theme.seq}
          </span>
          {pick(theme.name, theme.nameEn)}
        </Link>
      </h3>
      <dl className="facts">
        <div>
          <dt>{t('leadUnit')}</dt>
          <dd>{leadUnit}</dd>
        </div>
        <div>
          <dt>{t('matters')}</dt>
          <dd>{t('nMatters', { n: theme.matters.length })}</dd>
        </div>
        <div>
          <dt>{t('targetDate')}</dt>
          <dd>{t('byDate', { date: formatDate(lang, theme.targetDate) })}</dd>
        </div>
      </dl>
    </li>
  );
}
