// 一次告知: the one merged notice for the situation answered — matters and units, one materials
// list, the whole theme's time limit, fees, visits, and the reform figures.
import type { TThemeDetail } from '@contract/catalog-api.ts';
import type { TNotice } from '@contract/guidance.ts';
import { usePrefs } from '../ui/prefs.tsx';
import { isBrought, MaterialsList } from './MaterialsList.tsx';
import { ReformFigures } from './ReformFigures.tsx';

export type MatterName = (code: string) => string;

export function Notice({ notice, theme }: { notice: TNotice; theme: TThemeDetail }) {
  const { t, pick } = usePrefs();
  const names = new Map<string, string>(theme.matters.map((m) => [m.code, pick(m.name, m.nameEn)]));
  notice.matters.forEach((m) => names.set(m.code, pick(m.name.zh, m.name.en)));
  const matterName: MatterName = (code) => names.get(code) ?? code;
  const { timeLimit, visits, fees } = notice;
  const toBring = notice.materials.filter(isBrought).length;

  return (
    <section className="notice" aria-labelledby="notice-title">
      <h2 id="notice-title">{t('noticeTitle')}</h2>
      <p className="lead">{t('noticeLead')}</p>

      <ul className="headline" aria-label={t('noticeSummary')}>
        <li>
          <span className="big">{notice.matters.length}</span> {t('unitMatters', { n: notice.matters.length })}
        </li>
        <li>
          <span className="big">{toBring}</span> {t('unitToBring', { n: toBring })}
        </li>
        <li>
          <span className="big">{timeLimit.workdays}</span> {t('unitWorkdays', { n: timeLimit.workdays })}
        </li>
        <li>
          {visits.count === 0 ? (
            <span className="big">{t('zeroVisits')}</span>
          ) : (
            <>
              <span className="big">{visits.count}</span> {t('unitVisits', { n: visits.count })}
            </>
          )}
        </li>
      </ul>

      <section aria-labelledby="notice-matters">
        <h3 id="notice-matters">{t('noticeMatters', { n: notice.matters.length })}</h3>
        <ol className="matter-list">
          {notice.matters.map((m) => (
            <li key={m.code}>
              <span className="matter-name">{pick(m.name.zh, m.name.en)}</span>
              <span className="unit">{pick(m.unit.name.zh, m.unit.name.en)}</span>
              <span className="tags">
                <span className="tag">
                  {m.caseType === 'immediate' ? t('caseImmediate') : t('casePromised', { n: m.promisedDays })}
                </span>
                {m.needs.length > 0 && <span className="tag tag-info">{t('needs', { list: m.needs.map(matterName).join(t('listSep')) })}</span>}
              </span>
            </li>
          ))}
        </ol>
      </section>

      <MaterialsList materials={notice.materials} matterName={matterName} />

      <section aria-labelledby="notice-time">
        <h3 id="notice-time">{t('timeTitle')}</h3>
        <p>
          <span className="big">{t('nWorkdays', { n: timeLimit.workdays })}</span>
          {timeLimit.legalWorkdays > timeLimit.workdays && <> {t('legalWorkdays', { n: timeLimit.legalWorkdays })}</>}
        </p>
        {timeLimit.path.length > 0 && <p className="muted">{t('criticalPath', { path: timeLimit.path.map(matterName).join(' → ') })}</p>}
      </section>

      <section aria-labelledby="notice-fees">
        <h3 id="notice-fees">{t('feesTitle')}</h3>
        {fees.length === 0 ? (
          <p>
            <span className="big">{t('free')}</span>
          </p>
        ) : (
          <ul className="plain-list">
            {fees.map((f, i) => (
              <li key={`${f.matter}-${i}`}>
                <strong lang="zh-CN">{f.name}</strong>
                {t('feeFor', { matter: matterName(f.matter) })}
                <span lang="zh-CN">{f.standard}</span>
                {f.reducible && <span className="tag tag-ok">{t('feeReducible')}</span>}
                {f.basis && (
                  <span className="muted block">
                    {t('feeBasis', { basis: '' })}
                    <span lang="zh-CN">{f.basis}</span>
                  </span>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="notice-visits">
        <h3 id="notice-visits">{t('visitsTitle')}</h3>
        {visits.count === 0 ? (
          <p>
            <span className="big">{t('zeroVisits')}</span> {t('zeroVisitsText')}
          </p>
        ) : (
          <>
            <p>
              <span className="big">{t('nVisits', { n: visits.count })}</span>
            </p>
            {visits.reasons.length > 0 && (
              <ul className="plain-list">
                {visits.reasons.map((r) => (
                  <li key={r} lang="zh-CN">
                    {r}
                  </li>
                ))}
              </ul>
            )}
          </>
        )}
      </section>

      <ReformFigures figures={notice.figures} themeFigures={notice.themeFigures} />
    </section>
  );
}
