// 分发与对接 (platform admins): each unit's adapter kind, dead letters with resend, 二次录入 counts per
// unit and the drift reconciliation found. Adapter editing and key rotation are in the API (/docs).
import { Button, Table, Tag, message, type TableColumnsType } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { api, asApiError, type ApiError } from '../ui/api.ts';
import { ErrorMessage } from '../ui/ErrorMessage.tsx';
import { usePrefs } from '../ui/prefs.tsx';
import { usePageTitle } from '../ui/usePageTitle.ts';

interface Adapter { unitCode: string; unitName: string; kind: string; endpointUrl: string | null; settings: { batchSize?: number }; keys: Array<{ keyId: string; retiredAt: string | null }> }
interface DeadLetter { id: number; topic: string; key: string; attempts: number; lastError: string | null; deadAt: string }
interface ReentryUnit { unitCode: string; unitName: string; pending: number; entered: number }
interface Finding { id: number; unitCode: string; subcaseId: string; kind: string; yijianStatus: string | null; unitStatus: string | null; yijianSequence: number | null; unitSequence: number | null; foundAt: string }

const TEXT = {
  zh: {
    title: '分发与对接', lead: '各单位的对接方式、投递失败（死信）、二次录入与对账差异。', adapters: '对接方式', unit: '单位', kind: '方式', endpoint: '接口地址', keys: '密钥',
    dead: '死信（投递失败）', topic: '事件', key: '子件', attempts: '尝试次数', error: '最后错误', deadAt: '时间', resend: '重发', resent: '已重新投递',
    reentry: '二次录入（按单位）', pending: '待录入', entered: '已录入', drift: '对账差异', subcase: '子件', finding: '差异', yijian: '一件事', theirs: '单位系统', run: '立即对账', batch: (n: number) => `批量，每次至多 ${n} 件`,
    ran: (c: number, f: number) => `已核对 ${c} 件，新发现差异 ${f} 处`, none: '无', refresh: '刷新',
    kinds: { 'back-office': '平台后台', push: '推送', pull: '拉取', manual: '人工二次录入' } as Record<string, string>,
  },
  en: {
    title: 'Dispatch and adapters', lead: "Each unit's adapter, failed deliveries (dead letters), manual re-entry and reconciliation drift.", adapters: 'Adapters', unit: 'Unit', kind: 'Kind', endpoint: 'Endpoint', keys: 'Keys',
    dead: 'Dead letters', topic: 'Event', key: 'Sub-case', attempts: 'Attempts', error: 'Last error', deadAt: 'Time', resend: 'Resend', resent: 'Sent again',
    reentry: 'Manual re-entry (二次录入) per unit', pending: 'Waiting', entered: 'Entered', drift: 'Reconciliation drift', subcase: 'Sub-case', finding: 'Finding', yijian: 'Yijian', theirs: "Unit's system", run: 'Reconcile now', batch: (n: number) => `batches of up to ${n}`,
    ran: (c: number, f: number) => `Checked ${c}, ${f} new findings`, none: 'none', refresh: 'Refresh',
    kinds: { 'back-office': 'back office', push: 'push', pull: 'pull', manual: 'manual re-entry' } as Record<string, string>,
  },
};

export function DispatchPage() {
  const { lang } = usePrefs();
  const t = TEXT[lang === 'zh' ? 'zh' : 'en'];
  usePageTitle(t.title);
  const [adapters, setAdapters] = useState<Adapter[]>([]);
  const [dead, setDead] = useState<DeadLetter[]>([]);
  const [reentry, setReentry] = useState<ReentryUnit[]>([]);
  const [findings, setFindings] = useState<Finding[]>([]);
  const [error, setError] = useState<ApiError | null>(null);
  const [toast, toastHolder] = message.useMessage();

  const load = useCallback(() => {
    Promise.all([
      api<{ items: Adapter[] }>('GET', '/api/admin/adapters'),
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

  const act = async (fn: () => Promise<string>) => {
    try {
      void toast.success(await fn());
      load();
    } catch (err) {
      setError(asApiError(err));
    }
  };

  const adapterColumns: TableColumnsType<Adapter> = [
    { title: t.unit, key: 'unit', render: (_, a) => `${a.unitName}（${a.unitCode}）` },
    { title: t.kind, key: 'kind', render: (_, a) => <Tag>{t.kinds[a.kind] ?? a.kind}</Tag> },
    { title: t.endpoint, key: 'endpoint', render: (_, a) => <>{a.endpointUrl ?? '—'}{a.settings?.batchSize ? <Tag style={{ marginInlineStart: 8 }}>{t.batch(a.settings.batchSize)}</Tag> : null}</> },
    { title: t.keys, key: 'keys', render: (_, a) => a.keys.filter((k) => !k.retiredAt).map((k) => k.keyId).join(', ') || '—' },
  ];
  const deadColumns: TableColumnsType<DeadLetter> = [
    { title: t.topic, dataIndex: 'topic' },
    { title: t.key, dataIndex: 'key' },
    { title: t.attempts, dataIndex: 'attempts' },
    { title: t.error, key: 'error', render: (_, d) => d.lastError?.slice(0, 160) ?? '' },
    { title: t.deadAt, key: 'deadAt', render: (_, d) => new Date(d.deadAt).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB') },
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
    { title: t.unit, key: 'unit', render: (_, u) => `${u.unitName}（${u.unitCode}）` },
    { title: t.pending, dataIndex: 'pending' },
    { title: t.entered, dataIndex: 'entered' },
  ];
  const findingColumns: TableColumnsType<Finding> = [
    { title: t.unit, dataIndex: 'unitCode' },
    { title: t.subcase, dataIndex: 'subcaseId' },
    { title: t.finding, dataIndex: 'kind' },
    { title: t.yijian, key: 'y', render: (_, f) => `${f.yijianStatus ?? '—'} · #${f.yijianSequence ?? '—'}` },
    { title: t.theirs, key: 'u', render: (_, f) => `${f.unitStatus ?? '—'} · #${f.unitSequence ?? '—'}` },
  ];

  return (
    <section aria-labelledby="dispatch-title">
      {toastHolder}
      <h1 id="dispatch-title" className="admin-h1">{t.title}</h1>
      <p>{t.lead}</p>
      {error && <ErrorMessage error={error} />}
      <Button onClick={load}>{t.refresh}</Button>
      <h2>{t.adapters}</h2>
      <Table<Adapter> rowKey="unitCode" columns={adapterColumns} dataSource={adapters} pagination={false} size="small" locale={{ emptyText: t.none }} />
      <h2>{t.dead}</h2>
      <Table<DeadLetter> rowKey="id" columns={deadColumns} dataSource={dead} pagination={{ pageSize: 20 }} size="small" locale={{ emptyText: t.none }} />
      <h2>{t.reentry}</h2>
      <Table<ReentryUnit> rowKey="unitCode" columns={reentryColumns} dataSource={reentry} pagination={false} size="small" locale={{ emptyText: t.none }} />
      <h2>{t.drift}</h2>
      <Button onClick={() => void act(async () => {
        const r = await api<{ checked: number; findings: number }>('POST', '/api/admin/reconciliation/run');
        return t.ran(r.checked, r.findings);
      })}>
        {t.run}
      </Button>
      <Table<Finding> rowKey="id" columns={findingColumns} dataSource={findings} pagination={{ pageSize: 20 }} size="small" locale={{ emptyText: t.none }} />
    </section>
  );
}
