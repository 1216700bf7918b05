// The catalog: matters and themes with their published version and whether the draft has changes
// not yet published; a filter box over code and name.
import { Input, Table, Tabs, Tag, type TableColumnsType } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { api, asApiError, type ApiError } from '../ui/api.ts';
import type { TMatterRow, TThemeRow } from '@contract/catalog-api.ts';
import { ErrorMessage } from '../ui/ErrorMessage.tsx';
import { formatDateTime } from '../ui/format.ts';
import { usePrefs } from '../ui/prefs.tsx';
import { Link, navigate, useLocation } from '../ui/router.tsx';
import { usePageTitle } from '../ui/usePageTitle.ts';
import { useAdminT, type AdminKey } from './messages.ts';
import { PublishState } from './PublishState.tsx';

type Row = TMatterRow | TThemeRow;

function matches(row: Row, filter: string): boolean {
  const f = filter.trim().toLowerCase();
  return !f || row.code.toLowerCase().includes(f) || row.name.toLowerCase().includes(f);
}

export function CatalogList() {
  const t = useAdminT();
  const { lang } = usePrefs();
  const { query } = useLocation();
  const tab = query.get('tab') === 'themes' ? 'themes' : 'matters';
  const [matters, setMatters] = useState<TMatterRow[] | null>(null);
  const [themes, setThemes] = useState<TThemeRow[] | null>(null);
  const [filter, setFilter] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  usePageTitle(t('catalogTitle'));

  useEffect(() => {
    Promise.all([api<TMatterRow[]>('GET', '/api/admin/catalog/matters'), api<TThemeRow[]>('GET', '/api/admin/catalog/themes')])
      .then(([m, th]) => {
        setMatters(m);
        setThemes(th);
      })
      .catch((err: unknown) => setError(asApiError(err)));
  }, []);

  const common = useMemo(
    () => ({
      code: { title: t('colCode'), dataIndex: 'code', key: 'code', render: (code: string) => <code>{code}</code> },
      published: {
        title: t('colStatus'),
        key: 'status',
        render: (_: unknown, r: Row) => <PublishState version={r.publishedVersion} changes={r.unpublishedChanges} />,
      },
      updated: { title: t('colUpdated'), key: 'updated', render: (_: unknown, r: Row) => formatDateTime(lang, r.draftUpdatedAt) },
    }),
    [t, lang],
  );

  const matterColumns: TableColumnsType<TMatterRow> = [
    common.code,
    { title: t('colName'), key: 'name', render: (_, r) => <Link to={`/admin/catalog/matters/${r.code}`}>{r.name}</Link> },
    { title: t('colUnit'), dataIndex: 'unitCode', key: 'unit', render: (unit: string) => <code>{unit}</code> },
    common.published,
    common.updated,
  ];
  const themeColumns: TableColumnsType<TThemeRow> = [
    { title: t('colSeq'), dataIndex: 'seq', key: 'seq', width: 64 },
    { title: t('colName'), key: 'name', render: (_, r) => <Link to={`/admin/catalog/themes/${r.code}`}>{r.name}</Link> },
    { title: t('colLifecycle'), key: 'lifecycle', render: (_, r) => <Tag>{t(`lifecycle_${r.lifecycle}` as AdminKey)}</Tag> },
    common.code,
    common.published,
    common.updated,
  ];

  const shownMatters = (matters ?? []).filter((r) => matches(r, filter));
  const shownThemes = (themes ?? []).filter((r) => matches(r, filter));
  const pagination = { pageSize: 20, showSizeChanger: false, hideOnSinglePage: true } as const;

  return (
    <>
      <h1 className="admin-h1">{t('catalogTitle')}</h1>
      <p className="lead">{t('catalogLead')}</p>
      {error && <ErrorMessage error={error} />}
      <div className="admin-filter">
        <label htmlFor="catalog-filter">{t('filterLabel')}</label>
        <Input id="catalog-filter" value={filter} onChange={(e) => setFilter(e.target.value)} placeholder={t('filterPlaceholder')} />
      </div>
      <Tabs
        activeKey={tab}
        onChange={(k) => navigate(k === 'themes' ? '/admin/catalog?tab=themes' : '/admin/catalog', { replace: true })}
        items={[
          {
            key: 'matters',
            label: t('tabMatters', { n: shownMatters.length }),
            children: (
              <Table<TMatterRow> rowKey="code" columns={matterColumns} dataSource={shownMatters} loading={matters === null} pagination={pagination} scroll={{ x: true }} size="middle" />
            ),
          },
          {
            key: 'themes',
            label: t('tabThemes', { n: shownThemes.length }),
            children: (
              <Table<TThemeRow> rowKey="code" columns={themeColumns} dataSource={shownThemes} loading={themes === null} pagination={pagination} scroll={{ x: true }} size="middle" />
            ),
          },
        ]}
      />
    </>
  );
}
