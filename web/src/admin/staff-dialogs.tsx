// The dialogs of the staff page: a new account, a role in a unit, and the initial password shown once.
import { Alert, Form, Input, Modal, Select, Typography } from 'antd';
import { useState } from 'react';
import type { TStaffPasswordIssued, TUnitRole } from '@contract/staff.ts';
import { api, asApiError, type ApiError } from '../ui/api.ts';
import { ErrorMessage } from '../ui/ErrorMessage.tsx';
import { useStaffT, type StaffKey } from './staff-messages.ts';

export const UNIT_ROLE_OPTIONS: TUnitRole[] = ['officer', 'counter', 'unit_admin'];
export interface UnitOption {
  code: string;
  name: string;
  nameEn: string;
}

export function CreateStaffDialog(props: { unitCode: string; onClose: () => void; onCreated: (issued: TStaffPasswordIssued) => void }) {
  const t = useStaffT();
  const [username, setUsername] = useState('');
  const [name, setName] = useState('');
  const [phone, setPhone] = useState('');
  const [role, setRole] = useState<TUnitRole>('officer');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const save = async () => {
    setBusy(true);
    try {
      const issued = await api<TStaffPasswordIssued>('POST', '/api/admin/staff', {
        username, name, phone, roles: [{ role, unitCode: props.unitCode }], ...(password ? { password } : {}),
      });
      props.onCreated(issued);
    } catch (err) {
      setError(asApiError(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open title={t('createTitle')} okText={t('save')} cancelText={t('cancel')} onOk={() => void save()} onCancel={props.onClose} okButtonProps={{ loading: busy, disabled: !username || !name || !phone }}>
      {error && <ErrorMessage error={error} />}
      <Form layout="vertical">
        <Form.Item label={t('username')} htmlFor="staff-username">
          <Input id="staff-username" value={username} autoComplete="off" onChange={(e) => setUsername(e.target.value)} />
        </Form.Item>
        <Form.Item label={t('name')} htmlFor="staff-name">
          <Input id="staff-name" value={name} onChange={(e) => setName(e.target.value)} />
        </Form.Item>
        <Form.Item label={t('phone')} htmlFor="staff-phone">
          <Input id="staff-phone" value={phone} inputMode="tel" onChange={(e) => setPhone(e.target.value)} />
        </Form.Item>
        <Form.Item label={t('role')} htmlFor="staff-role">
          <Select id="staff-role" value={role} onChange={(v: TUnitRole) => setRole(v)} options={UNIT_ROLE_OPTIONS.map((r) => ({ value: r, label: t(`unitRole.${r}` as StaffKey) }))} />
        </Form.Item>
        <Form.Item label={t('initialPassword')} htmlFor="staff-password" extra={t('initialPasswordHint')}>
          <Input.Password id="staff-password" value={password} autoComplete="new-password" onChange={(e) => setPassword(e.target.value)} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function AssignRoleDialog(props: { person: { id: number; name: string }; units: UnitOption[]; defaultUnit: string; onClose: () => void; onSaved: () => void }) {
  const t = useStaffT();
  const [unitCode, setUnitCode] = useState(props.defaultUnit);
  const [role, setRole] = useState<TUnitRole>('officer');
  const [error, setError] = useState<ApiError | null>(null);
  const save = async () => {
    try {
      await api('POST', `/api/admin/staff/${props.person.id}/roles`, { role, unitCode });
      props.onSaved();
    } catch (err) {
      setError(asApiError(err));
    }
  };
  return (
    <Modal open title={t('assignTitle', { name: props.person.name })} okText={t('save')} cancelText={t('cancel')} onOk={() => void save()} onCancel={props.onClose}>
      {error && <ErrorMessage error={error} />}
      <Form layout="vertical">
        <Form.Item label={t('unit')} htmlFor="assign-unit">
          <Select id="assign-unit" showSearch optionFilterProp="label" value={unitCode} onChange={(v: string) => setUnitCode(v)} options={props.units.map((u) => ({ value: u.code, label: u.name }))} />
        </Form.Item>
        <Form.Item label={t('role')} htmlFor="assign-role">
          <Select id="assign-role" value={role} onChange={(v: TUnitRole) => setRole(v)} options={UNIT_ROLE_OPTIONS.map((r) => ({ value: r, label: t(`unitRole.${r}` as StaffKey) }))} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function PasswordIssuedDialog(props: { issued: TStaffPasswordIssued; onClose: () => void }) {
  const t = useStaffT();
  return (
    <Modal open title={t('passwordFor', { username: props.issued.username })} onOk={props.onClose} onCancel={props.onClose} okText={t('close')} cancelButtonProps={{ style: { display: 'none' } }}>
      {props.issued.initialPassword ? (
        <>
          <Alert type="warning" showIcon title={t('passwordOnce')} />
          <p>
            <Typography.Text code copyable data-testid="initial-password">
              {props.issued.initialPassword}
            </Typography.Text>
          </p>
        </>
      ) : (
        <Alert type="info" showIcon title={t('chosenPassword')} />
      )}
    </Modal>
  );
}
