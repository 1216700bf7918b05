// 办件分发规则: choose a matter, see which unit handles it for every district and street and why
// (rule, derived local unit, catalog unit), set or remove a rule; check the whole catalog.
import { Alert, Button, Form, Input, Modal, Select, Table, Tag, message, type TableColumnsType } from 'antd';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { TUnitView as TUnitOption } from '@contract/org.ts';
import type { TRoutingCheck, TRoutingRow, TRoutingTable } from '@contract/routing.ts';
import { api, asApiError, type ApiError } from '../ui/api.ts';
import { ErrorMessage } from '../ui/ErrorMessage.tsx';
import { usePrefs } from '../ui/prefs.tsx';
import { navigate, useLocation } from '../ui/router.tsx';
import { usePageTitle } from '../ui/usePageTitle.ts';
import type { TMatterRow } from '@contract/catalog-api.ts';
import { useRoutingT, type RoutingKey } from './routing-messages.ts';

// solid colours with white text: the preset light tags fail the contrast check
const SOURCE_COLOR: Record<TRoutingRow['source'], string | undefined> = { rule: '#0b4f9c', derived: '#1d6b1d', catalog: undefined, ambiguous: '#a8071a' };

export function RoutingPage() {
  const t = useRoutingT();
  const { lang } = usePrefs();
  const { query } = useLocation();
  const matterCode = query.get('matter') ?? '';
  const [matters, setMatters] = useState<TMatterRow[] | null>(null);
  const [units, setUnits] = useState<TUnitOption[]>([]);
  const [table, setTable] = useState<TRoutingTable | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [editing, setEditing] = useState<TRoutingRow | null>(null);
  const [filter, setFilter] = useState('');
  const [check, setCheck] = useState<TRoutingCheck | null>(null);
  const [toast, toastHolder] = message.useMessage();
  usePageTitle(t('title'));

  useEffect(() => {
    Promise.all([api<TMatterRow[]>('GET', '/api/admin/catalog/matters'), api<{ items: TUnitOption[] }>('GET', '/api/units')])
      .then(([m, u]) => {
        setMatters(m);
        setUnits(u.items);
      })
      .catch((err: unknown) => setError(asApiError(err)));
  }, []);

  const load = useCallback(() => {
    if (!matterCode) return setTable(null);
    api<TRoutingTable>('GET', `/api/admin/routing/matters/${encodeURIComponent(matterCode)}`)
      .then((x) => {
        setTable(x);
        setError(null);
      })
      .catch((err: unknown) => setError(asApiError(err)));
  }, [matterCode]);
  useEffect(load, [load]);

  const unitName = useCallback((code: string) => {
    const u = units.find((x) => x.code === code);
    return u ? (lang === 'zh' ? u.name : u.nameEn) : code;
  }, [units, lang]);

  const rows = useMemo(() => {
    const f = filter.trim();
    return (table?.rows ?? []).filter((r) => !f || r.division.name.includes(f) || r.division.code.startsWith(f) || (r.unit?.name ?? '').includes(f));
  }, [table, filter]);

  const removeRule = async (id: number) => {
    try {
      await api('DELETE', `/api/admin/routing/rules/${id}`);
      void toast.success(t('removed'));
      load();
    } catch (err) {
      setError(asApiError(err));
    }
  };

  const columns: TableColumnsType<TRoutingRow> = [
    { title: t('division'), key: 'division', render: (_, r) => `${r.division.name}（${r.division.code}）` },
    { title: t('unit'), key: 'unit', render: (_, r) => (r.unit ? unitName(r.unit.code) : r.candidates.map(unitName).join(' / ')) },
    { title: t('source'), key: 'source', render: (_, r) => <Tag color={SOURCE_COLOR[r.source]}>{t(`source.${r.source}` as RoutingKey)}</Tag> },
    {
      title: t('actions'),
      key: 'actions',
      render: (_, r) => (
        <span className="routing-actions">
          <Button size="small" onClick={() => setEditing(r)} aria-label={`${t('setRule')}：${r.division.name}`}>
            {t('setRule')}
          </Button>
          {r.ruleId !== null && (
            <Button size="small" danger onClick={() => void removeRule(r.ruleId!)} aria-label={`${t('removeRule')}：${r.division.name}`}>
              {t('removeRule')}
            </Button>
          )}
        </span>
      ),
    },
  ];

  const runCheck = async () => {
    try {
      setCheck(await api<TRoutingCheck>('GET', '/api/admin/routing/check'));
    } catch (err) {
      setError(asApiError(err));
    }
  };

  return (
    <section aria-labelledby="routing-title">
      {toastHolder}
      <h1 id="routing-title" className="admin-h1">
        {t('title')}
      </h1>
      <p>{t('lead')}</p>
      {error && <ErrorMessage error={error} />}
      <div className="routing-bar">
        <label htmlFor="routing-matter">{t('matter')}</label>
        <Select
          id="routing-matter"
          showSearch
          style={{ minWidth: 320 }}
          placeholder={t('chooseMatter')}
          value={matterCode || undefined}
          loading={!matters}
          optionFilterProp="label"
          options={(matters ?? []).map((m) => ({ value: m.code, label: `${m.name}（${m.code}）` }))}
          onChange={(v: string) => navigate(`/admin/routing?matter=${encodeURIComponent(v)}`)}
        />
        <Button onClick={() => void runCheck()}>{t('check')}</Button>
      </div>
      {check && (
        <Alert
          style={{ margin: '12px 0' }}
          type={check.problems.length ? 'warning' : 'success'}
          title={check.problems.length ? t('checkProblems', { n: check.problems.length }) : t('checkOk', { matters: check.matters, checked: check.checked })}
          description={check.problems.length ? <ul>{check.problems.slice(0, 50).map((p) => <li key={`${p.matterCode}:${p.divisionCode}:${p.code}`}>{`${p.matterCode} · ${p.divisionCode} · ${p.code} · ${p.detail}`}</li>)}</ul> : undefined}
        />
      )}
      {table && (
        <>
          <p>
            {t('catalogUnit')}：{unitName(table.matter.unit)} · {t('level')}：{table.matter.level}
          </p>
          <Input.Search aria-label={t('filter')} placeholder={t('filter')} allowClear onChange={(e) => setFilter(e.target.value)} style={{ maxWidth: 320, marginBottom: 12 }} />
          <Table<TRoutingRow> rowKey={(r) => r.division.code} columns={columns} dataSource={rows} pagination={{ pageSize: 20 }} size="small" />
        </>
      )}
      {editing && table && (
        <RuleDialog
          row={editing}
          matterCode={table.matter.code}
          units={units}
          unitName={unitName}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            void toast.success(t('saved'));
            load();
          }}
        />
      )}
    </section>
  );
}

function RuleDialog(props: { row: TRoutingRow; matterCode: string; units: TUnitOption[]; unitName: (c: string) => string; onClose: () => void; onSaved: () => void }) {
  const t = useRoutingT();
  const [unitCode, setUnitCode] = useState<string | undefined>(props.row.unit?.code);
  const [note, setNote] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const district = props.row.division.code.slice(0, 6);
  // units in the division's district and the city's own units; the server decides what is competent
  const options = props.units
    .filter((u) => u.divisionCode.startsWith(district) || u.level === 'city')
    .map((u) => ({ value: u.code, label: `${props.unitName(u.code)}（${u.code}）` }));
  const save = async () => {
    try {
      await api('PUT', '/api/admin/routing/rules', { matterCode: props.matterCode, divisionCode: props.row.division.code, unitCode, ...(note.trim() ? { note: note.trim() } : {}) });
      props.onSaved();
    } catch (err) {
      setError(asApiError(err));
    }
  };
  return (
    <Modal open title={t('ruleFor', { division: props.row.division.name })} okText={t('save')} cancelText={t('cancel')} onOk={() => void save()} onCancel={props.onClose} okButtonProps={{ disabled: !unitCode }}>
      {error && <ErrorMessage error={error} />}
      <Form layout="vertical">
        <Form.Item label={t('unit')} htmlFor="rule-unit">
          <Select id="rule-unit" showSearch optionFilterProp="label" value={unitCode} onChange={(v: string) => setUnitCode(v)} options={options} />
        </Form.Item>
        <Form.Item label={t('note')} htmlFor="rule-note">
          <Input id="rule-note" value={note} maxLength={500} onChange={(e) => setNote(e.target.value)} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
