// Counter intake (综合窗口收件 / 帮代办) for a citizen at the counter: their resident ID number, the
// theme and its guidance, the one form prefilled for that person, materials, delivery and channel;
// submitted, it waits for the citizen's confirmation — the SMS code read out here, or the citizen's
// own confirmation after signing in.
import { Alert, Button, Checkbox, Input, Radio } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { Guidance, type Answers } from '../public/Guidance.tsx';
import { api, asApiError, isAbort, type ApiError } from '../ui/api.ts';
import type { TThemeSummary } from '@contract/catalog-api.ts';
import type { TNotice } from '@contract/guidance.ts';
import { ErrorMessage } from '../ui/ErrorMessage.tsx';
import { usePrefs } from '../ui/prefs.tsx';
import { Link } from '../ui/router.tsx';
import { usePageTitle } from '../ui/usePageTitle.ts';
import { ConfirmByCode } from './ConfirmByCode.tsx';
import { FormFields, type FormValues } from './FormFields.tsx';
import { useOfficeT, type OfficeKey } from './messages.ts';
import type { TApplicationSummary } from '@contract/cases.ts';
import type { TIntakeCreated as TCounterCreated } from '@contract/counter.ts';
import type { TFormMaterialView, TThemeFormView } from '@contract/forms.ts';
import { uploadRaw } from './upload.ts';

type Provision = 'upload' | 'deferred' | 'commitment' | 'datahub' | 'certificate' | 'previousResult' | 'paper' | 'generated';
interface MaterialChoice {
  provision: Provision;
  uploads: Array<{ id: string; name: string }>;
}

const ID_RE = /^\d{17}[\dXx]$/;

function provisionsOf(m: TFormMaterialView): Provision[] {
  const list: Provision[] = [m.provision];
  if (m.provision === 'upload') list.push('paper');
  if (m.provision === 'generated') list.push('upload'); // printed filled in, signed, scanned
  if (m.deferrable) list.push('deferred');
  if (m.commitmentAllowed) list.push('commitment');
  return list;
}

function newKey(): string {
  return typeof crypto.randomUUID === 'function' ? `counter-${crypto.randomUUID()}` : `counter-${Date.now()}-${Math.random().toString(36).slice(2)}`;
}

export function CounterIntake() {
  const t = useOfficeT();
  const { pick } = usePrefs();
  usePageTitle(t('intakeTitle'));

  const [themes, setThemes] = useState<TThemeSummary[]>([]);
  const [idNumber, setIdNumber] = useState('');
  const [themeCode, setThemeCode] = useState('');
  const [started, setStarted] = useState<{ idNumber: string; themeCode: string } | null>(null);
  const [answers, setAnswers] = useState<Answers>({});
  const [notice, setNotice] = useState<TNotice | null>(null);
  const [form, setForm] = useState<TThemeFormView | null>(null);
  const [values, setValues] = useState<FormValues>({});
  const [materials, setMaterials] = useState<Record<string, MaterialChoice>>({});
  const [promise, setPromise] = useState({ signedName: '', agreed: false });
  const [delivery, setDelivery] = useState<{ way: 'online' | 'express' | 'counter'; address: string; counter: string }>({ way: 'online', address: '', counter: '' });
  const [channel, setChannel] = useState<'counter' | 'on-behalf'>('counter');
  const [onBehalfReason, setOnBehalfReason] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [created, setCreated] = useState<TCounterCreated | null>(null);
  const [confirmed, setConfirmed] = useState<TApplicationSummary | null>(null);
  const idemKey = useRef(newKey());

  useEffect(() => {
    const ctrl = new AbortController();
    api<TThemeSummary[]>('GET', '/api/themes', undefined, ctrl.signal)
      .then(setThemes)
      .catch((err: unknown) => {
        if (!isAbort(err)) setError(asApiError(err));
      });
    return () => ctrl.abort();
  }, []);

  // guidance: every change of the answers asks for the notice again
  useEffect(() => {
    if (!started) return;
    const ctrl = new AbortController();
    api<TNotice>('POST', `/api/themes/${encodeURIComponent(started.themeCode)}/notice`, { answers }, ctrl.signal)
      .then(setNotice)
      .catch((err: unknown) => {
        if (!isAbort(err)) setError(asApiError(err));
      });
    return () => ctrl.abort();
  }, [started, answers]);

  // the form, prefilled for the citizen, once every question is answered
  const complete = notice !== null && notice.pending.length === 0;
  useEffect(() => {
    if (!started || !complete) {
      setForm(null);
      return;
    }
    const ctrl = new AbortController();
    api<TThemeFormView>('POST', `/api/themes/${encodeURIComponent(started.themeCode)}/form`, { answers, applicantIdNumber: started.idNumber }, ctrl.signal)
      .then((f) => {
        setForm(f);
        setError(null);
        setValues((old) => {
          const next: FormValues = {};
          for (const e of f.elements) if (!e.producedBy) next[e.code] = old[e.code] ?? e.value;
          return next;
        });
        setMaterials((old) => Object.fromEntries(f.materials.map((m) => [m.code, old[m.code] ?? { provision: m.provision, uploads: [] }])));
      })
      .catch((err: unknown) => {
        if (!isAbort(err)) setError(asApiError(err));
      });
    return () => ctrl.abort();
  }, [started, complete, answers]);

  const start = () => {
    setError(null);
    setAnswers({});
    setNotice(null);
    setForm(null);
    setStarted({ idNumber: idNumber.trim().toUpperCase(), themeCode });
  };

  const needsPromise = Object.values(materials).some((m) => m.provision === 'deferred' || m.provision === 'commitment');

  const onUpload = async (code: string, files: FileList | null) => {
    if (!files || files.length === 0) return;
    setError(null);
    try {
      const up = await Promise.all([...files].map((f) => uploadRaw(f)));
      setMaterials((old) => ({ ...old, [code]: { provision: 'upload', uploads: [...(old[code]?.uploads ?? []), ...up.map((u) => ({ id: u.id, name: u.name }))] } }));
    } catch (err) {
      setError(asApiError(err));
    }
  };

  const submit = async () => {
    if (!started || !form) return;
    setBusy(true);
    setError(null);
    const vals = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== null && v !== ''));
    const body = {
      themeCode: started.themeCode,
      answers,
      values: vals,
      delivery: delivery.way === 'express' ? { way: 'express', address: delivery.address } : delivery.way === 'counter' ? { way: 'counter', counter: delivery.counter } : { way: 'online' },
      idempotencyKey: idemKey.current,
      materials: Object.entries(materials).map(([c, m]) => ({ code: c, provision: m.provision, ...(m.provision === 'upload' ? { uploadIds: m.uploads.map((u) => u.id) } : {}) })),
      ...(needsPromise ? { promise: { signedName: promise.signedName, agreed: promise.agreed } } : {}),
      applicantIdNumber: started.idNumber,
      channel,
      ...(channel === 'on-behalf' ? { onBehalfReason } : {}),
    };
    try {
      setCreated(await api<TCounterCreated>('POST', '/api/counter/applications', body));
    } catch (err) {
      setError(asApiError(err));
    } finally {
      setBusy(false);
    }
  };


  if (created)
    return (
      <>
        <p>
          <Link to="/counter">{t('backToCounter')}</Link>
        </p>
        <h1 className="admin-h1">{t('intakeTitle')}</h1>
        <div aria-live="polite">
          {confirmed ? (
            <Alert type="success" role="status" title={t('confirmedApp', { number: confirmed.number })} />
          ) : (
            <Alert type="info" role="status" title={t('submitted', { name: created.applicant.name })} />
          )}
        </div>
        {!confirmed && <ConfirmByCode intakeId={created.id} codeSentTo={created.codeSentTo} onConfirmed={setConfirmed} />}
        <p>
          <Link to="/counter">{t('backToCounter')}</Link>
        </p>
      </>
    );

  return (
    <>
      <p>
        <Link to="/counter">{t('backToCounter')}</Link>
      </p>
      <h1 className="admin-h1">{t('intakeTitle')}</h1>

      <section aria-labelledby="step-applicant">
        <h2 id="step-applicant">{t('stepApplicant')}</h2>
        <form
          className="form-grid"
          onSubmit={(e) => {
            e.preventDefault();
            if (ID_RE.test(idNumber.trim()) && themeCode) start();
          }}
        >
          <div className="field">
            <label className="admin-label" htmlFor="applicant-id">
              {t('idNumber')}
            </label>
            <Input id="applicant-id" value={idNumber} maxLength={18} autoComplete="off" aria-describedby="applicant-id-hint" onChange={(e) => setIdNumber(e.target.value)} />
            <p id="applicant-id-hint" className="field-hint">
              {t('idNumberHint')}
            </p>
          </div>
          <div className="field">
            <label className="admin-label" htmlFor="theme-select">
              {t('chooseTheme')}
            </label>
            <select id="theme-select" className="native-select" value={themeCode} onChange={(e) => setThemeCode(e.target.value)}>
              <option value="">{t('chooseThemePlaceholder')}</option>
              {themes.map((th) => (
                <option key={th.code} value={th.code}>
                  {pick(th.name, th.nameEn)}
                </option>
              ))}
            </select>
          </div>
          <div className="field field-end">
            <Button htmlType="submit" type="primary" disabled={!ID_RE.test(idNumber.trim()) || !themeCode}>
              {t('start')}
            </Button>
          </div>
        </form>
      </section>

      {started && notice && (
        <section aria-labelledby="step-guidance">
          <h2 id="step-guidance">{t('stepGuidance')}</h2>
          <Guidance notice={notice} answers={answers} onAnswer={(q, o) => setAnswers({ ...answers, [q]: o })} onRestart={() => setAnswers({})} />
        </section>
      )}

      {started && form && (
        <form
          className="intake-form"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          <section aria-labelledby="step-form">
            <h2 id="step-form">{t('stepForm')}</h2>
            <FormFields form={form} values={values} onChange={(c, v) => setValues((old) => ({ ...old, [c]: v }))} />
          </section>

          <section aria-labelledby="step-materials">
            <h2 id="step-materials">{t('stepMaterials')}</h2>
            <ul className="office-list">
              {form.materials.map((m) => {
                const choice = materials[m.code] ?? { provision: m.provision, uploads: [] };
                const name = pick(m.name.zh, m.name.en);
                return (
                  <li key={m.code} className="material-choice">
                    <label className="admin-label" htmlFor={`mat-${m.code}`}>
                      {t('materialHow', { name })}
                      {m.required && <span className="required-mark"> *</span>}
                    </label>
                    <select
                      id={`mat-${m.code}`}
                      className="native-select"
                      value={choice.provision}
                      onChange={(e) => setMaterials({ ...materials, [m.code]: { ...choice, provision: e.target.value as Provision } })}
                    >
                      {provisionsOf(m).map((p) => (
                        <option key={p} value={p}>
                          {t(`provision.${p}` as OfficeKey)}
                        </option>
                      ))}
                    </select>
                    {choice.provision === 'upload' && (
                      <div className="upload">
                        <label htmlFor={`file-${m.code}`}>{t('uploadFile', { name })}</label>{' '}
                        <input id={`file-${m.code}`} type="file" accept="application/pdf,image/jpeg,image/png" multiple onChange={(e) => void onUpload(m.code, e.target.files)} />
                        {choice.uploads.map((u) => (
                          <p key={u.id} className="muted">
                            {t('uploaded', { name: u.name })}
                          </p>
                        ))}
                      </div>
                    )}
                  </li>
                );
              })}
            </ul>
            {needsPromise && (
              <div className="form-grid">
                <div className="field">
                  <label className="admin-label" htmlFor="promise-name">
                    {t('promiseName')}
                  </label>
                  <Input id="promise-name" value={promise.signedName} onChange={(e) => setPromise({ ...promise, signedName: e.target.value })} />
                </div>
                <div className="field field-end">
                  <Checkbox checked={promise.agreed} onChange={(e) => setPromise({ ...promise, agreed: e.target.checked })}>
                    {t('promiseAgree')}
                  </Checkbox>
                </div>
              </div>
            )}
          </section>

          <section aria-labelledby="step-delivery">
            <h2 id="step-delivery">{t('stepDelivery')}</h2>
            <div role="group" aria-labelledby="delivery-label" className="field">
              <span id="delivery-label" className="admin-label">
                {t('delivery')}
              </span>
              <Radio.Group
                value={delivery.way}
                onChange={(e) => setDelivery({ ...delivery, way: e.target.value as 'online' | 'express' | 'counter' })}
                options={(['online', 'express', 'counter'] as const).map((w) => ({ value: w, label: t(`delivery.${w}`) }))}
              />
            </div>
            {delivery.way === 'express' && (
              <div className="field">
                <label className="admin-label" htmlFor="delivery-address">
                  {t('address')}
                </label>
                <Input id="delivery-address" value={delivery.address} onChange={(e) => setDelivery({ ...delivery, address: e.target.value })} />
              </div>
            )}
            {delivery.way === 'counter' && (
              <div className="field">
                <label className="admin-label" htmlFor="delivery-counter">
                  {t('pickupCounter')}
                </label>
                <Input id="delivery-counter" value={delivery.counter} onChange={(e) => setDelivery({ ...delivery, counter: e.target.value })} />
              </div>
            )}
            <div role="group" aria-labelledby="channel-label" className="field">
              <span id="channel-label" className="admin-label">
                {t('channel')}
              </span>
              <Radio.Group
                value={channel}
                onChange={(e) => setChannel(e.target.value as 'counter' | 'on-behalf')}
                options={[
                  { value: 'counter', label: t('channel.counter') },
                  { value: 'on-behalf', label: t('channel.on-behalf') },
                ]}
              />
            </div>
            {channel === 'on-behalf' && (
              <div className="field">
                <label className="admin-label" htmlFor="on-behalf-reason">
                  {t('onBehalfReason')}
                </label>
                <Input id="on-behalf-reason" value={onBehalfReason} onChange={(e) => setOnBehalfReason(e.target.value)} />
              </div>
            )}
          </section>
          {error && <ErrorMessage error={error} />}
          <div className="action-bar">
            <Button type="primary" htmlType="submit" loading={busy}>
              {t('submitIntake')}
            </Button>
          </div>
        </form>
      )}
      {!form && error && <ErrorMessage error={error} />}
    </>
  );
}
