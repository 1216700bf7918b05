// 一次表单: the one prefilled form of a theme after guidance, its materials (upload, 容缺, 告知承诺 with
// the signed promise), the delivery way; save a draft and resume it; submit once (idempotency key).
import { useCallback, useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { api, ApiError, asApiError, isAbort, uploadFile } from '../ui/api.ts';
import type { TApplicationSummary } from '@contract/cases.ts';
import type { TDraft, TFormElementView, TFormMaterialView, TMaterialChoice, TThemeFormView, TUpload } from '@contract/forms.ts';
import type { TUnitView as TUnit } from '@contract/org.ts';
import { ErrorMessage } from '../ui/ErrorMessage.tsx';
import { formatDateTime } from '../ui/format.ts';
import { isApplicant } from '../ui/roles.ts';
import { Link, navigate, useLocation } from '../ui/router.tsx';
import { useSession } from '../ui/session.tsx';
import { usePageTitle } from '../ui/usePageTitle.ts';
import { checkValue, fromApiValue, toApiValue, type FieldValue } from '../me/checks.ts';
import { describedBy, ErrorSummary, Field, fieldId, formatSize, type SummaryItem } from '../me/form-bits.tsx';
import { useMe, type MeKey } from '../me/messages.ts';
import { GeneratedForms } from './GeneratedForms.tsx';

type Answers = Record<string, string[]>;
type Choice = 'upload' | 'deferred' | 'commitment';
interface MaterialState {
  choice: Choice;
  uploads: TUpload[];
  progress: { name: string; pct: number } | null;
}
type DeliveryWay = 'online' | 'express' | 'counter';
interface Delivery {
  way: DeliveryWay | '';
  address: string;
  counter: string;
}

const MAX_BYTES = 10 * 1024 * 1024;
const ACCEPT = '.pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png';
const UPLOAD_NAMES = 'yj.uploads';
const idemKey = (code: string) => `yj.submit.${code}`;

/** guidance answers carried in the URL from the theme page (?answers=JSON) */
export function answersFromQuery(query: URLSearchParams): Answers | null {
  const raw = query.get('answers');
  if (!raw) return null;
  try {
    const parsed = JSON.parse(raw) as unknown;
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return null;
    const out: Answers = {};
    for (const [k, v] of Object.entries(parsed as Record<string, unknown>)) if (Array.isArray(v)) out[k] = v.map(String);
    return out;
  } catch {
    return null;
  }
}

// Upload names are remembered on this device so a resumed draft shows them; another device shows ids.
function rememberUpload(u: TUpload): void {
  try {
    const all = JSON.parse(localStorage.getItem(UPLOAD_NAMES) ?? '{}') as Record<string, TUpload>;
    all[u.id] = u;
    localStorage.setItem(UPLOAD_NAMES, JSON.stringify(all));
  } catch {
    /* storage blocked */
  }
}
function recallUpload(id: string): TUpload {
  try {
    const all = JSON.parse(localStorage.getItem(UPLOAD_NAMES) ?? '{}') as Record<string, TUpload>;
    if (all[id]) return all[id];
  } catch {
    /* storage blocked */
  }
  return { id, name: id.slice(0, 8), size: 0, contentType: 'application/pdf', sha256: '' };
}

function storedKey(code: string): string {
  try {
    const k = sessionStorage.getItem(idemKey(code));
    if (k) return k;
    const fresh = crypto.randomUUID();
    sessionStorage.setItem(idemKey(code), fresh);
    return fresh;
  } catch {
    return crypto.randomUUID();
  }
}

const sameAnswers = (a: Answers, b: Answers) => JSON.stringify(Object.entries(a).sort()) === JSON.stringify(Object.entries(b).sort());

function offeredChoice(mat: TFormMaterialView): boolean {
  return mat.provision === 'upload';
}

export function ApplyPage({ code }: { code: string }) {
  const { m, t, pick, lang } = useMe();
  const { user } = useSession();
  const { path, query } = useLocation();
  const urlAnswers = useMemo(() => answersFromQuery(query), [query]);

  const [form, setForm] = useState<TThemeFormView | null>(null);
  const [answers, setAnswers] = useState<Answers | null>(null);
  const [loadError, setLoadError] = useState<ApiError | null>(null);
  const [draft, setDraft] = useState<TDraft | null>(null);
  const [draftState, setDraftState] = useState<{ kind: 'offered' | 'resumed' | 'saved' | 'none'; at?: string }>({ kind: 'none' });
  const [values, setValues] = useState<Record<string, FieldValue>>({});
  const [materials, setMaterials] = useState<Record<string, MaterialState>>({});
  const [promise, setPromise] = useState({ signedName: '', agreed: false });
  // 申请表 generated from this form: signed online with this declaration (or printed, signed, uploaded)
  const [signForms, setSignForms] = useState(false);
  const [delivery, setDelivery] = useState<Delivery>({ way: '', address: '', counter: '' });
  const [counters, setCounters] = useState<TUnit[]>([]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [summary, setSummary] = useState<SummaryItem[] | null>(null);
  const [serverError, setServerError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState<'saving' | 'submitting' | null>(null);
  const [retryHint, setRetryHint] = useState(false);
  const [needsGuidance, setNeedsGuidance] = useState(false);
  const summaryRef = useRef<HTMLDivElement>(null);
  const submitting = useRef(false);
  // what takes the focus once the problems are on the page: set after an await, React may commit
  // the render after the next animation frame, so the focus follows the commit, not a frame
  const [focusRequest, setFocusRequest] = useState<{ to: 'summary' | 'server-error' } | null>(null);
  useEffect(() => {
    if (!focusRequest) return;
    if (focusRequest.to === 'summary') summaryRef.current?.focus();
    else document.getElementById('apply-server-error')?.focus();
  }, [focusRequest]);

  usePageTitle(form ? m('applyTitle', { theme: pick(form.theme.name.zh, form.theme.name.en) }) : undefined);

  const applicant = user ? isApplicant(user.role) : false;

  const loadForm = useCallback(async (a: Answers, signal?: AbortSignal) => {
    const f = await api<TThemeFormView>('POST', `/api/themes/${encodeURIComponent(code)}/form`, { answers: a }, signal);
    setForm(f);
    setAnswers(a);
    const v: Record<string, FieldValue> = {};
    for (const el of f.elements) {
      const fv = el.producedBy ? undefined : fromApiValue(el, el.value);
      if (fv !== undefined) v[el.code] = fv;
    }
    setValues(v);
    const mats: Record<string, MaterialState> = {};
    for (const mat of f.materials) if (offeredChoice(mat)) mats[mat.code] = { choice: 'upload', uploads: [], progress: null };
    setMaterials(mats);
    return f;
  }, [code]);

  // the draft (if any), then the form for the answers from the URL, else those of the draft
  useEffect(() => {
    if (!applicant) return;
    const ctrl = new AbortController();
    (async () => {
      let found: TDraft | null = null;
      try {
        found = await api<TDraft>('GET', `/api/drafts/${encodeURIComponent(code)}`, undefined, ctrl.signal);
      } catch (err) {
        if (isAbort(err)) return;
        if (!(err instanceof ApiError && err.status === 404)) console.warn('draft lookup failed', err);
      }
      setDraft(found);
      if (found) setDraftState({ kind: 'offered', at: found.updatedAt });
      const a = urlAnswers ?? found?.answers ?? null;
      if (!a) {
        setNeedsGuidance(true);
        return;
      }
      setNeedsGuidance(false);
      await loadForm(a, ctrl.signal);
    })().catch((err: unknown) => {
      if (!isAbort(err)) setLoadError(asApiError(err));
    });
    return () => ctrl.abort();
  }, [applicant, code, urlAnswers, loadForm]);

  useEffect(() => {
    if (delivery.way !== 'counter' || counters.length > 0) return;
    api<{ items: TUnit[] }>('GET', '/api/units?kind=government')
      .then((r) => setCounters(r.items))
      .catch(() => setCounters([]));
  }, [delivery.way, counters.length]);

  const matterName = (mc: string) => {
    const mm = form?.matters.find((x) => x.code === mc);
    return mm ? pick(mm.name.zh, mm.name.en) : mc;
  };
  const labelOf = (el: TFormElementView) => pick(el.label.zh, el.label.en);

  const resumeDraft = async () => {
    if (!draft) return;
    try {
      const f = sameAnswers(draft.answers, answers ?? {}) && form ? form : await loadForm(draft.answers);
      const v: Record<string, FieldValue> = {};
      for (const el of f.elements) {
        if (el.producedBy) continue;
        // the applicant's identity is the profile's, whatever a draft holds
        const saved = el.readOnly ? undefined : draft.values[el.code];
        const fv = saved === undefined ? fromApiValue(el, el.value) : fromApiValue(el, saved);
        if (fv !== undefined) v[el.code] = fv;
      }
      setValues(v);
      const mats: Record<string, MaterialState> = {};
      for (const mat of f.materials) {
        if (!offeredChoice(mat)) continue;
        const saved = draft.materials?.find((x) => x.code === mat.code);
        const choice: Choice = saved?.provision === 'deferred' || saved?.provision === 'commitment' ? saved.provision : 'upload';
        mats[mat.code] = { choice, uploads: (saved?.uploadIds ?? []).map(recallUpload), progress: null };
      }
      setMaterials(mats);
      const d = draft.delivery ?? {};
      const way = d.way === 'online' || d.way === 'express' || d.way === 'counter' ? d.way : '';
      setDelivery({ way, address: d.address ?? '', counter: d.counter ?? '' });
      setPromise({ signedName: d.signedName ?? '', agreed: false });
      setDraftState({ kind: 'resumed', at: draft.updatedAt });
      document.getElementById('apply-form-title')?.focus();
    } catch (err) {
      setServerError(asApiError(err));
    }
  };

  const materialChoices = (): TMaterialChoice[] =>
    (form?.materials ?? []).flatMap((mat): TMaterialChoice[] => {
      if (!offeredChoice(mat)) return [{ code: mat.code, provision: mat.provision }];
      const st = materials[mat.code];
      if (!st) return [];
      if (st.choice !== 'upload') return [{ code: mat.code, provision: st.choice }];
      if (st.uploads.length === 0) return mat.required ? [{ code: mat.code, provision: 'upload' as const, uploadIds: [] }] : [];
      return [{ code: mat.code, provision: 'upload' as const, uploadIds: st.uploads.map((u) => u.id) }];
    });

  const apiValues = () => {
    const out: Record<string, string | number | boolean> = {};
    for (const el of form?.elements ?? []) {
      if (el.producedBy) continue;
      const v = toApiValue(el, values[el.code]);
      if (v !== undefined) out[el.code] = v;
    }
    return out;
  };

  const apiDelivery = () =>
    delivery.way === 'express'
      ? { way: 'express' as const, address: delivery.address.trim() }
      : delivery.way === 'counter'
        ? { way: 'counter' as const, counter: delivery.counter }
        : { way: 'online' as const };

  const saveDraft = async () => {
    if (!form || !answers) return;
    setBusy('saving');
    setServerError(null);
    try {
      const d: Record<string, string> = {};
      if (delivery.way) d.way = delivery.way;
      if (delivery.address) d.address = delivery.address;
      if (delivery.counter) d.counter = delivery.counter;
      if (promise.signedName) d.signedName = promise.signedName;
      const saved = await api<{ themeCode: string; updatedAt: string }>('PUT', `/api/drafts/${encodeURIComponent(code)}`, {
        answers,
        values: apiValues(),
        materials: materialChoices().map((c) => (c.uploadIds?.length === 0 ? { code: c.code, provision: c.provision } : c)),
        delivery: d,
      });
      setDraftState({ kind: 'saved', at: saved.updatedAt });
    } catch (err) {
      setServerError(asApiError(err));
    } finally {
      setBusy(null);
    }
  };

  const needsPromise = Object.values(materials).some((s) => s.choice !== 'upload');

  /** every problem the browser can see, keyed like the server's detail paths */
  const clientProblems = (): Record<string, string> => {
    const p: Record<string, string> = {};
    if (!form) return p;
    for (const el of form.elements) {
      if (el.producedBy) continue;
      const problem = checkValue(el, values[el.code], labelOf(el), m);
      if (problem) p[`values.${el.code}`] = problem;
    }
    for (const mat of form.materials) {
      const st = materials[mat.code];
      if (offeredChoice(mat) && mat.required && st?.choice === 'upload' && st.uploads.length === 0)
        p[`materials.${mat.code}`] = m('materialMissing', { name: pick(mat.name.zh, mat.name.en) });
    }
    if (needsPromise) {
      const name = promise.signedName.trim();
      if (!name) p['promise.signedName'] = m('promiseNameMissing');
      else if (user && name !== user.name) p['promise.signedName'] = m('promiseNameWrong', { name: user.name });
      if (!promise.agreed) p['promise.agreed'] = m('promiseNotAgreed');
    }
    if (form.materials.some((mat) => mat.provision === 'generated') && !signForms) p['sign.agreed'] = m('signNotAgreed');
    if (!delivery.way) p['delivery.way'] = m('deliveryMissing');
    if (delivery.way === 'express' && [...delivery.address.trim()].length < 5) p['delivery.address'] = m('deliveryAddressMissing');
    if (delivery.way === 'counter' && !delivery.counter) p['delivery.counter'] = m('deliveryCounterMissing');
    return p;
  };

  /** the control a problem path points at */
  const targetOf = (key: string): string => {
    if (key.startsWith('values.')) return fieldId(key.slice('values.'.length));
    if (key.startsWith('materials.')) return `${fieldId(`mat-${key.slice('materials.'.length)}`)}-choice`;
    if (key === 'promise.signedName') return 'promise-name';
    if (key === 'promise.agreed') return 'promise-agree';
    if (key === 'sign.agreed') return 'sign-forms';
    if (key === 'delivery.address') return 'delivery-address';
    if (key === 'delivery.counter') return 'delivery-counter';
    return 'delivery-online';
  };

  const showProblems = (p: Record<string, string>, extra: SummaryItem[] = []) => {
    setErrors(p);
    setSummary([...Object.entries(p).map(([k, text]) => ({ target: targetOf(k), text })), ...extra]);
    setFocusRequest({ to: 'summary' });
  };

  /** the server's 422 details (path "values.child.name", "materials.x", "promise", "delivery…") next to the fields */
  const serverProblems = (err: ApiError): Record<string, string> | null => {
    if (err.status !== 422 && err.status !== 400) return null;
    const p: Record<string, string> = {};
    const codes = new Set(form?.elements.map((e) => e.code));
    const mats = new Set(form?.materials.map((x) => x.code));
    for (const d of err.body.details) {
      const text = pick(d.zh, d.en);
      const path = d.path ?? '';
      const rest = path.replace(/^body\./, '');
      let key: string | null = null;
      if (rest.startsWith('values.') && codes.has(rest.slice(7))) key = rest;
      else if (codes.has(rest)) key = `values.${rest}`;
      else if (rest.startsWith('materials.')) {
        const mc = rest.slice(10).split('.')[0]!;
        const byIndex = /^\d+$/.test(mc) ? materialChoices()[Number(mc)]?.code : mc;
        key = byIndex && mats.has(byIndex) ? `materials.${byIndex}` : null;
      } else if (rest.startsWith('promise')) key = rest.includes('agreed') ? 'promise.agreed' : 'promise.signedName';
      else if (rest.startsWith('delivery')) key = rest.includes('address') ? 'delivery.address' : rest.includes('counter') ? 'delivery.counter' : 'delivery.way';
      if (key) p[key] = p[key] ? `${p[key]}；${text}` : text;
    }
    return Object.keys(p).length > 0 ? p : null;
  };

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (!form || !answers || submitting.current) return;
    setServerError(null);
    const p = clientProblems();
    if (Object.keys(p).length > 0) {
      showProblems(p);
      return;
    }
    setErrors({});
    setSummary(null);
    submitting.current = true;
    setBusy('submitting');
    const key = storedKey(code); // the same key for every retry of this attempt: never two applications
    try {
      const created = await api<TApplicationSummary>('POST', '/api/applications', {
        themeCode: code,
        answers,
        values: apiValues(),
        delivery: apiDelivery(),
        idempotencyKey: key,
        materials: materialChoices(),
        ...(needsPromise ? { promise: { signedName: promise.signedName.trim(), agreed: true } } : {}),
      });
      try {
        sessionStorage.removeItem(idemKey(code));
        // the labels of what was asked, so a later supplement request can offer them by name on this device
        const asked = form.elements
          .filter((el) => !el.producedBy)
          .map(({ code: c, label, type, options, matters }) => ({ code: c, label, type, options, matters }));
        localStorage.setItem(`yj.form.${created.id}`, JSON.stringify({ elements: asked, values: apiValues() }));
      } catch {
        /* storage blocked or full: the supplement form then asks for the detail by code */
      }
      navigate(`/me/applications/${encodeURIComponent(created.id)}?submitted=1`);
    } catch (err) {
      const apiErr = asApiError(err);
      setRetryHint(apiErr.body.code === 'NETWORK' || apiErr.status >= 500);
      const mapped = serverProblems(apiErr);
      if (mapped) {
        const unmapped = apiErr.body.details.filter((d) => !Object.values(mapped).some((t) => t.includes(pick(d.zh, d.en))));
        showProblems(mapped, unmapped.map((d) => ({ target: 'apply-form-title', text: pick(d.zh, d.en) })));
      } else {
        setServerError(apiErr);
        setFocusRequest({ to: 'server-error' });
      }
    } finally {
      submitting.current = false;
      setBusy(null);
    }
  };

  const setValue = (c: string, v: FieldValue) => {
    setValues((prev) => ({ ...prev, [c]: v }));
    if (errors[`values.${c}`]) setErrors((prev) => Object.fromEntries(Object.entries(prev).filter(([k]) => k !== `values.${c}`)));
  };

  const onFile = async (mat: TFormMaterialView, file: File) => {
    const name = file.name;
    const setMat = (f: (s: MaterialState) => MaterialState) =>
      setMaterials((prev) => ({ ...prev, [mat.code]: f(prev[mat.code] ?? { choice: 'upload', uploads: [], progress: null }) }));
    const key = `materials.${mat.code}`;
    const fail = (text: string) => setErrors((prev) => ({ ...prev, [key]: text }));
    if (file.size > MAX_BYTES) return fail(m('fileTooBig', { name }));
    if (file.type && !['application/pdf', 'image/jpeg', 'image/png'].includes(file.type)) return fail(m('fileWrongType', { name }));
    setErrors((prev) => Object.fromEntries(Object.entries(prev).filter(([k]) => k !== key)));
    setMat((s) => ({ ...s, progress: { name, pct: 0 } }));
    try {
      const up = await uploadFile<TUpload>(`/api/uploads?name=${encodeURIComponent(name)}`, file, (f) =>
        setMat((s) => ({ ...s, progress: { name, pct: Math.round(f * 100) } })),
      );
      rememberUpload(up);
      setMat((s) => ({ ...s, uploads: [...s.uploads, up], progress: null }));
    } catch (err) {
      const apiErr = asApiError(err);
      setMat((s) => ({ ...s, progress: null }));
      fail(`${m('uploadFailed', { name })}：${pick(apiErr.body.message.zh, apiErr.body.message.en)}`);
    }
  };

  // ---------- render ----------
  const back = (
    <p className="breadcrumb">
      <Link to={`/themes/${encodeURIComponent(code)}`}>{m('applyBackToTheme')}</Link>
    </p>
  );

  if (user === undefined)
    return (
      <div className="page">
        <p role="status">{t('loading')}</p>
      </div>
    );
  if (user === null)
    return (
      <div className="page narrow">
        {back}
        <h1>{t('login')}</h1>
        <p>{m('applySignIn')}</p>
        <p>
          <Link className="button primary" to={`/login?next=${encodeURIComponent(path + (query.toString() ? `?${query.toString()}` : ''))}`}>
            {m('applySignInLink')}
          </Link>
        </p>
      </div>
    );
  if (!applicant)
    return (
      <div className="page narrow">
        {back}
        <p role="status">{m('applyNotApplicant')}</p>
      </div>
    );
  if (loadError)
    return (
      <div className="page">
        {back}
        <h1>{t('themeUnavailable')}</h1>
        <ErrorMessage error={loadError} />
      </div>
    );
  if (needsGuidance && !form)
    return (
      <div className="page narrow">
        {back}
        <p role="status">{m('applyNeedsGuidance')}</p>
      </div>
    );
  if (!form)
    return (
      <div className="page">
        {back}
        <p role="status">{t('loading')}</p>
      </div>
    );

  const elementsByCode = new Map(form.elements.map((el) => [el.code, el]));
  const errorFor = (key: string) => errors[key];

  const renderControl = (el: TFormElementView, a11y: { id: string; 'aria-describedby': string | undefined; 'aria-invalid': true | undefined; required: boolean }) => {
    const v = values[el.code];
    const str = typeof v === 'string' ? v : '';
    const common = { ...a11y, name: el.code, maxLength: el.maxLength };
    switch (el.type) {
      case 'longText':
      case 'address':
        return <textarea {...common} rows={el.type === 'address' ? 2 : 4} value={str} onChange={(e) => setValue(el.code, e.target.value)} />;
      case 'date':
        return <input {...common} type="date" value={str} onChange={(e) => setValue(el.code, e.target.value)} />;
      case 'phone':
        return <input {...common} type="tel" autoComplete="tel" inputMode="tel" value={str} onChange={(e) => setValue(el.code, e.target.value)} />;
      case 'email':
        return <input {...common} type="email" autoComplete="email" value={str} onChange={(e) => setValue(el.code, e.target.value)} />;
      case 'number':
      case 'money':
        return <input {...common} type="text" inputMode="decimal" value={str} onChange={(e) => setValue(el.code, e.target.value)} />;
      case 'enum':
        return (
          <select {...common} value={str} onChange={(e) => setValue(el.code, e.target.value)}>
            <option value="">{m('chooseOne')}</option>
            {(el.options ?? []).map((o) => (
              <option key={o.value} value={o.value}>
                {pick(o.label.zh, o.label.en)}
              </option>
            ))}
          </select>
        );
      case 'idNumber':
      case 'divisionCode':
      case 'creditCode':
        return <input {...common} type="text" autoCapitalize="characters" spellCheck={false} value={str} onChange={(e) => setValue(el.code, e.target.value)} />;
      default:
        return <input {...common} type="text" value={str} onChange={(e) => setValue(el.code, e.target.value)} />;
    }
  };

  const originNote = (el: TFormElementView) =>
    el.origin && values[el.code] !== undefined ? (
      <span className="tag tag-info origin" data-origin={el.origin.source}>
        {m('fromSource', { source: pick(el.origin.name.zh, el.origin.name.en) })}
      </span>
    ) : null;

  const renderElement = (el: TFormElementView) => {
    const id = fieldId(el.code);
    const label = labelOf(el);
    if (el.producedBy)
      return (
        <div className="field produced" key={el.code} data-element={el.code}>
          <p className="produced-label">{label}</p>
          <p className="field-note">{m('producedBy', { matter: matterName(el.producedBy) })}</p>
        </div>
      );
    const hint = el.hint ? pick(el.hint.zh, el.hint.en) : null;
    // the applicant's own identity (实名信息): shown as it is, not changeable; acting for someone else is done at a counter
    if (el.readOnly)
      return (
        <div key={el.code} data-element={el.code} data-readonly="true">
          <Field id={id} label={label} note={<>{originNote(el)} {m(user?.role === 'enterprise' ? 'identityLockedEnterprise' : 'identityLocked')}</>}>
            {(a11y) => <input {...a11y} required={false} name={el.code} type="text" readOnly value={String(values[el.code] ?? '')} />}
          </Field>
        </div>
      );
    if (el.type === 'boolean') {
      const v = values[el.code];
      const errorId = errorFor(`values.${el.code}`) ? `${id}-error` : null;
      const noteId = el.origin && v !== undefined ? `${id}-note` : null;
      return (
        <fieldset className={errorId ? 'field choice has-error' : 'field choice'} key={el.code} data-element={el.code} aria-describedby={describedBy(errorId, noteId)}>
          <legend>
            {label}
            {el.required && <span aria-hidden="true"> *</span>}
            {el.required && <span className="visually-hidden">{m('requiredMark')}</span>}
          </legend>
          {errorId && (
            <p className="field-error" id={errorId}>
              {errorFor(`values.${el.code}`)}
            </p>
          )}
          <div className="options inline">
            {[true, false].map((b) => (
              <label key={String(b)} className="option" htmlFor={b ? id : `${id}-no`}>
                <input id={b ? id : `${id}-no`} type="radio" name={el.code} checked={v === b} onChange={() => setValue(el.code, b)} />
                <span>{b ? m('yes') : m('no')}</span>
              </label>
            ))}
          </div>
          {noteId && (
            <p className="field-note" id={noteId}>
              {originNote(el)}
            </p>
          )}
        </fieldset>
      );
    }
    return (
      <div key={el.code} data-element={el.code}>
        <Field id={id} label={label} required={el.required} hint={hint} note={originNote(el)} error={errorFor(`values.${el.code}`)}>
          {(a11y) => renderControl(el, a11y)}
        </Field>
      </div>
    );
  };

  const renderMaterial = (mat: TFormMaterialView) => {
    const name = pick(mat.name.zh, mat.name.en);
    const base = fieldId(`mat-${mat.code}`);
    if (!offeredChoice(mat))
      return (
        <li key={mat.code} className="material-item" data-material={mat.code}>
          <p className="material-name">{name}</p>
          <p className="field-note">
            <span className="tag tag-ok">{m('materialAuto', { how: m(`provision.${mat.provision}` as MeKey) })}</span>
          </p>
        </li>
      );
    const st = materials[mat.code] ?? { choice: 'upload' as const, uploads: [], progress: null };
    const error = errorFor(`materials.${mat.code}`);
    const errorId = error ? `${base}-error` : undefined;
    const statusId = `${base}-status`;
    const set = (choice: Choice) => {
      setMaterials((prev) => ({ ...prev, [mat.code]: { ...st, choice } }));
      setErrors((prev) => Object.fromEntries(Object.entries(prev).filter(([k]) => k !== `materials.${mat.code}`)));
    };
    const choices: Array<[Choice, MeKey]> = [['upload', 'provideUpload']];
    if (mat.deferrable) choices.push(['deferred', 'provideDeferred']);
    if (mat.commitmentAllowed) choices.push(['commitment', 'provideCommitment']);
    return (
      <li key={mat.code} className={error ? 'material-item has-error' : 'material-item'} data-material={mat.code}>
        <fieldset aria-describedby={describedBy(errorId)}>
          <legend className="material-name">
            {name}
            {mat.required ? <span aria-hidden="true"> *</span> : null}
            <span className="visually-hidden">{mat.required ? m('requiredMark') : m('optionalMark')}</span>
          </legend>
          {mat.matters.length > 0 && <p className="muted small">{m('usedFor', { list: mat.matters.map(matterName).join(t('listSep')) })}</p>}
          {error && (
            <p className="field-error" id={errorId}>
              {error}
            </p>
          )}
          {choices.length > 1 && (
            <div className="options" role="radiogroup" aria-label={m('howToProvide', { name })}>
              {choices.map(([c, key], i) => (
                <label key={c} className="option" htmlFor={i === 0 ? `${base}-choice` : `${base}-${c}`}>
                  <input
                    id={i === 0 ? `${base}-choice` : `${base}-${c}`}
                    type="radio"
                    name={`mat-${mat.code}`}
                    checked={st.choice === c}
                    onChange={() => set(c)}
                  />
                  <span>{m(key)}</span>
                </label>
              ))}
            </div>
          )}
          {st.choice === 'upload' && (
            <div className="upload">
              <label htmlFor={choices.length > 1 ? `${base}-file` : `${base}-choice`} className="file-label">
                {m('chooseFile')}
                <span className="visually-hidden">：{name}</span>
              </label>
              <input
                id={choices.length > 1 ? `${base}-file` : `${base}-choice`}
                className="file-input"
                type="file"
                accept={ACCEPT}
                aria-describedby={describedBy(errorId, statusId)}
                onChange={(e) => {
                  const f = e.target.files?.[0];
                  e.target.value = '';
                  if (f) void onFile(mat, f);
                }}
              />
              <div id={statusId} aria-live="polite">
                {st.progress && (
                  <p className="upload-progress">
                    <progress max={100} value={st.progress.pct} aria-label={m('uploading', { name: st.progress.name, pct: st.progress.pct })} />{' '}
                    {m('uploading', { name: st.progress.name, pct: st.progress.pct })}
                  </p>
                )}
                {st.uploads.length > 0 && (
                  <ul className="plain-list uploads">
                    {st.uploads.map((u) => (
                      <li key={u.id}>
                        <span className="tag tag-ok">
                          {m('uploaded', { name: u.name, size: u.size ? formatSize(u.size) : '—', type: u.contentType.replace(/^.*\//, '').toUpperCase() })}
                        </span>{' '}
                        <button
                          type="button"
                          className="link-button"
                          onClick={() => setMaterials((prev) => ({ ...prev, [mat.code]: { ...st, uploads: st.uploads.filter((x) => x.id !== u.id) } }))}
                        >
                          {m('removeUpload', { name: u.name })}
                        </button>
                      </li>
                    ))}
                  </ul>
                )}
              </div>
            </div>
          )}
          {st.choice === 'deferred' && <p className="field-note">{m('deferredNote')}</p>}
          {st.choice === 'commitment' && <p className="field-note">{m('commitmentNote')}</p>}
        </fieldset>
      </li>
    );
  };

  const deliveryError = errorFor('delivery.way');
  return (
    <div className="page apply">
      {back}
      <h1 id="apply-form-title" tabIndex={-1}>
        {m('applyTitle', { theme: pick(form.theme.name.zh, form.theme.name.en) })}
      </h1>
      <p className="lead">{m('applyLead')}</p>

      {draftState.kind === 'offered' && draftState.at && (
        <div className="panel draft-banner" role="region" aria-label={m('draftResume')}>
          <p>{m('draftFound', { time: formatDateTime(lang, draftState.at) })}</p>
          <div className="button-row">
            <button type="button" className="button primary" onClick={() => void resumeDraft()}>
              {m('draftResume')}
            </button>
            <button type="button" className="button" onClick={() => setDraftState({ kind: 'none' })}>
              {m('draftDiscard')}
            </button>
          </div>
        </div>
      )}
      <div role="status" aria-live="polite" className="draft-status">
        {draftState.kind === 'resumed' && draftState.at && <p className="ok-box">{m('draftResumed', { time: formatDateTime(lang, draftState.at) })}</p>}
        {draftState.kind === 'saved' && draftState.at && <p className="ok-box">{m('draftSaved', { time: formatDateTime(lang, draftState.at) })}</p>}
      </div>

      <section className="panel" aria-labelledby="apply-matters">
        <h2 id="apply-matters">{m('applyMatters', { n: form.matters.length })}</h2>
        <ol className="matter-list">
          {form.matters.map((mm) => (
            <li key={mm.code}>
              <span className="matter-name">{pick(mm.name.zh, mm.name.en)}</span>
              <span className="unit">{pick(mm.unit.name.zh, mm.unit.name.en)}</span>
            </li>
          ))}
        </ol>
      </section>

      {form.prefillProblems.length > 0 && (
        <section className="panel info-box" aria-labelledby="prefill-problems">
          <h2 id="prefill-problems">{m('prefillProblemsTitle')}</h2>
          <p>{m('prefillProblemsLead')}</p>
          <ul>
            {form.prefillProblems.map((p, i) => (
              <li key={`${p.source}-${i}`}>{pick(p.zh, p.en)}</li>
            ))}
          </ul>
        </section>
      )}

      <form className="form apply-form" onSubmit={onSubmit} noValidate aria-labelledby="apply-form-title">
        {summary && summary.length > 0 && <ErrorSummary ref={summaryRef} items={summary} />}

        {form.groups.map((g) => {
          const els = g.elements.map((c) => elementsByCode.get(c)).filter((x): x is TFormElementView => !!x);
          if (els.length === 0) return null;
          return (
            <fieldset className="panel group" key={g.code} data-group={g.code}>
              <legend>
                <h2>{pick(g.name.zh, g.name.en)}</h2>
              </legend>
              {els.map(renderElement)}
            </fieldset>
          );
        })}

        {form.materials.length > 0 && (
          <section className="panel" aria-labelledby="materials-title">
            <h2 id="materials-title">{m('materialsTitle')}</h2>
            <p className="muted">{m('materialsLead')}</p>
            <ul className="plain-list materials">{form.materials.map(renderMaterial)}</ul>
          </section>
        )}

        {needsPromise && (
          <section className="panel promise" aria-labelledby="promise-title">
            <h2 id="promise-title">{m('promiseTitle')}</h2>
            <p id="promise-text">{m('promiseText')}</p>
            <Field id="promise-name" label={m('promiseName')} required error={errorFor('promise.signedName')}>
              {(a11y) => (
                <input {...a11y} type="text" autoComplete="name" value={promise.signedName} onChange={(e) => setPromise({ ...promise, signedName: e.target.value })} />
              )}
            </Field>
            {errorFor('promise.agreed') && (
              <p className="field-error" id="promise-agree-error">
                {errorFor('promise.agreed')}
              </p>
            )}
            <label className="option" htmlFor="promise-agree">
              <input
                id="promise-agree"
                type="checkbox"
                checked={promise.agreed}
                aria-invalid={errorFor('promise.agreed') ? true : undefined}
                aria-describedby={describedBy(errorFor('promise.agreed') && 'promise-agree-error', 'promise-text')}
                onChange={(e) => setPromise({ ...promise, agreed: e.target.checked })}
              />
              <span>{m('promiseAgree')}</span>
            </label>
          </section>
        )}

        {form.materials.some((mat) => mat.provision === 'generated') && (
          <GeneratedForms
            themeCode={code}
            answers={answers ?? {}}
            values={apiValues}
            materials={form.materials.filter((mat) => mat.provision === 'generated')}
            signed={signForms}
            onSigned={(v) => {
              setSignForms(v);
              if (v) setErrors((prev) => Object.fromEntries(Object.entries(prev).filter(([k]) => k !== 'sign.agreed')));
            }}
            error={errorFor('sign.agreed')}
            signerName={user?.name ?? ''}
          />
        )}

        <fieldset className="panel delivery" aria-describedby={describedBy(deliveryError && 'delivery-error', 'delivery-lead')}>
          <legend>
            <h2>{m('deliveryTitle')}</h2>
          </legend>
          <p id="delivery-lead" className="muted">
            {m('deliveryLead')}
          </p>
          {deliveryError && (
            <p className="field-error" id="delivery-error">
              {deliveryError}
            </p>
          )}
          <div className="options">
            {(['online', 'express', 'counter'] as const).map((w) => (
              <label key={w} className="option" htmlFor={`delivery-${w}`}>
                <input
                  id={`delivery-${w}`}
                  type="radio"
                  name="delivery"
                  value={w}
                  checked={delivery.way === w}
                  onChange={() => {
                    setDelivery({ ...delivery, way: w });
                    setErrors((prev) => Object.fromEntries(Object.entries(prev).filter(([k]) => !k.startsWith('delivery'))));
                  }}
                />
                <span>{m(`delivery.${w}`)}</span>
              </label>
            ))}
          </div>
          {delivery.way === 'express' && (
            <Field id="delivery-address" label={m('deliveryAddress')} required hint={m('deliveryAddressHint')} error={errorFor('delivery.address')}>
              {(a11y) => (
                <textarea {...a11y} rows={2} autoComplete="street-address" value={delivery.address} onChange={(e) => setDelivery({ ...delivery, address: e.target.value })} />
              )}
            </Field>
          )}
          {delivery.way === 'counter' && (
            <Field id="delivery-counter" label={m('deliveryCounter')} required error={errorFor('delivery.counter')}>
              {(a11y) => (
                <select {...a11y} value={delivery.counter} onChange={(e) => setDelivery({ ...delivery, counter: e.target.value })}>
                  <option value="">{m('chooseOne')}</option>
                  {counters.map((u) => (
                    <option key={u.code} value={u.code}>
                      {pick(u.name, u.nameEn)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          )}
        </fieldset>

        {serverError && (
          <div id="apply-server-error" tabIndex={-1}>
            <ErrorMessage error={serverError} />
          </div>
        )}
        {retryHint && <p className="info-box">{m('submitRetry')}</p>}

        <div className="button-row sticky-actions">
          <button type="button" className="button" onClick={() => void saveDraft()} disabled={busy !== null}>
            {busy === 'saving' ? m('draftSaving') : m('draftSave')}
          </button>
          <button type="submit" className="button primary" disabled={busy !== null} aria-disabled={busy !== null}>
            {busy === 'submitting' ? m('submitting') : m('submit')}
          </button>
        </div>
      </form>
    </div>
  );
}
