// The status page of one application: one overall status; per sub-case its unit, status, promised
// date, paused clock and timeline; 容缺 materials with their deadlines; a supplement request with the
// officer's note and the answer form; withdraw with confirmation; when complete, ONE delivery block.
import { WAITING_CHANGED } from '../ui/Layout.tsx';
import { CASE_STATUSES, eventName, hasResultCode, isFinalCode } from '@contract/case-status.ts';
import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { api, asApiError, isAbort, uploadFile, type ApiError } from '../ui/api.ts';
import type { TApplicationView, THistoryEntry, TSubcaseView } from '@contract/cases.ts';
import type { TThemeDetail } from '@contract/catalog-api.ts';
import type { TUnitView as TUnit } from '@contract/org.ts';
import { ErrorMessage } from '../ui/ErrorMessage.tsx';
import { formatDate, formatDateTime } from '../ui/format.ts';
import { Link, useLocation } from '../ui/router.tsx';
import { usePageTitle } from '../ui/usePageTitle.ts';
import { Field } from './form-bits.tsx';
import { useMe, type MeKey } from './messages.ts';
import { ReceiptCard } from './ReceiptCard.tsx';
import { StatusTag } from './StatusTag.tsx';
import { FeePanel } from './FeePanel.tsx';

const fileSize = (bytes: number) => (bytes < 1024 ? `${bytes} B` : bytes < 1024 * 1024 ? `${Math.ceil(bytes / 1024)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`);

const DECISIONS: Record<string, MeKey> = {
  approved: 'decisionApproved', rejected: 'decisionRejected', notAccepted: 'decisionNotAccepted', voided: 'decisionVoided',
};

function Timeline({ entries }: { entries: THistoryEntry[] }) {
  const { m, pick, lang } = useMe();
  if (entries.length === 0) return <p className="muted">{m('noHistory')}</p>;
  const who = (role: string | null) =>
    role === 'citizen' || role === 'enterprise' ? m('byApplicant') : role === 'officer' ? m('byOfficer') : role === 'counter' ? m('byCounter') : m('bySystem');
  return (
    <ol className="timeline">
      {entries.map((h, i) => {
        const ev = eventName(h.event);
        return (
          <li key={`${h.at}-${i}`}>
            <time dateTime={h.at}>{formatDateTime(lang, h.at)}</time>{' '}
            <span className="timeline-event">{ev ? pick(ev.zh, ev.en) : h.event}</span>
            {h.actorRole !== null && <span className="muted"> · {who(h.actorRole)}</span>}
            {h.note && <p className="timeline-note">{pick(h.note, h.noteEn ?? h.note)}</p>}
          </li>
        );
      })}
    </ol>
  );
}

interface AskedElement {
  code: string;
  label: { zh: string; en: string };
  type: string;
  options?: Array<{ value: string; label: { zh: string; en: string } }>;
  matters: string[];
}

/** the sub-case's own labelled data as the server keeps it (any device) */
function fromServer(sub: TSubcaseView): { elements: AskedElement[]; values: Record<string, unknown> } | null {
  if (!sub.fields?.length) return null;
  return {
    elements: sub.fields.map((f) => ({ code: f.code, label: f.label, type: f.type, ...(f.options ? { options: f.options } : {}), matters: [sub.matterCode] })),
    values: Object.fromEntries(sub.fields.map((f) => [f.code, f.value])),
  };
}

/** what the form asked at submission (kept on the submitting device), for this sub-case's matter */
function askedFor(appId: string, matterCode: string): { elements: AskedElement[]; values: Record<string, unknown> } | null {
  try {
    const raw = localStorage.getItem(`yj.form.${appId}`);
    if (!raw) return null;
    const saved = JSON.parse(raw) as { elements: AskedElement[]; values: Record<string, unknown> };
    const elements = saved.elements.filter((e) => e.matters.includes(matterCode));
    return elements.length > 0 ? { elements, values: saved.values ?? {} } : null;
  } catch {
    return null;
  }
}

function SupplementForm({ app, sub, onDone }: { app: TApplicationView; sub: TSubcaseView; onDone: () => void }) {
  const { m, pick } = useMe();
  const [asked] = useState(() => fromServer(sub) ?? askedFor(app.id, sub.matterCode));
  const [note, setNote] = useState('');
  const [rows, setRows] = useState<Array<{ element: string; value: string }>>([]);
  const [error, setError] = useState<ApiError | null>(null);
  const [missing, setMissing] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const [files, setFiles] = useState<File[]>([]);
  const base = `supp-${sub.id}`;

  const send = async (e: FormEvent) => {
    e.preventDefault();
    const typed = (code: string, v: string): unknown => {
      const type = asked?.elements.find((x) => x.code === code)?.type;
      if ((type === 'number' || type === 'money') && Number.isFinite(Number(v))) return Number(v);
      if (type === 'boolean') return v === 'true' || v === '是' || v.toLowerCase() === 'yes';
      return v;
    };
    const values = Object.fromEntries(rows.filter((r) => r.element.trim() && r.value.trim()).map((r) => [r.element.trim(), typed(r.element.trim(), r.value.trim())]));
    if (!note.trim() && Object.keys(values).length === 0 && files.length === 0) {
      setMissing(m('supplementEmpty'));
      document.getElementById(`${base}-note`)?.focus();
      return;
    }
    setMissing(undefined);
    setBusy(true);
    setError(null);
    try {
      // the files go up first (sniffed, 10 MB each); the answer then names them
      const uploadIds: string[] = [];
      for (const file of files) uploadIds.push((await uploadFile<{ id: string }>(`/api/uploads?name=${encodeURIComponent(file.name)}`, file)).id);
      await api('POST', `/api/applications/${encodeURIComponent(app.id)}/subcases/${encodeURIComponent(sub.id)}/supplement`, {
        ...(note.trim() ? { note: note.trim() } : {}),
        values,
        ...(uploadIds.length > 0 ? { uploadIds } : {}),
      });
      window.dispatchEvent(new Event(WAITING_CHANGED)); // the menu's count of what waits
      onDone();
    } catch (err) {
      setError(asApiError(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="form supplement-form" onSubmit={send} noValidate>
      <Field id={`${base}-note`} label={m('supplementNoteLabel')} error={missing}>
        {(a11y) => <textarea {...a11y} rows={3} maxLength={2000} value={note} onChange={(e) => setNote(e.target.value)} />}
      </Field>
      <fieldset className="corrections">
        <legend>{m('supplementValues')}</legend>
        {rows.map((r, i) => (
          <div className="correction-row" key={i}>
            <Field id={`${base}-el-${i}`} label={m('supplementField')}>
              {(a11y) =>
                asked ? (
                  <select
                    {...a11y}
                    value={r.element}
                    onChange={(e) => {
                      const prev = asked.values[e.target.value];
                      setRows(rows.map((x, j) => (j === i ? { element: e.target.value, value: prev === undefined || prev === null ? '' : String(prev) } : x)));
                    }}
                  >
                    <option value="">{m('chooseOne')}</option>
                    {asked.elements.map((el) => (
                      <option key={el.code} value={el.code}>
                        {pick(el.label.zh, el.label.en)}
                      </option>
                    ))}
                  </select>
                ) : (
                  <input {...a11y} type="text" value={r.element} onChange={(e) => setRows(rows.map((x, j) => (j === i ? { ...x, element: e.target.value } : x)))} />
                )
              }
            </Field>
            <Field id={`${base}-val-${i}`} label={m('supplementValue')}>
              {(a11y) => {
                const el = asked?.elements.find((x) => x.code === r.element);
                const change = (value: string) => setRows(rows.map((x, j) => (j === i ? { ...x, value } : x)));
                if (el?.type === 'enum' && el.options)
                  return (
                    <select {...a11y} value={r.value} onChange={(e) => change(e.target.value)}>
                      <option value="">{m('chooseOne')}</option>
                      {el.options.map((o) => (
                        <option key={o.value} value={o.value}>
                          {pick(o.label.zh, o.label.en)}
                        </option>
                      ))}
                    </select>
                  );
                return <input {...a11y} type={el?.type === 'date' ? 'date' : 'text'} value={r.value} onChange={(e) => change(e.target.value)} />;
              }}
            </Field>
            <button type="button" className="link-button" onClick={() => setRows(rows.filter((_, j) => j !== i))}>
              {m('supplementRemoveValue')}
            </button>
          </div>
        ))}
        <button type="button" className="button" onClick={() => setRows([...rows, { element: '', value: '' }])}>
          {m('supplementAddValue')}
        </button>
      </fieldset>
      <Field id={`${base}-files`} label={m('supplementFiles')} hint={m('supplementFilesHint')}>
        {(a11y) => <input {...a11y} type="file" multiple accept="application/pdf,image/jpeg,image/png" onChange={(e) => setFiles([...(e.target.files ?? [])].slice(0, 10))} />}
      </Field>
      {files.length > 0 && (
        <ul className="plain-list small" aria-label={m('supplementFiles')}>
          {files.map((f) => <li key={`${f.name}-${f.size}`}>{f.name}</li>)}
        </ul>
      )}
      {error && <ErrorMessage error={error} />}
      <div className="button-row">
        <button type="submit" className="button primary" disabled={busy}>
          {m('supplementAnswer')}
        </button>
      </div>
    </form>
  );
}

export function ApplicationPage({ id }: { id: string }) {
  const { m, t, pick, lang } = useMe();
  const { query } = useLocation();
  const [app, setApp] = useState<TApplicationView | null>(null);
  const [theme, setTheme] = useState<TThemeDetail | null>(null);
  const [counters, setCounters] = useState<TUnit[]>([]);
  const [error, setError] = useState<ApiError | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [reason, setReason] = useState('');
  const [flash, setFlash] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const confirmRef = useRef<HTMLHeadingElement>(null);
  const withdrawRef = useRef<HTMLButtonElement>(null);
  usePageTitle(theme ? `${pick(theme.name, theme.nameEn)} · ${m('statusTitle')}` : m('statusTitle'));

  const load = useCallback(
    (signal?: AbortSignal) =>
      api<TApplicationView>('GET', `/api/applications/${encodeURIComponent(id)}`, undefined, signal)
        .then((a) => {
          setApp(a);
          setError(null);
          return a;
        })
        .catch((err: unknown) => {
          if (!isAbort(err)) setError(asApiError(err));
          return null;
        }),
    [id],
  );

  useEffect(() => {
    const ctrl = new AbortController();
    void load(ctrl.signal).then((a) => {
      if (!a) return;
      api<TThemeDetail>('GET', `/api/themes/${encodeURIComponent(a.themeCode)}`, undefined, ctrl.signal)
        .then(setTheme)
        .catch(() => undefined);
      if (a.delivery.way === 'counter')
        api<{ items: TUnit[] }>('GET', '/api/units?kind=government', undefined, ctrl.signal)
          .then((r) => setCounters(r.items))
          .catch(() => undefined);
    });
    return () => ctrl.abort();
  }, [load]);
  // a fee was paid: the sub-cases' state may have moved on with it
  const reload = useCallback(() => void load(), [load]);

  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
  }, [confirming]);

  if (!app)
    return (
      <div className="page">
        <p className="breadcrumb">
          <Link to="/me/applications">{m('backToApplications')}</Link>
        </p>
        {error ? <ErrorMessage error={error} /> : <p role="status">{t('loading')}</p>}
      </div>
    );

  const matter = (code: string) => theme?.matters.find((x) => x.code === code);
  const matterName = (s: TSubcaseView) => {
    const mm = matter(s.matterCode);
    return mm ? pick(mm.name, mm.nameEn) : s.matterName;
  };
  const unitName = (s: TSubcaseView) => {
    const mm = matter(s.matterCode);
    return mm ? pick(mm.unit, mm.unitEn) : s.unitCode;
  };
  const themeName = theme ? pick(theme.name, theme.nameEn) : app.themeCode;
  const done = hasResultCode(app.status.code);
  const deferred = (app.materials ?? []).filter((x) => x.provision === 'deferred');
  const committed = (app.materials ?? []).filter((x) => x.provision === 'commitment');
  const counterName = (c: string | null) => {
    if (!c) return '';
    const u = counters.find((x) => x.code === c);
    return u ? pick(u.name, u.nameEn) : c;
  };
  const deliveryText =
    app.delivery.way === 'express'
      ? m('deliveryAddressShown', { address: app.delivery.address ?? '' })
      : app.delivery.way === 'counter'
        ? m('deliveryCounterShown', { counter: counterName(app.delivery.counter) })
        : m('deliveryOnlineShown');
  const deliveryWayName = ['online', 'express', 'counter'].includes(app.delivery.way) ? m(`delivery.${app.delivery.way}` as MeKey) : app.delivery.way;

  const withdraw = async () => {
    setBusy(true);
    try {
      const a = await api<TApplicationView>('POST', `/api/applications/${encodeURIComponent(app.id)}/withdraw`, reason.trim() ? { note: reason.trim() } : {});
      setApp(a);
      setConfirming(false);
      setFlash(m('withdrawn'));
    } catch (err) {
      setError(asApiError(err));
    } finally {
      setBusy(false);
    }
  };

  /** a sub-case's result as label/value rows: the result fields, the document, the decision and when */
  const resultRows = (s: TSubcaseView): Array<[string, string]> => {
    const r = (s.result ?? {}) as Record<string, unknown>;
    const rows: Array<[string, string]> = [];
    const fields = r.fields && typeof r.fields === 'object' ? (r.fields as Record<string, unknown>) : {};
    for (const [k, v] of Object.entries(fields)) if (v !== null && v !== undefined && v !== '') rows.push([fieldName(s, k), String(v)]);
    if (typeof r.documentName === 'string') rows.push([m('resultField.documentName'), r.documentName]);
    if (typeof r.decision === 'string')
      rows.push([m('resultField.decision'), DECISIONS[r.decision] ? m(DECISIONS[r.decision]!) : m('decisionOther')]);
    // a platform-written reason (a voided matter) has its English beside it; an officer's is as written
    if (typeof r.reason === 'string') rows.push([m('resultField.reason'), pick(r.reason, typeof r.reasonEn === 'string' ? r.reasonEn : r.reason)]);
    if (typeof r.decidedAt === 'string') rows.push([m('resultField.decidedAt'), formatDateTime(lang, r.decidedAt)]);
    return rows;
  };
  /** the link to a sub-case's result document (办结文书), under the result's document name */
  const documentLink = (s: TSubcaseView) => {
    const doc = s.resultDocument;
    if (!doc) return null;
    const r = (s.result ?? {}) as Record<string, unknown>;
    const name = typeof r.documentName === 'string' ? r.documentName : doc.name;
    return (
      <p className="result-document">
        <a href={doc.url} download={doc.name}>
          {m('downloadDocument', { name })}
        </a>{' '}
        <span className="muted">({m('documentSize', { type: doc.contentType === 'application/pdf' ? 'PDF' : doc.contentType === 'image/png' ? 'PNG' : 'JPEG', size: fileSize(doc.size) })})</span>
      </p>
    );
  };
  /** the result field's name from the server (the result field dictionary); a code without one shows as itself */
  const fieldName = (s: TSubcaseView, code: string) => {
    const label = s.resultFieldLabels[code];
    return label ? pick(label.zh, label.en) : code;
  };

  return (
    <div className="page application">
      <p className="breadcrumb">
        <Link to="/me/applications">{m('backToApplications')}</Link>
      </p>
      <h1>{themeName}</h1>
      <div role="status" aria-live="polite">
        {flash && <p className="ok-box">{flash}</p>}
        {query.get('submitted') === '1' && !flash && <p className="ok-box">{pick('申请已提交，各部门将并联办理。', 'Application submitted; the units handle it in parallel.')}</p>}
      </div>
      <dl className="facts inline overall">
        <div>
          <dt>{m('overallStatus')}</dt>
          <dd>
            <StatusTag status={app.status} />
          </dd>
        </div>
        <div>
          <dt>{m('appNumber')}</dt>
          <dd className="app-number">{app.number}</dd>
        </div>
        <div>
          <dt>{m('submittedAt')}</dt>
          <dd>{formatDateTime(lang, app.createdAt)}</dd>
        </div>
        <div>
          <dt>{m('deliveryWay')}</dt>
          <dd>{deliveryWayName}</dd>
        </div>
      </dl>
      <ReceiptCard applicationId={app.id} />
      {error && <ErrorMessage error={error} />}

      {done && (
        <section className="notice delivery-block" aria-labelledby="delivery-title">
          <h2 id="delivery-title">{m('deliveryBlockTitle')}</h2>
          <p>{m('deliveryBlockLead')}</p>
          <ul className="plain-list results">
            {app.subcases.map((s) => (
              <li key={s.id} className="result-item">
                <h3>{matterName(s)}</h3>
                <p>
                  <span className="unit">{unitName(s)}</span> <StatusTag status={s.status} />
                </p>
                {resultRows(s).length > 0 && (
                  <dl className="result-fields">
                    {resultRows(s).map(([k, v]) => (
                      <div key={k}>
                        <dt>{k}</dt>
                        <dd>{v}</dd>
                      </div>
                    ))}
                  </dl>
                )}
                {app.delivery.way === 'online' && documentLink(s)}
              </li>
            ))}
          </ul>
          <p className="delivery-way">
            <strong>{m('deliveryWay')}：</strong>
            {deliveryWayName} — {deliveryText}
          </p>
        </section>
      )}

      {(deferred.length > 0 || committed.length > 0) && (
        <section className="panel" aria-labelledby="deferred-title">
          <h2 id="deferred-title">{m('deferredTitle')}</h2>
          <ul className="plain-list">
            {deferred.map((x) => (
              <li key={x.code} className="deferred-item">
                <span className="material-name">{pick(x.name.zh, x.name.en)}</span>{' '}
                {x.deferredUntil && <span className="tag tag-bring">{m('deferredUntil', { date: formatDate(lang, x.deferredUntil) })}</span>}
              </li>
            ))}
            {committed.map((x) => (
              <li key={x.code}>
                <span className="material-name">{pick(x.name.zh, x.name.en)}</span> <span className="tag tag-info">{m('commitmentMaterial')}</span>
              </li>
            ))}
          </ul>
        </section>
      )}

      <FeePanel applicationId={app.id} onPaid={reload} />

      <section aria-labelledby="subcases-title">
        <h2 id="subcases-title">{m('subcasesTitle', { n: app.subcases.length })}</h2>
        <ol className="subcases plain-list">
          {app.subcases.map((s) => {
            const supplementAsked = s.status.code === CASE_STATUSES.supplementRequested.code;
            const lastRequest = [...s.history].reverse().find((h) => h.event === 'requestSupplement' || h.to === CASE_STATUSES.supplementRequested.code);
            return (
              <li key={s.id} className="panel subcase" data-matter={s.matterCode} aria-labelledby={`sub-${s.id}`}>
                <h3 id={`sub-${s.id}`}>{matterName(s)}</h3>
                <p className="unit">{unitName(s)}</p>
                <p>
                  <StatusTag status={s.status} />
                  {s.promisedDueAt && !isFinalCode(s.status.code) && (
                    <span className="muted">
                      {' · '}{m('promisedBy', { date: formatDate(lang, s.promisedDueAt.slice(0, 10)) })}
                      {s.dueProvisional && <span className="provisional-mark" title={m('provisionalDateHint')}>{m('provisionalDate')}<span className="visually-hidden">{m('provisionalDateHint')}</span></span>}
                    </span>
                  )}
                  {(s.warningLevel === 'yellow' || s.warningLevel === 'red') && !isFinalCode(s.status.code) && <span className="muted"> · {m('pastPromised')}</span>}
                </p>
                {s.clockPaused && <p className="info-box small">{m('clockPaused')}</p>}
                {s.status.code === CASE_STATUSES.completed.code && documentLink(s)}
                {!s.releasedAt && s.needs.length > 0 && !isFinalCode(s.status.code) && <p className="muted">{m('waitsFor')}</p>}
                {supplementAsked && (
                  <div className="supplement" role="group" aria-labelledby={`supp-title-${s.id}`}>
                    <h4 id={`supp-title-${s.id}`}>{m('supplementTitle')}</h4>
                    {lastRequest?.note && (
                      <p className="officer-note">
                        {m('supplementNote')} {lastRequest.note}
                      </p>
                    )}
                    <SupplementForm
                      app={app}
                      sub={s}
                      onDone={() => {
                        setFlash(m('supplementSent'));
                        void load();
                      }}
                    />
                  </div>
                )}
                <details className="timeline-box" open={!done}>
                  <summary>{m('timeline')}</summary>
                  <Timeline entries={s.history} />
                </details>
              </li>
            );
          })}
        </ol>
      </section>

      {app.history.length > 0 && (
        <section className="panel" aria-labelledby="app-history">
          <h2 id="app-history">{m('timeline')}</h2>
          <Timeline entries={app.history} />
        </section>
      )}

      {!isFinalCode(app.status.code) && (
        <section className="panel withdraw" aria-labelledby={confirming ? 'withdraw-title' : undefined}>
          {!confirming ? (
            <button ref={withdrawRef} type="button" className="button" onClick={() => setConfirming(true)}>
              {m('withdraw')}
            </button>
          ) : (
            <div role="alertdialog" aria-labelledby="withdraw-title" aria-describedby="withdraw-text">
              <h2 id="withdraw-title" tabIndex={-1} ref={confirmRef}>
                {m('withdrawConfirmTitle')}
              </h2>
              <p id="withdraw-text">{m('withdrawConfirmText')}</p>
              <Field id="withdraw-reason" label={m('withdrawReason')}>
                {(a11y) => <textarea {...a11y} rows={2} maxLength={2000} value={reason} onChange={(e) => setReason(e.target.value)} />}
              </Field>
              <div className="button-row">
                <button type="button" className="button primary" disabled={busy} onClick={() => void withdraw()}>
                  {m('withdrawConfirm')}
                </button>
                <button
                  type="button"
                  className="button"
                  onClick={() => {
                    setConfirming(false);
                    requestAnimationFrame(() => withdrawRef.current?.focus());
                  }}
                >
                  {m('withdrawCancel')}
                </button>
              </div>
            </div>
          )}
        </section>
      )}
    </div>
  );
}
