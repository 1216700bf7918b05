// 单位人员: pick a unit (a unit admin sees only their own), list its staff with usernames and roles,
// open accounts, reset passwords, disable or enable, assign and revoke roles per unit.
import { Button, Popconfirm, Select, Space, Table, Tag, message, type TableColumnsType } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import type { TStaffList, TStaffMember, TStaffPasswordIssued } from '@contract/staff.ts';
import { api, asApiError, type ApiError } from '../ui/api.ts';
import { ErrorMessage } from '../ui/ErrorMessage.tsx';
import { usePrefs } from '../ui/prefs.tsx';
import { navigate, useLocation } from '../ui/router.tsx';
import { usePageTitle } from '../ui/usePageTitle.ts';
import { AssignRoleDialog, CreateStaffDialog, PasswordIssuedDialog, type UnitOption } from './staff-dialogs.tsx';
import { useStaffT, type StaffKey } from './staff-messages.ts';

export function StaffPage() {
  const t = useStaffT();
  const { lang } = usePrefs();
  const { query } = useLocation();
  const [units, setUnits] = useState<UnitOption[] | null>(null);
  const [list, setList] = useState<TStaffList | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [creating, setCreating] = useState(false);
  const [assigning, setAssigning] = useState<TStaffMember | null>(null);
  const [issued, setIssued] = useState<TStaffPasswordIssued | null>(null);
  const [toast, toastHolder] = message.useMessage();
  usePageTitle(t('staffTitle'));
  const unitCode = query.get('unit') ?? units?.[0]?.code ?? '';

  useEffect(() => {
    api<{ all: boolean; units: UnitOption[] }>('GET', '/api/admin/staff/units')
      .then((x) => setUnits(x.units))
      .catch((err: unknown) => setError(asApiError(err)));
  }, []);

  const load = useCallback(() => {
    if (!unitCode) return;
    api<TStaffList>('GET', `/api/admin/staff?unit=${encodeURIComponent(unitCode)}`)
      .then((x) => {
        setList(x);
        setError(null);
      })
      .catch((err: unknown) => setError(asApiError(err)));
  }, [unitCode]);
  useEffect(load, [load]);

  const unitName = (code: string) => {
    const u = units?.find((x) => x.code === code);
    return u ? (lang === 'zh' ? u.name : u.nameEn) : t('otherUnit');
  };

  const act = async (call: () => Promise<unknown>, done?: string) => {
    try {
      await call();
      if (done) void toast.success(done);
      load();
    } catch (err) {
      setError(asApiError(err));
    }
  };

  const columns: TableColumnsType<TStaffMember> = [
    { title: t('username'), dataIndex: 'username', key: 'username' },
    { title: t('name'), dataIndex: 'name', key: 'name' },
    { title: t('phone'), dataIndex: 'phone', key: 'phone' },
    {
      title: t('roles'),
      key: 'roles',
      render: (_, p) => (
        <Space wrap size={4}>
          {p.unitRoles.map((g) => (
            <span key={`${g.role}@${g.unitCode}`} className="staff-grant">
              <Tag>
                {t(`unitRole.${g.role}` as StaffKey)}
                {g.unitCode !== unitCode ? `（${unitName(g.unitCode)}）` : ''}
              </Tag>
              {p.unitRoles.length > 1 && (
                <Button
                  type="link"
                  size="small"
                  aria-label={t('revokeLabel', { role: t(`unitRole.${g.role}` as StaffKey), unit: unitName(g.unitCode) })}
                  onClick={() => void act(() => api('POST', `/api/admin/staff/${p.id}/roles/revoke`, g), t('saved'))}
                >
                  {t('revoke')}
                </Button>
              )}
            </span>
          ))}
        </Space>
      ),
    },
    {
      title: t('state'),
      key: 'state',
      render: (_, p) => (p.disabled ? <Tag color="#a8071a">{t('disabled')}</Tag> : p.mustChangePassword ? <Tag color="#874d00">{t('mustChange')}</Tag> : <Tag color="#1d6b1d">{t('active')}</Tag>),
    },
    {
      title: t('actions'),
      key: 'actions',
      render: (_, p) => (
        <Space wrap size={4}>
          <Button size="small" onClick={() => setAssigning(p)} aria-label={`${t('assign')}：${p.name}`}>
            {t('assign')}
          </Button>
          <Popconfirm title={t('confirmReset', { name: p.name })} okText={t('reset')} cancelText={t('cancel')}
            onConfirm={() => void act(async () => setIssued(await api<TStaffPasswordIssued>('POST', `/api/admin/staff/${p.id}/password-reset`, {})))}>
            <Button size="small" aria-label={`${t('reset')}：${p.name}`}>{t('reset')}</Button>
          </Popconfirm>
          {p.disabled ? (
            <Button size="small" onClick={() => void act(() => api('POST', `/api/admin/staff/${p.id}/enable`, {}), t('saved'))} aria-label={`${t('enable')}：${p.name}`}>
              {t('enable')}
            </Button>
          ) : (
            <Popconfirm title={t('confirmDisable', { name: p.name })} okText={t('disable')} cancelText={t('cancel')} okButtonProps={{ danger: true }}
              onConfirm={() => void act(() => api('POST', `/api/admin/staff/${p.id}/disable`, {}), t('saved'))}>
              <Button size="small" danger aria-label={`${t('disable')}：${p.name}`}>{t('disable')}</Button>
            </Popconfirm>
          )}
        </Space>
      ),
    },
  ];

  return (
    <section aria-labelledby="staff-title">
      {toastHolder}
      <h1 id="staff-title" className="admin-h1">
        {t('staffTitle')}
      </h1>
      <p>{t('staffLead')}</p>
      {error && <ErrorMessage error={error} />}
      <div className="routing-bar">
        <label htmlFor="staff-unit">{t('unit')}</label>
        <Select
          id="staff-unit"
          showSearch
          style={{ minWidth: 320 }}
          placeholder={t('chooseUnit')}
          value={unitCode || undefined}
          loading={!units}
          optionFilterProp="label"
          options={(units ?? []).map((u) => ({ value: u.code, label: lang === 'zh' ? u.name : `${u.nameEn} (${u.code})` }))}
          onChange={(v: string) => navigate(`/admin/staff?unit=${encodeURIComponent(v)}`)}
        />
        <Button type="primary" disabled={!unitCode} onClick={() => setCreating(true)}>
          {t('create')}
        </Button>
      </div>
      {list && (
        <Table<TStaffMember> rowKey="id" columns={columns} dataSource={list.items} pagination={{ pageSize: 50 }} size="small" locale={{ emptyText: t('noStaff') }} />
      )}
      {creating && (
        <CreateStaffDialog
          unitCode={unitCode}
          onClose={() => setCreating(false)}
          onCreated={(x) => {
            setCreating(false);
            setIssued(x);
            void toast.success(t('created'));
            load();
          }}
        />
      )}
      {assigning && units && (
        <AssignRoleDialog
          person={assigning}
          units={units}
          defaultUnit={unitCode}
          onClose={() => setAssigning(null)}
          onSaved={() => {
            setAssigning(null);
            void toast.success(t('saved'));
            load();
          }}
        />
      )}
      {issued && <PasswordIssuedDialog issued={issued} onClose={() => setIssued(null)} />}
    </section>
  );
}
