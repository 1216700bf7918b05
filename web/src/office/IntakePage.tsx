// One intake of the counter: for whom, what, how it came in and its state; while it waits, the
// citizen can confirm here with the SMS code.
import { Alert, Descriptions, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { api, asApiError, isAbort, type ApiError } from '../ui/api.ts';
import { ErrorMessage } from '../ui/ErrorMessage.tsx';
import { formatDateTime } from '../ui/format.ts';
import { usePrefs } from '../ui/prefs.tsx';
import { Link } from '../ui/router.tsx';
import { usePageTitle } from '../ui/usePageTitle.ts';
import { ConfirmByCode } from './ConfirmByCode.tsx';
import { useOfficeT, type OfficeKey } from './messages.ts';
import type { TApplicationSummary } from '@contract/cases.ts';
import type { TCounterIntakeView as TCounterIntake } from '@contract/counter.ts';

export function IntakePage({ id }: { id: string }) {
  const t = useOfficeT();
  const { lang, pick } = usePrefs();
  const [intake, setIntake] = useState<TCounterIntake | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [confirmed, setConfirmed] = useState<TApplicationSummary | null>(null);
  usePageTitle(t('intakeOf', { name: intake?.applicant.name ?? '' }));

  useEffect(() => {
    const ctrl = new AbortController();
    api<TCounterIntake>('GET', `/api/counter/applications/${encodeURIComponent(id)}`, undefined, ctrl.signal)
      .then(setIntake)
      .catch((err: unknown) => {
        if (!isAbort(err)) setError(asApiError(err));
      });
    return () => ctrl.abort();
  }, [id, confirmed]);

  const back = (
    <p>
      <Link to="/counter">{t('backToCounter')}</Link>
    </p>
  );
  if (!intake) return <>{back}{error ? <ErrorMessage error={error} /> : <p role="status">{t('loading')}</p>}</>;

  const s = intake.summary;
  return (
    <>
      {back}
      <h1 className="admin-h1">{t('intakeOf', { name: intake.applicant.name })}</h1>
      <div aria-live="polite">{confirmed && <Alert type="success" role="status" title={t('confirmedApp', { number: confirmed.number })} />}</div>
      <Descriptions
        bordered
        size="small"
        column={1}
        items={[
          { key: 'theme', label: t('colTheme'), children: pick(intake.themeName.zh, intake.themeName.en) },
          { key: 'status', label: t('colStatus'), children: <Tag className="tag-plain">{t(`intake.${intake.status}` as OfficeKey)}</Tag> },
          { key: 'channel', label: t('colChannel'), children: `${t(`channel.${intake.channel}` as OfficeKey)}${intake.onBehalfReason ? `：${intake.onBehalfReason}` : ''}` },
          { key: 'created', label: t('colCreated'), children: formatDateTime(lang, intake.createdAt) },
          ...(intake.confirmation ? [{ key: 'confirmed', label: t('confirmedAt'), children: `${formatDateTime(lang, intake.confirmation.at)}（${t(intake.confirmation.method === 'code' ? 'byCode' : 'byAccount')}）` }] : []),
          ...(intake.declined ? [{ key: 'declined', label: t('intake.declined'), children: `${formatDateTime(lang, intake.declined.at)}${intake.declined.reason ? `：${intake.declined.reason}` : ''}` }] : []),
          ...(intake.application ? [{ key: 'app', label: t('colApplication'), children: intake.application.number }] : []),
        ]}
      />
      {s && (
        <>
          <h2>{t('confirmMatters')}</h2>
          <ul className="office-list">
            {s.matters.map((m) => (
              <li key={m.code}>{pick(m.name.zh, m.name.en)}</li>
            ))}
          </ul>
          {s.values.length > 0 && (
            <>
              <h2>{t('confirmValues')}</h2>
              <Descriptions bordered size="small" column={1} items={s.values.map((v) => ({ key: v.code, label: pick(v.label.zh, v.label.en), children: v.value }))} />
            </>
          )}
        </>
      )}
      {intake.status === 'awaiting-confirmation' && !confirmed && <ConfirmByCode intakeId={intake.id} codeSentTo={intake.codeSentTo} onConfirmed={setConfirmed} />}
    </>
  );
}
