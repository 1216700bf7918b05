// Dialogs of the 分发与对接 page: a unit's adapter (kind, endpoint, push timeout and batch size), a new
// key's secret (shown once), and the confirmation before a key is retired. The server validates;
// its problems with a field are shown at the field, the rest at the top of the dialog.
import { Alert, Button, Form, Input, InputNumber, Modal, Radio, Select } from 'antd';
import { useState, type ReactNode } from 'react';
import type { TUnitView as TUnitOption } from '@contract/org.ts';
import { ApiError, api, asApiError } from '../ui/api.ts';
import { ErrorMessage } from '../ui/ErrorMessage.tsx';
import { usePrefs } from '../ui/prefs.tsx';
import { useDispatchText } from './dispatch-messages.ts';

export const ADAPTER_KINDS = ['back-office', 'push', 'pull', 'manual'] as const;
type Kind = (typeof ADAPTER_KINDS)[number];

export interface AdapterView {
  unitCode: string;
  unitName: string;
  kind: Kind;
  endpointUrl: string | null;
  settings: { timeoutMs?: number; batchSize?: number };
  keys: Array<{ keyId: string; createdAt: string; retiredAt: string | null }>;
}

export interface NewKey { unitCode: string; keyId: string; secret: string; createdAt: string }

const FIELDS = ['endpointUrl', 'timeoutMs', 'batchSize'] as const;
type Field = (typeof FIELDS)[number];

/** The server's problems split by field (path body.endpointUrl, body.settings.timeoutMs, …) and the rest. */
type Problem = { zh: string; en: string };
interface Problems { at: Partial<Record<Field, Problem[]>>; rest: ApiError | null }
function splitProblems(err: ApiError): Problems {
  const at: Partial<Record<Field, Problem[]>> = {};
  const rest = err.body.details.filter((d) => {
    const field = FIELDS.find((f) => d.path?.split('.').pop() === f);
    if (!field) return true;
    (at[field] ??= []).push({ zh: d.zh, en: d.en });
    return false;
  });
  // the message stays at the top (it says the request was refused); only the field details move
  return { at, rest: new ApiError(err.status, { ...err.body, details: rest }) };
}

/** Edits a unit's adapter; without `adapter` the admin first chooses the unit. */
export function AdapterDialog(props: { adapter: AdapterView | null; units: TUnitOption[]; onClose: () => void; onSaved: (unitName: string) => void }) {
  const t = useDispatchText();
  const { lang, pick } = usePrefs();
  const [unitCode, setUnitCode] = useState<string | undefined>(props.adapter?.unitCode);
  const [kind, setKind] = useState<Kind>(props.adapter?.kind ?? 'push');
  const [endpoint, setEndpoint] = useState(props.adapter?.endpointUrl ?? '');
  const [timeoutMs, setTimeoutMs] = useState<number | null>(props.adapter?.settings.timeoutMs ?? null);
  const [batchSize, setBatchSize] = useState<number | null>(props.adapter?.settings.batchSize ?? null);
  const [error, setError] = useState<ApiError | null>(null);
  const [saving, setSaving] = useState(false);
  // said before asking the server, whose answer for a missing URL names only the body
  const [endpointMissing, setEndpointMissing] = useState(false);
  const problems: Problems | null = error ? splitProblems(error) : endpointMissing ? { at: { endpointUrl: [t.endpointMissing] }, rest: null } : null;
  const unitName = (code: string) => {
    const u = props.units.find((x) => x.code === code);
    return u ? (lang === 'zh' ? u.name : u.nameEn) : code;
  };

  // a unit chosen in the dialog may have an adapter already: start from it
  const choose = async (code: string) => {
    setUnitCode(code);
    setError(null);
    try {
      const a = await api<AdapterView>('GET', `/api/admin/adapters/${encodeURIComponent(code)}`);
      setKind(a.kind === 'back-office' ? 'push' : a.kind);
      setEndpoint(a.endpointUrl ?? '');
      setTimeoutMs(a.settings.timeoutMs ?? null);
      setBatchSize(a.settings.batchSize ?? null);
    } catch (err) {
      setError(asApiError(err));
    }
  };

  const save = async () => {
    if (!unitCode) return;
    const url = endpoint.trim();
    setEndpointMissing(kind === 'push' && !url);
    if (kind === 'push' && !url) return setError(null);
    setSaving(true);
    try {
      const settings = kind === 'push' ? { ...(timeoutMs !== null ? { timeoutMs } : {}), ...(batchSize !== null ? { batchSize } : {}) } : {};
      await api('PUT', `/api/admin/adapters/${encodeURIComponent(unitCode)}`, {
        kind, endpointUrl: kind === 'push' || kind === 'pull' ? url || null : null, settings,
      });
      props.onSaved(props.adapter?.unitName ?? unitName(unitCode));
    } catch (err) {
      setError(asApiError(err));
    } finally {
      setSaving(false);
    }
  };

  const fieldProblem = (field: Field, id: string): { validateStatus?: 'error'; help?: ReactNode } => {
    const list = problems?.at[field];
    if (!list) return {};
    return {
      validateStatus: 'error',
      help: <span id={id} className="field-problem">{list.map((p) => pick(p.zh, p.en)).join('；')}</span>,
    };
  };
  const describedBy = (field: Field, id: string) => (problems?.at[field] ? { 'aria-describedby': id, 'aria-invalid': true as const } : {});

  const title = props.adapter ? t.editFor(props.adapter.unitName) : t.configureTitle;
  return (
    <Modal
      open
      title={title}
      okText={t.save}
      cancelText={t.cancel}
      onOk={() => void save()}
      onCancel={props.onClose}
      okButtonProps={{ disabled: !unitCode, loading: saving }}
      maskClosable={false}
    >
      {problems?.rest && <ErrorMessage error={problems.rest} />}
      <Form layout="vertical" onFinish={() => void save()}>
        {!props.adapter && (
          <Form.Item label={t.chooseUnit} htmlFor="adapter-unit">
            <Select
              id="adapter-unit"
              showSearch
              optionFilterProp="label"
              value={unitCode}
              onChange={(v: string) => void choose(v)}
              options={props.units.map((u) => ({ value: u.code, label: `${lang === 'zh' ? u.name : u.nameEn}（${u.code}）` }))}
            />
          </Form.Item>
        )}
        <div role="group" aria-labelledby="adapter-kind-label" className="dispatch-kind">
          <span id="adapter-kind-label" className="admin-label">{t.kind}</span>
          <Radio.Group
            value={kind}
            onChange={(e) => setKind(e.target.value as Kind)}
            options={ADAPTER_KINDS.map((k) => ({ value: k, label: t.kinds[k] }))}
          />
          <p className="dispatch-help">{t.kindHelp[kind]}</p>
        </div>
        {(kind === 'push' || kind === 'pull') && (
          <Form.Item label={t.endpoint} htmlFor="adapter-endpoint" required={kind === 'push'} extra={t.endpointHelp} {...fieldProblem('endpointUrl', 'adapter-endpoint-problem')}>
            <Input id="adapter-endpoint" inputMode="url" autoComplete="off" value={endpoint} maxLength={500} onChange={(e) => setEndpoint(e.target.value)} {...describedBy('endpointUrl', 'adapter-endpoint-problem')} />
          </Form.Item>
        )}
        {kind === 'push' && (
          <div className="form-grid">
            <Form.Item label={t.timeoutMs} htmlFor="adapter-timeout" {...fieldProblem('timeoutMs', 'adapter-timeout-problem')}>
              <InputNumber id="adapter-timeout" min={1000} max={30_000} step={1000} precision={0} value={timeoutMs} onChange={(v) => setTimeoutMs(v)} style={{ width: '100%' }} {...describedBy('timeoutMs', 'adapter-timeout-problem')} />
            </Form.Item>
            <Form.Item label={t.batchSize} htmlFor="adapter-batch" {...fieldProblem('batchSize', 'adapter-batch-problem')}>
              <InputNumber id="adapter-batch" min={2} max={500} precision={0} value={batchSize} onChange={(v) => setBatchSize(v)} style={{ width: '100%' }} {...describedBy('batchSize', 'adapter-batch-problem')} />
            </Form.Item>
          </div>
        )}
      </Form>
    </Modal>
  );
}

/** The secret of a new key, shown this once, with a copy button. */
export function SecretDialog(props: { unitName: string; newKey: NewKey; onClose: () => void }) {
  const t = useDispatchText();
  const [copied, setCopied] = useState<string>('');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(props.newKey.secret);
      setCopied(t.copied);
    } catch {
      (document.getElementById('new-key-secret') as HTMLInputElement | null)?.select();
      setCopied(t.copyFailed);
    }
  };
  return (
    <Modal
      open
      title={t.secretTitle}
      onCancel={props.onClose}
      maskClosable={false}
      footer={<Button type="primary" onClick={props.onClose}>{t.savedIt}</Button>}
    >
      <Alert type="warning" showIcon title={t.secretWarning} style={{ marginBottom: 12 }} />
      <p>{t.unit}：{props.unitName}（{props.newKey.unitCode}）</p>
      <p>{t.keyId}：<code id="new-key-id">{props.newKey.keyId}</code></p>
      <label htmlFor="new-key-secret" className="admin-label">{t.secret}</label>
      <div className="dispatch-secret">
        <Input id="new-key-secret" readOnly value={props.newKey.secret} className="dispatch-secret-value" onFocus={(e) => e.target.select()} />
        <Button onClick={() => void copy()}>{t.copy}</Button>
      </div>
      <p role="status" className="dispatch-help">{copied}</p>
    </Modal>
  );
}

/** Asks before a key is retired: requests signed with it are refused at once. */
export function RetireDialog(props: { unitName: string; keyId: string; onClose: () => void; onConfirm: () => Promise<void> }) {
  const t = useDispatchText();
  const [busy, setBusy] = useState(false);
  return (
    <Modal
      open
      title={t.retireTitle}
      okText={t.retire}
      cancelText={t.cancel}
      okButtonProps={{ danger: true, loading: busy }}
      onCancel={props.onClose}
      onOk={() => {
        setBusy(true);
        void props.onConfirm().finally(() => setBusy(false));
      }}
    >
      <p>{t.retireBody(props.keyId, props.unitName)}</p>
    </Modal>
  );
}
