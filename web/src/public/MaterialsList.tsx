// The one merged materials list: what the applicant brings, and what Yijian fetches or passes on
// (e-certificate library, data sharing, results of earlier matters of the theme).
import type { TNoticeMaterial } from '@contract/guidance.ts';
import type { MessageKey } from '../ui/i18n.ts';
import { usePrefs } from '../ui/prefs.tsx';
import type { MatterName } from './Notice.tsx';

const BROUGHT: ReadonlySet<TNoticeMaterial['obtain']> = new Set(['applicant', 'issuedByUnit']);

/** The applicant hands it in (brought along, or issued to them by a unit); the rest Yijian fetches. */
export const isBrought = (m: TNoticeMaterial): boolean => BROUGHT.has(m.obtain);

function Material({ m, matterName }: { m: TNoticeMaterial; matterName: MatterName }) {
  const { t, pick } = usePrefs();
  const obtain =
    m.obtain === 'produced' && m.producedBy ? t('obtain.producedBy', { matter: matterName(m.producedBy) }) : t(`obtain.${m.obtain}` as MessageKey);
  return (
    <li className={`material obtain-${m.obtain}`}>
      <span className="material-name">{pick(m.name.zh, m.name.en)}</span>
      <span className="tags">
        <span className={`tag ${isBrought(m) ? 'tag-bring' : 'tag-ok'}`}>{obtain}</span>
        <span className={`tag ${m.required ? 'tag-strong' : ''}`}>{m.required ? t('required') : t('optional')}</span>
        {isBrought(m) && (
          <span className="tag">
            {t(`kind.${m.kind}` as MessageKey)}
            {m.copies > 0 && ` · ${t('copies', { n: m.copies })}`}
          </span>
        )}
        {m.allowMissing && <span className="tag tag-info">{t('allowMissing')}</span>}
        {m.allowCommitment && <span className="tag tag-info">{t('allowCommitment')}</span>}
      </span>
      {m.note && (
        <span className="muted block" lang="zh-CN">
          {m.note}
        </span>
      )}
      <span className="muted block">{t('forMatters', { list: m.matters.map(matterName).join(t('listSep')) })}</span>
    </li>
  );
}

export function MaterialsList({ materials, matterName }: { materials: TNoticeMaterial[]; matterName: MatterName }) {
  const { t } = usePrefs();
  const brought = materials.filter(isBrought);
  const fetched = materials.filter((m) => !isBrought(m));
  return (
    <section aria-labelledby="notice-materials">
      <h3 id="notice-materials">{t('materialsTitle', { n: materials.length })}</h3>
      <p>{t('materialsSummary', { total: materials.length, bring: brought.length, fetched: fetched.length })}</p>
      {brought.length > 0 && (
        <>
          <h4>{t('materialsToBring', { n: brought.length })}</h4>
          <ul className="material-list">
            {brought.map((m) => (
              <Material key={m.key} m={m} matterName={matterName} />
            ))}
          </ul>
        </>
      )}
      {fetched.length > 0 && (
        <>
          <h4>{t('materialsFetched', { n: fetched.length })}</h4>
          <ul className="material-list">
            {fetched.map((m) => (
              <Material key={m.key} m={m} matterName={matterName} />
            ))}
          </ul>
        </>
      )}
      <p className="muted">{t('badgeLegend')}</p>
    </section>
  );
}
