// Reform figures (改革成效): each matter done on its own (before) vs the theme done once (after).
// A plain table carries the numbers; CSS bars only draw them (no chart library on citizen pages).
import type { TReform } from '../ui/api-types.ts';
import type { MessageKey } from '../ui/i18n.ts';
import { usePrefs } from '../ui/prefs.tsx';

const METRICS = ['matters', 'materials', 'fields', 'visits', 'days', 'forms'] as const;

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
                  {less > 0 ? t('less', { n: less, pct: Math.round((less / before) * 100) }) : less < 0 ? `+${-less}` : '—'}
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
  return (
    <section aria-labelledby="reform-title" className="reform">
      <h3 id="reform-title">{t('reformTitle')}</h3>
      <p>
        {t('reformHeadline', {
          mb: figures.before.materials,
          ma: figures.after.materials,
          db: figures.before.days,
          da: figures.after.days,
          vb: figures.before.visits,
          va: figures.after.visits,
        })}
      </p>
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
