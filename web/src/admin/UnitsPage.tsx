// 单位管理 (platform admin): the units of the catalog and new ones; create and edit with the credit code
// checked on the server (GB 32100).
import { Button, Form, Input, Modal, Select, Table, message, type TableColumnsType } from 'antd';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { TUnitView } from '@contract/org.ts';
import { api, asApiError, type ApiError } from '../ui/api.ts';
import { ErrorMessage } from '../ui/ErrorMessage.tsx';
import { usePrefs } from '../ui/prefs.tsx';
import { usePageTitle } from '../ui/usePageTitle.ts';
import { useStaffT, type StaffKey } from './staff-messages.ts';

const LEVELS = ['province', 'city', 'district', 'street', 'community'] as const;

export function UnitsPage() {
  const t = useStaffT();
  const { lang } = usePrefs();
  const [units, setUnits] = useState<TUnitView[] | null>(null);
  const [filter, setFilter] = useState('');
  const [editing, setEditing] = useState<TUnitView | 'new' | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [toast, toastHolder] = message.useMessage();
  usePageTitle(t('unitsTitle'));

  const load = useCallback(() => {
    api<{ items: TUnitView[] }>('GET', '/api/units')
      .then((x) => setUnits(x.items))
      .catch((err: unknown) => setError(asApiError(err)));
  }, []);
  useEffect(load, [load]);

  const rows = useMemo(() => {
    const f = filter.trim();
    return (units ?? []).filter((u) => !f || u.name.includes(f) || u.code.includes(f) || u.creditCode.includes(f.toUpperCase()));
  }, [units, filter]);

  const columns: TableColumnsType<TUnitView> = [
    { title: t('code'), dataIndex: 'code', key: 'code' },
    { title: t('name'), key: 'name', render: (_, u) => (lang === 'zh' ? u.name : u.nameEn) },
    { title: t('level'), key: 'level', render: (_, u) => t(`level.${u.level}` as StaffKey) },
    { title: t('division'), key: 'division', render: (_, u) => u.divisionName },
    { title: t('creditCode'), dataIndex: 'creditCode', key: 'creditCode' },
    {
      title: t('actions'),
      key: 'actions',
      render: (_, u) => (
        <Button size="small" onClick={() => setEditing(u)} aria-label={`${t('edit')}：${u.name}`}>
          {t('edit')}
        </Button>
      ),
    },
  ];

  return (
    <section aria-labelledby="units-title">
      {toastHolder}
      <h1 id="units-title" className="admin-h1">
        {t('unitsTitle')}
      </h1>
      <p>{t('unitsLead')}</p>
      {error && <ErrorMessage error={error} />}
      <div className="routing-bar">
        <Input.Search aria-label={t('filter')} placeholder={t('filter')} allowClear onChange={(e) => setFilter(e.target.value)} style={{ maxWidth: 320 }} />
        <Button type="primary" onClick={() => setEditing('new')}>
          {t('newUnit')}
        </Button>
      </div>
      <Table<TUnitView> rowKey="code" columns={columns} dataSource={rows} loading={!units} pagination={{ pageSize: 20 }} size="small" />
      {editing && (
        <UnitDialog
          unit={editing === 'new' ? null : editing}
          units={units ?? []}
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

function UnitDialog(props: { unit: TUnitView | null; units: TUnitView[]; onClose: () => void; onSaved: () => void }) {
  const t = useStaffT();
  const u = props.unit;
  const [v, setV] = useState({
    code: u?.code ?? '', name: u?.name ?? '', nameEn: u?.nameEn ?? '', level: u?.level ?? 'district', kind: u?.kind ?? 'department',
    divisionCode: u?.divisionCode ?? '', parentCode: u?.parentCode ?? null, creditCode: u?.creditCode ?? '',
  });
  const [error, setError] = useState<ApiError | null>(null);
  const set = (k: keyof typeof v) => (e: { target: { value: string } }) => setV({ ...v, [k]: e.target.value });
  const save = async () => {
    try {
      const { code, ...body } = v;
      if (u) await api('PUT', `/api/admin/units/${encodeURIComponent(u.code)}`, body);
      else await api('POST', '/api/admin/units', { code, ...body });
      props.onSaved();
    } catch (err) {
      setError(asApiError(err));
    }
  };
  return (
    <Modal open title={u ? t('editUnit') : t('newUnit')} okText={t('save')} cancelText={t('cancel')} onOk={() => void save()} onCancel={props.onClose}>
      {error && <ErrorMessage error={error} />}
      <Form layout="vertical">
        <Form.Item label={t('code')} htmlFor="unit-code">
          <Input id="unit-code" value={v.code} disabled={u !== null} onChange={set('code')} />
        </Form.Item>
        <Form.Item label={t('name')} htmlFor="unit-name">
          <Input id="unit-name" value={v.name} onChange={set('name')} />
        </Form.Item>
        <Form.Item label={t('nameEn')} htmlFor="unit-name-en">
          <Input id="unit-name-en" value={v.nameEn} onChange={set('nameEn')} />
        </Form.Item>
        <Form.Item label={t('creditCode')} htmlFor="unit-credit">
          <Input id="unit-credit" value={v.creditCode} maxLength={18} onChange={set('creditCode')} />
        </Form.Item>
        <Form.Item label={t('level')} htmlFor="unit-level">
          <Select id="unit-level" value={v.level} onChange={(level: TUnitView['level']) => setV({ ...v, level })} options={LEVELS.map((l) => ({ value: l, label: t(`level.${l}` as StaffKey) }))} />
        </Form.Item>
        <Form.Item label={t('kind')} htmlFor="unit-kind">
          <Input id="unit-kind" value={v.kind} onChange={set('kind')} />
        </Form.Item>
        <Form.Item label={t('division')} htmlFor="unit-division">
          <Input id="unit-division" value={v.divisionCode} inputMode="numeric" onChange={set('divisionCode')} />
        </Form.Item>
        <Form.Item label={t('parent')} htmlFor="unit-parent">
          <Select id="unit-parent" allowClear showSearch optionFilterProp="label" value={v.parentCode ?? undefined}
            onChange={(p?: string) => setV({ ...v, parentCode: p ?? null })}
            options={props.units.filter((x) => x.code !== u?.code).map((x) => ({ value: x.code, label: x.name }))} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
