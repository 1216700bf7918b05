// 分发与对接 (platform admins): each unit's adapter (edit it, configure another unit, add and retire
// signing keys), dead letters with resend, 二次录入 counts per unit and the drift reconciliation found.
import { Button, Table, Tag, message, type TableColumnsType } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import type { TUnitView as TUnitOption } from '@contract/org.ts';
import { api, asApiError, type ApiError } from '../ui/api.ts';
import { ErrorMessage } from '../ui/ErrorMessage.tsx';
import { usePrefs } from '../ui/prefs.tsx';
import { usePageTitle } from '../ui/usePageTitle.ts';
import { AdapterDialog, RetireDialog, SecretDialog, type AdapterView, type NewKey } from './dispatch-dialogs.tsx';
import { useDispatchText } from './dispatch-messages.ts';

interface DeadLetter { id: number; topic: string; key: string; payload: Record<string, unknown>; attempts: number; lastError: string | null; deadAt: string }
interface ReentryUnit { unitCode: string; unitName: string; pending: number; entered: number }
interface Finding { id: number; unitCode: string; subcaseId: string; kind: string; yijianStatus: string | null; unitStatus: string | null; yijianSequence: number | null; unitSequence: number | null; detail: Record<string, unknown>; foundAt: string }

/** A code in words, the code itself kept as secondary text. */
function Coded({ words, code }: { words: string | undefined; code: string }) {
  if (!words) return <code>{code}</code>;
  return (
    <span title={code}>
      {words} <span className="dispatch-raw">{code}</span>
    </span>
  );
}

export function DispatchPage() {
  const { lang } = usePrefs();
  const t = useDispatchText();
  usePageTitle(t.title);
  const [adapters, setAdapters] = useState<AdapterView[]>([]);
  const [dead, setDead] = useState<DeadLetter[]>([]);
  const [reentry, setReentry] = useState<ReentryUnit[]>([]);
  const [findings, setFindings] = useState<Finding[]>([]);
  const [units, setUnits] = useState<TUnitOption[]>([]);
  const [error, setError] = useState<ApiError | null>(null);
  // the adapter dialog: an existing unit's, or 'new' to choose a unit first
  const [editing, setEditing] = useState<AdapterView | 'new' | null>(null);
  const [newKey, setNewKey] = useState<{ unitName: string; key: NewKey } | null>(null);
  const [retiring, setRetiring] = useState<{ adapter: AdapterView; keyId: string } | null>(null);
  const [toast, toastHolder] = message.useMessage();
  const time = (iso: string) => new Date(iso).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB');

  const load = useCallback(() => {
    Promise.all([
      api<{ items: AdapterView[] }>('GET', '/api/admin/adapters'),
      api<{ items: DeadLetter[] }>('GET', '/api/admin/outbox/dead'),
      api<{ units: ReentryUnit[] }>('GET', '/api/admin/re-entry/stats'),
      api<{ items: Finding[] }>('GET', '/api/admin/reconciliation'),
    ])
      .then(([a, d, r, f]) => {
        setAdapters(a.items);
        setDead(d.items);
        setReentry(r.units);
        setFindings(f.items);
        setError(null);
      })
      .catch((err: unknown) => setError(asApiError(err)));
  }, []);
  useEffect(load, [load]);
  useEffect(() => {
    api<{ items: TUnitOption[] }>('GET', '/api/units')
      .then((u) => setUnits(u.items))
      .catch((err: unknown) => setError(asApiError(err)));
  }, []);

  const act = async (fn: () => Promise<string>) => {
    try {
      void toast.success(await fn());
      load();
    } catch (err) {
      setError(asApiError(err));
    }
  };

  const rotate = (a: AdapterView) => act(async () => {
    const key = await api<NewKey>('POST', `/api/admin/adapters/${encodeURIComponent(a.unitCode)}/keys`, {});
    setNewKey({ unitName: a.unitName, key });
    return `${t.rotate}：${key.keyId}`;
  });

  const unitOf = (code: string) => adapters.find((a) => a.unitCode === code)?.unitName ?? units.find((u) => u.code === code)?.name ?? code;

  const adapterColumns: TableColumnsType<AdapterView> = [
    { title: t.unit, key: 'unit', render: (_, a) => <>{a.unitName}（<code>{a.unitCode}</code>）</> },
    { title: t.kind, key: 'kind', render: (_, a) => <Tag title={a.kind}>{t.kinds[a.kind] ?? a.kind}</Tag> },
    {
      title: t.endpoint, key: 'endpoint',
      render: (_, a) => (
        <>
          <span className="dispatch-url">{a.endpointUrl ?? '—'}</span>
          {a.settings?.batchSize ? <Tag style={{ marginInlineStart: 8 }}>{t.batch(a.settings.batchSize)}</Tag> : null}
          {a.settings?.timeoutMs ? <Tag style={{ marginInlineStart: 8 }}>{t.timeout(a.settings.timeoutMs)}</Tag> : null}
        </>
      ),
    },
    {
      title: t.keys, key: 'keys',
      render: (_, a) => {
        const valid = a.keys.filter((k) => !k.retiredAt);
        const retired = a.keys.length - valid.length;
        return (
          <ul className="dispatch-keys">
            {valid.length === 0 && <li>{a.kind === 'push' || a.kind === 'pull' ? t.noKeys : '—'}</li>}
            {valid.map((k) => (
              <li key={k.keyId}>
                <code>{k.keyId}</code>{' '}
                <Button size="small" danger aria-label={`${t.retireKey(k.keyId)}（${a.unitName}）`} onClick={() => setRetiring({ adapter: a, keyId: k.keyId })}>
                  {t.retire}
                </Button>
              </li>
            ))}
            {retired > 0 && <li className="dispatch-raw">{t.retiredCount(retired)}</li>}
          </ul>
        );
      },
    },
    {
      title: t.actions, key: 'actions',
      render: (_, a) => (
        <span className="routing-actions">
          <Button size="small" aria-label={`${t.edit}：${a.unitName}`} onClick={() => setEditing(a)}>{t.edit}</Button>
          <Button size="small" aria-label={`${t.rotate}：${a.unitName}`} onClick={() => void rotate(a)}>{t.rotate}</Button>
        </span>
      ),
    },
  ];
  const deadColumns: TableColumnsType<DeadLetter> = [
    { title: t.topic, key: 'topic', render: (_, d) => <Coded words={t.topics[d.topic]} code={d.topic} /> },
    { title: t.unit, key: 'unit', render: (_, d) => (typeof d.payload.unitCode === 'string' ? unitOf(d.payload.unitCode) : '—') },
    { title: t.key, key: 'key', render: (_, d) => <code>{d.key}</code> },
    { title: t.attempts, dataIndex: 'attempts' },
    { title: t.error, key: 'error', render: (_, d) => <span className="dispatch-error">{d.lastError?.slice(0, 160) ?? ''}</span> },
    { title: t.deadAt, key: 'deadAt', render: (_, d) => time(d.deadAt) },
    {
      title: t.resend, key: 'resend',
      render: (_, d) => (
        <Button size="small" aria-label={`${t.resend} ${d.id}`} onClick={() => void act(async () => (await api('POST', `/api/admin/outbox/${d.id}/resend`), t.resent))}>
          {t.resend}
        </Button>
      ),
    },
  ];
  const reentryColumns: TableColumnsType<ReentryUnit> = [
    { title: t.unit, key: 'unit', render: (_, u) => <>{u.unitName}（<code>{u.unitCode}</code>）</> },
    { title: t.pending, dataIndex: 'pending' },
    { title: t.entered, dataIndex: 'entered' },
  ];
  const findingColumns: TableColumnsType<Finding> = [
    { title: t.unit, key: 'unit', render: (_, f) => unitOf(f.unitCode) },
    { title: t.subcase, key: 'subcase', render: (_, f) => <code>{f.subcaseId}</code> },
    {
      title: t.finding, key: 'kind',
      render: (_, f) => (
        <>
          <Coded words={t.findings[f.kind]} code={f.kind} />
          {typeof f.detail.error === 'string' && <div className="dispatch-error">{f.detail.error}</div>}
          {typeof f.detail.httpStatus === 'number' && <div className="dispatch-error">HTTP {f.detail.httpStatus}</div>}
        </>
      ),
    },
    { title: t.yijian, key: 'y', render: (_, f) => `${f.yijianStatus ?? '—'} · #${f.yijianSequence ?? '—'}` },
    { title: t.theirs, key: 'u', render: (_, f) => `${f.unitStatus ?? '—'} · #${f.unitSequence ?? '—'}` },
    { title: t.deadAt, key: 'foundAt', render: (_, f) => time(f.foundAt) },
  ];

  return (
    <section aria-labelledby="dispatch-title" className="dispatch-page">
      {toastHolder}
      <h1 id="dispatch-title" className="admin-h1">{t.title}</h1>
      <p>{t.lead}</p>
      {error && <ErrorMessage error={error} />}
      <Button onClick={load}>{t.refresh}</Button>
      <h2>{t.adapters}</h2>
      <Button onClick={() => setEditing('new')} style={{ marginBottom: 12 }}>{t.configure}</Button>
      <Table<AdapterView> rowKey="unitCode" columns={adapterColumns} dataSource={adapters} pagination={false} size="small" scroll={{ x: true }} locale={{ emptyText: t.none }} />
      <h2>{t.dead}</h2>
      <Table<DeadLetter> rowKey="id" columns={deadColumns} dataSource={dead} pagination={{ pageSize: 20 }} size="small" scroll={{ x: true }} locale={{ emptyText: t.none }} />
      <h2>{t.reentry}</h2>
      <Table<ReentryUnit> rowKey="unitCode" columns={reentryColumns} dataSource={reentry} pagination={false} size="small" scroll={{ x: true }} locale={{ emptyText: t.none }} />
      <h2>{t.drift}</h2>
      <Button style={{ marginBottom: 12 }} onClick={() => void act(async () => {
        const r = await api<{ checked: number; findings: number }>('POST', '/api/admin/reconciliation/run');
        return t.ran(r.checked, r.findings);
      })}>
        {t.run}
      </Button>
      <Table<Finding> rowKey="id" columns={findingColumns} dataSource={findings} pagination={{ pageSize: 20 }} size="small" scroll={{ x: true }} locale={{ emptyText: t.none }} />

      {editing && (
        <AdapterDialog
          adapter={editing === 'new' ? null : editing}
          units={units}
          onClose={() => setEditing(null)}
          onSaved={(unitName) => {
            setEditing(null);
            void toast.success(`${t.saved}：${unitName}`);
            load();
          }}
        />
      )}
      {newKey && <SecretDialog unitName={newKey.unitName} newKey={newKey.key} onClose={() => setNewKey(null)} />}
      {retiring && (
        <RetireDialog
          unitName={retiring.adapter.unitName}
          keyId={retiring.keyId}
          onClose={() => setRetiring(null)}
          onConfirm={async () => {
            await act(async () => {
              await api('POST', `/api/admin/adapters/${encodeURIComponent(retiring.adapter.unitCode)}/keys/${encodeURIComponent(retiring.keyId)}/retire`);
              return t.retired(retiring.keyId);
            });
            setRetiring(null);
          }}
        />
      )}
    </section>
  );
}
