// The unit's worklist: sub-cases filtered by status, sorted by deadline (or newest), with overdue and
// due-soon marks. Keyset paging: "next" sends the page's cursor; "previous" goes back along the
// cursors kept here.
import { Button, Radio, Table, Tag, type TableColumnsType } from 'antd';
import { useEffect, useState } from 'react';
import { api, asApiError, isAbort, type ApiError } from '../ui/api.ts';
import { ErrorMessage } from '../ui/ErrorMessage.tsx';
import { formatDateTime } from '../ui/format.ts';
import { usePrefs } from '../ui/prefs.tsx';
import { Link, navigate, useLocation } from '../ui/router.tsx';
import { usePageTitle } from '../ui/usePageTitle.ts';
import { CASE_STATUSES, type CaseStatus } from '@contract/case-status.ts';
import { deadlineMark } from '@contract/deadline.ts';
import { useOfficeT } from './messages.ts';
import type { TWorklistItem, TWorklistPage } from '@contract/cases.ts';

/** Statuses an officer filters by. */
const STATUS_FILTER: readonly CaseStatus[] = ['received', 'accepted', 'supplementRequested', 'inProgress', 'suspended', 'completed'];

const PAGE = 20;

export function Worklist() {
  const t = useOfficeT();
  const { lang, pick } = usePrefs();
  const { query } = useLocation();
  const status = query.get('status') ?? '';
  const sort = query.get('sort') === 'newest' ? 'newest' : 'deadline';
  // cursors[i] = the cursor that loads page i (page 0 has none); kept per filter and sort, as a
  // cursor only fits the listing it came from
  const listing = `${status}|${sort}`;
  const [paging, setPaging] = useState<{ listing: string; cursors: Array<string | null>; pageNo: number }>({ listing, cursors: [null], pageNo: 0 });
  const current = paging.listing === listing ? paging : { listing, cursors: [null], pageNo: 0 };
  const { cursors, pageNo } = current;
  const setPageNo = (n: number) => setPaging({ ...current, pageNo: n });
  const [page, setPage] = useState<TWorklistPage | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  usePageTitle(t('worklistTitle'));

  const cursor = cursors[pageNo] ?? null;
  useEffect(() => {
    const ctrl = new AbortController();
    const q = new URLSearchParams({ sort, limit: String(PAGE) });
    if (status) q.set('status', status);
    if (cursor) q.set('cursor', cursor);
    setPage(null);
    setError(null);
    api<TWorklistPage>('GET', `/api/back-office/subcases?${q}`, undefined, ctrl.signal)
      .then(setPage)
      .catch((err: unknown) => {
        if (!isAbort(err)) setError(asApiError(err));
      });
    return () => ctrl.abort();
  }, [status, sort, cursor]);

  const setQuery = (next: { status?: string; sort?: string }) => {
    const q = new URLSearchParams();
    const s = next.status ?? status;
    const o = next.sort ?? sort;
    if (s) q.set('status', s);
    if (o !== 'deadline') q.set('sort', o);
    const qs = q.toString();
    navigate(`/back-office${qs ? `?${qs}` : ''}`, { replace: true });
  };

  const goNext = () => {
    if (!page?.nextCursor) return;
    setPaging({ listing, cursors: [...cursors.slice(0, pageNo + 1), page.nextCursor], pageNo: pageNo + 1 });
  };

  // a unit without a connected system also has a re-entry queue (二次录入)
  const [reentryWaiting, setReentryWaiting] = useState(false);
  useEffect(() => {
    api<{ items: unknown[] }>('GET', '/api/back-office/re-entry?limit=1')
      .then((x) => setReentryWaiting(x.items.length > 0))
      .catch(() => setReentryWaiting(false));
  }, []);

  const columns: TableColumnsType<TWorklistItem> = [
    {
      title: t('colMatter'),
      key: 'matter',
      render: (_, r) => <Link to={`/back-office/subcases/${r.id}`}>{r.matterName}</Link>,
    },
    { title: t('colNumber'), dataIndex: 'applicationNumber', key: 'number' },
    { title: t('colStatus'), key: 'status', render: (_, r) => <Tag className="tag-plain">{pick(r.status.zh, r.status.en)}</Tag> },
    {
      title: t('colDeadline'),
      key: 'deadline',
      render: (_, r) => {
        const mark = deadlineMark(r);
        return (
          <span className="deadline">
            {r.promisedDueAt ? formatDateTime(lang, r.promisedDueAt) : t('noDeadline')}
            {r.promisedDueAt && r.dueProvisional && <Tag className="tag-plain provisional-mark" title={t('provisionalDateHint')}>{t('provisionalDate')}<span className="visually-hidden">：{t('provisionalDateHint')}</span></Tag>}
            {mark === 'overdue' && <Tag className="tag-overdue">{t('overdue')}</Tag>}
            {mark === 'overdueLegal' && <Tag className="tag-overdue">{t('overdueLegal')}</Tag>}
            {mark === 'near' && <Tag className="tag-near">{t('nearDeadline')}</Tag>}
          </span>
        );
      },
    },
    { title: t('colReleased'), key: 'released', render: (_, r) => (r.releasedAt ? formatDateTime(lang, r.releasedAt) : '—') },
  ];

  return (
    <>
      <h1 className="admin-h1">{t('worklistTitle')}</h1>
      <p className="lead">{t('worklistLead')}</p>
      {reentryWaiting && (
        <p className="reentry-link">
          <Link to="/back-office/re-entry">{lang === 'zh' ? '有办件待录入本单位业务系统（二次录入）' : 'Cases wait to be typed into your own system (re-entry)'}</Link>
        </p>
      )}
      <div className="office-filters">
        <div role="group" aria-labelledby="wl-status-label">
          <span id="wl-status-label" className="admin-label">
            {t('filterStatus')}
          </span>
          <Radio.Group
            value={status}
            onChange={(e) => setQuery({ status: String(e.target.value) })}
            options={[{ value: '', label: t('statusAll') }, ...STATUS_FILTER.map((s) => ({ value: CASE_STATUSES[s].code, label: pick(CASE_STATUSES[s].zh, CASE_STATUSES[s].en) }))]}
            optionType="button"
          />
        </div>
        <div role="group" aria-labelledby="wl-sort-label">
          <span id="wl-sort-label" className="admin-label">
            {t('sortLabel')}
          </span>
          <Radio.Group
            value={sort}
            onChange={(e) => setQuery({ sort: String(e.target.value) })}
            options={[
              { value: 'deadline', label: t('sortDeadline') },
              { value: 'newest', label: t('sortNewest') },
            ]}
            optionType="button"
          />
        </div>
      </div>
      {error && <ErrorMessage error={error} />}
      <Table<TWorklistItem>
        rowKey="id"
        columns={columns}
        dataSource={page?.items ?? []}
        loading={page === null && !error}
        pagination={false}
        scroll={{ x: true }}
        size="middle"
        locale={{ emptyText: t('emptyWorklist') }}
        rowClassName={(r) => {
          const m = deadlineMark(r);
          return m ? `row-${m === 'overdueLegal' ? 'overdue' : m}` : '';
        }}
      />
      <nav className="pager" aria-label={t('pageN', { n: pageNo + 1 })}>
        <span role="status">
          {page && (page.totalCapped ? t('totalCapped', { n: page.total }) : t('totalN', { n: page.total }))} · {t('pageN', { n: pageNo + 1 })}
        </span>
        <Button disabled={pageNo === 0} onClick={() => setPageNo(pageNo - 1)}>
          {t('prevPage')}
        </Button>
        <Button disabled={!page?.nextCursor} onClick={goNext}>
          {t('nextPage')}
        </Button>
      </nav>
    </>
  );
}
