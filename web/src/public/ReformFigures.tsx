// Reform figures (改革成效): each matter done on its own (before) vs the theme done once (after).
// A plain table carries the numbers; CSS bars only draw them (no chart library on citizen pages).
import type { TReform } from '@contract/guidance.ts';
import type { MessageKey } from '../ui/i18n.ts';
import { usePrefs } from '../ui/prefs.tsx';

const METRICS = ['matters', 'materials', 'fields', 'visits', 'days', 'forms'] as const;
/** what the headline sentence mentions when it went down */
const HEADLINE = ['materials', 'days', 'visits', 'forms'] as const;

function FiguresTable({ caption, reform }: { caption: string; reform: TReform }) {
  const { t } = usePrefs();
  return (
    <div className="table-wrap">
      <table className="figures" aria-describedby="reform-note">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('figure')}</th>
            <th scope="col">{t('before')}</th>
            <th scope="col">{t('after')}</th>
            <th scope="col">{t('change')}</th>
          </tr>
        </thead>
        <tbody>
          {METRICS.map((k) => {
            const before = reform.before[k];
            const after = reform.after[k];
            const max = Math.max(before, after, 1);
            const less = before - after;
            return (
              <tr key={k}>
                <th scope="row">
                  {t(`metric.${k}` as MessageKey)}
                  <span className="bars" aria-hidden="true">
                    <span className="bar bar-before" style={{ width: `${(before / max) * 100}%` }} />
                    <span className="bar bar-after" style={{ width: `${(after / max) * 100}%` }} />
                  </span>
                </th>
                <td>{before}</td>
                <td>{after}</td>
                <td className={less > 0 ? 'better' : undefined}>
                  {less > 0 ? (
                    <>
                      {t('less', { n: less })}
                      <span className="pct">{t('pct', { pct: Math.round((less / before) * 100) })}</span>
                    </>
                  ) : less < 0 ? (
                    `+${-less}`
                  ) : (
                    '—'
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

export function ReformFigures({ figures, themeFigures }: { figures: TReform; themeFigures: TReform }) {
  const { t } = usePrefs();
  const improved = HEADLINE.filter((k) => figures.after[k] < figures.before[k]);
  return (
    <section aria-labelledby="reform-title" className="reform">
      <h3 id="reform-title">{t('reformTitle')}</h3>
      {improved.length > 0 && (
        <p>
          {t('reformHeadline', {
            list: improved.map((k) => t(`reformLess.${k}`, { b: figures.before[k], a: figures.after[k] })).join(t('listSep')),
          })}
        </p>
      )}
      <p className="legend" aria-hidden="true">
        <span className="swatch bar-before" /> {t('before')} <span className="swatch bar-after" /> {t('after')}
      </p>
      <FiguresTable caption={t('reformSituation')} reform={figures} />
      <FiguresTable caption={t('reformTheme')} reform={themeFigures} />
      <p className="muted" id="reform-note">
        {t('reformNote')}
      </p>
    </section>
  );
}
