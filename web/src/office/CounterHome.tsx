// The counter's start page: a new intake, and the staff member's intakes with their state.
import { Table, Tag, type TableColumnsType } from 'antd';
import { useEffect, useState } from 'react';
import { api, asApiError, isAbort, type ApiError } from '../ui/api.ts';
import { ErrorMessage } from '../ui/ErrorMessage.tsx';
import { formatDateTime } from '../ui/format.ts';
import { usePrefs } from '../ui/prefs.tsx';
import { Link } from '../ui/router.tsx';
import { usePageTitle } from '../ui/usePageTitle.ts';
import { useOfficeT, type OfficeKey } from './messages.ts';
import type { TCounterIntakeView as TCounterIntake } from '@contract/counter.ts';

export function CounterHome() {
  const t = useOfficeT();
  const { lang, pick } = usePrefs();
  const [items, setItems] = useState<TCounterIntake[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  usePageTitle(t('counterTitle'));

  useEffect(() => {
    const ctrl = new AbortController();
    api<TCounterIntake[] | { items: TCounterIntake[] }>('GET', '/api/counter/applications?limit=50', undefined, ctrl.signal)
      .then((r) => setItems(Array.isArray(r) ? r : r.items))
      .catch((err: unknown) => {
        if (!isAbort(err)) setError(asApiError(err));
      });
    return () => ctrl.abort();
  }, []);

  const columns: TableColumnsType<TCounterIntake> = [
    { title: t('colCreated'), key: 'created', render: (_, r) => formatDateTime(lang, r.createdAt) },
    { title: t('colApplicant'), key: 'applicant', render: (_, r) => r.applicant.name },
    { title: t('colTheme'), key: 'theme', render: (_, r) => <Link to={`/counter/intakes/${r.id}`}>{pick(r.themeName.zh, r.themeName.en)}</Link> },
    { title: t('colChannel'), key: 'channel', render: (_, r) => t(`channel.${r.channel}` as OfficeKey) },
    {
      title: t('colStatus'),
      key: 'status',
      render: (_, r) => <Tag className={r.status === 'confirmed' ? 'tag-ok-admin' : r.status === 'awaiting-confirmation' ? 'tag-near' : 'tag-plain'}>{t(`intake.${r.status}` as OfficeKey)}</Tag>,
    },
    { title: t('colApplication'), key: 'application', render: (_, r) => r.application?.number ?? '—' },
  ];

  return (
    <>
      <h1 className="admin-h1">{t('counterTitle')}</h1>
      <p className="lead">{t('counterLead')}</p>
      <p>
        <Link to="/counter/new" className="button primary">
          {t('newIntake')}
        </Link>
      </p>
      <h2>{t('myIntakes')}</h2>
      {error && <ErrorMessage error={error} />}
      <Table<TCounterIntake>
        rowKey="id"
        columns={columns}
        dataSource={items ?? []}
        loading={items === null && !error}
        pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
        scroll={{ x: true }}
        size="middle"
        locale={{ emptyText: t('noIntakes') }}
        className="intake-table"
      />
    </>
  );
}
