// One sub-case of the unit: only its slice of the application's data, its materials (downloads, 容缺
// marks), its history, and the actions its status allows (allowedEvents).
import { Alert, Button, Descriptions, Input, Tag } from 'antd';
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { api, asApiError, isAbort, type ApiError } from '../ui/api.ts';
import { ErrorMessage } from '../ui/ErrorMessage.tsx';
import { formatDate, formatDateTime } from '../ui/format.ts';
import { usePrefs } from '../ui/prefs.tsx';
import { Link } from '../ui/router.tsx';
import { usePageTitle } from '../ui/usePageTitle.ts';
import { uploadRaw } from './upload.ts';
import { eventName } from '@contract/case-status.ts';
import { deadlineMark } from '@contract/deadline.ts';
import { useOfficeT, type OfficeKey } from './messages.ts';
import { PaymentFact, useSubcasePayment } from './SubcasePayment.tsx';
import type { THistoryEntry as THistory, TSubcaseDetail } from '@contract/cases.ts';

type Action = 'accept' | 'not-accept' | 'request-supplement' | 'start-special' | 'end-special' | 'approve' | 'reject';

/** Actions that end the sub-case for good: the officer confirms them once more before they are sent. */
const IRREVERSIBLE: Partial<Record<Action, OfficeKey>> = { 'not-accept': 'confirmNotAccept', approve: 'confirmApprove', reject: 'confirmReject' };

/** allowedEvents (state machine names) → the back-office action endpoint */
const ACTIONS: Array<{ event: string; action: Action; label: OfficeKey }> = [
  { event: 'accept', action: 'accept', label: 'accept' },
  { event: 'notAccept', action: 'not-accept', label: 'notAccept' },
  { event: 'requestSupplement', action: 'request-supplement', label: 'requestSupplement' },
  { event: 'startSpecialProcedure', action: 'start-special', label: 'startSpecial' },
  { event: 'endSpecialProcedure', action: 'end-special', label: 'endSpecial' },
  { event: 'approve', action: 'approve', label: 'approve' },
  { event: 'reject', action: 'reject', label: 'reject' },
];

const DECISIONS: Record<string, OfficeKey> = {
  approved: 'decision_approved', rejected: 'decision_rejected', notAccepted: 'decision_notAccepted', voided: 'decision_voided',
};

function showValue(v: unknown, options: Record<string, { zh: string; en: string }> | undefined, pick: (zh: string, en: string) => string, t: (k: OfficeKey) => string): string {
  if (v === null || v === undefined || v === '') return '—';
  if (typeof v === 'boolean') return v ? t('yes') : t('no');
  if (Array.isArray(v)) return v.map((x) => showValue(x, options, pick, t)).join('、');
  const s = typeof v === 'object' ? JSON.stringify(v) : String(v);
  const o = options?.[s];
  return o ? pick(o.zh, o.en) : s;
}

export function SubcasePage({ id }: { id: string }) {
  const t = useOfficeT();
  const { lang, pick } = usePrefs();
  const [detail, setDetail] = useState<TSubcaseDetail | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [done, setDone] = useState<OfficeKey | null>(null);
  const [themeName, setThemeName] = useState<{ zh: string; en: string } | null>(null);
  const payment = useSubcasePayment(id, detail);
  usePageTitle(detail ? t('subcaseTitle', { matter: detail.matterName, number: detail.applicationNumber }) : t('worklistTitle'));

  const load = useCallback(
    (signal?: AbortSignal) =>
      api<TSubcaseDetail>('GET', `/api/back-office/subcases/${encodeURIComponent(id)}`, undefined, signal)
        .then((d) => {
          setDetail(d);
          setError(null);
        })
        .catch((err: unknown) => {
          if (!isAbort(err)) setError(asApiError(err));
        }),
    [id],
  );
  useEffect(() => {
    const ctrl = new AbortController();
    void load(ctrl.signal);
    return () => ctrl.abort();
  }, [load]);

  // the theme's name for the facts (the sub-case carries its code)
  const themeCode = detail?.themeCode;
  useEffect(() => {
    if (!themeCode) return;
    const ctrl = new AbortController();
    api<{ name: string; nameEn?: string }>('GET', `/api/themes/${encodeURIComponent(themeCode)}`, undefined, ctrl.signal)
      .then((th) => setThemeName({ zh: th.name, en: th.nameEn ?? th.name }))
      .catch(() => undefined); // the code is shown instead
    return () => ctrl.abort();
  }, [themeCode]);

  const acted = async (label: OfficeKey) => {
    setDone(label);
    await load();
  };

  if (!detail)
    return (
      <>
        <p>
          <Link to="/back-office">{t('backToWorklist')}</Link>
        </p>
        {error ? <ErrorMessage error={error} /> : <p role="status">{t('loading')}</p>}
      </>
    );

  const mark = deadlineMark(detail);
  const labels = detail.dataLabels ?? {};
  const dataItems = Object.entries(detail.data).map(([code, v]) => ({
    key: code,
    label: labels[code] ? pick(labels[code].zh, labels[code].en) : code,
    children: showValue(v, labels[code]?.options, pick, t),
  }));
  const result = detail.result as { decision?: string; fields?: Record<string, unknown>; documentName?: string; reason?: string; reasonEn?: string } | null;
  const fieldLabels = detail.expectedResult?.fieldLabels ?? {};
  const fieldName = (code: string) => (fieldLabels[code] ? pick(fieldLabels[code].zh, fieldLabels[code].en) : code);

  return (
    <>
      <p>
        <Link to="/back-office">{t('backToWorklist')}</Link>
      </p>
      <h1 className="admin-h1">{t('subcaseTitle', { matter: detail.matterName, number: detail.applicationNumber })}</h1>
      <div aria-live="polite">{done && <Alert type="success" showIcon={false} title={t('done', { action: t(done) })} role="status" />}</div>
      {error && <ErrorMessage error={error} />}

      <section aria-labelledby="sc-facts">
        <h2 id="sc-facts">{t('facts')}</h2>
        <Descriptions
          bordered
          size="small"
          column={1}
          items={[
            { key: 'status', label: t('status'), children: <Tag className="tag-plain">{pick(detail.status.zh, detail.status.en)}</Tag> },
            {
              key: 'promised',
              label: t('promisedAt'),
              children: (
                <span className="deadline">
                  {detail.promisedDueAt ? formatDateTime(lang, detail.promisedDueAt) : t('noDeadline')}
                  {detail.promisedDueAt && detail.dueProvisional && <Tag className="tag-plain provisional-mark" title={t('provisionalDateHint')}>{t('provisionalDate')}<span className="visually-hidden">：{t('provisionalDateHint')}</span></Tag>}
                  {detail.clockPaused && t('clockPausedNote')}
                  {mark === 'overdue' && <Tag className="tag-overdue">{t('overdue')}</Tag>}
                  {mark === 'overdueLegal' && <Tag className="tag-overdue">{t('overdueLegal')}</Tag>}
                  {mark === 'near' && <Tag className="tag-near">{t('nearDeadline')}</Tag>}
                </span>
              ),
            },
            { key: 'released', label: t('releasedAt'), children: detail.releasedAt ? formatDateTime(lang, detail.releasedAt) : '—' },
            { key: 'theme', label: t('theme'), children: themeName ? pick(themeName.zh, themeName.en) : t('loading') },
            ...(payment ? [{ key: 'payment', label: pick('缴费', 'Fee'), children: <PaymentFact payment={payment} /> }] : []),
          ]}
        />
      </section>

      <section aria-labelledby="sc-data">
        <h2 id="sc-data">{t('dataTitle')}</h2>
        {dataItems.length === 0 ? <p>{t('noData')}</p> : <Descriptions bordered size="small" column={1} items={dataItems} className="sc-data" />}
      </section>

      <section aria-labelledby="sc-materials">
        <h2 id="sc-materials">{t('materialsTitle')}</h2>
        {!detail.materials || detail.materials.length === 0 ? (
          <p>{t('noMaterials')}</p>
        ) : (
          <ul className="office-list">
            {detail.materials.map((m) => (
              <li key={m.code}>
                <strong>{pick(m.name.zh, m.name.en)}</strong>{' '}
                <Tag className={m.provision === 'deferred' ? 'tag-near' : 'tag-plain'}>{t(`provision.${m.provision}` as OfficeKey)}</Tag>
                {m.deferredUntil && <span className="deferred">{t('deferredUntil', { date: formatDate(lang, m.deferredUntil) })}</span>}
                {m.uploads.length > 0 && (
                  <ul>
                    {m.uploads.map((u) => (
                      <li key={u.id}>
                        <a href={`/api/uploads/${encodeURIComponent(u.id)}`} download={u.name}>
                          {t('download', { name: u.name })}
                        </a>{' '}
                        <span className="muted">({Math.max(1, Math.round(u.size / 1024))} KB)</span>
                      </li>
                    ))}
                  </ul>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>

      {detail.supplementFiles.length > 0 && (
        <section aria-labelledby="sc-supplement-files">
          <h2 id="sc-supplement-files">{t('supplementFilesTitle')}</h2>
          <ul className="office-list">
            {detail.supplementFiles.map((f) => (
              <li key={f.uploadId}>
                <a href={f.url} download={f.name}>
                  {t('download', { name: f.name })}
                </a>{' '}
                <span className="muted">({Math.max(1, Math.round(f.size / 1024))} KB · {t('answeredAt', { at: formatDateTime(lang, f.answeredAt) })})</span>
              </li>
            ))}
          </ul>
        </section>
      )}

      {result && (
        <section aria-labelledby="sc-result">
          <h2 id="sc-result">{t('resultTitle')}</h2>
          <Descriptions
            bordered
            size="small"
            column={1}
            items={[
              ...(result.decision ? [{ key: 'decision', label: t('status'), children: t(DECISIONS[result.decision] ?? 'decision_rejected') }] : []),
              ...Object.entries(result.fields ?? {}).map(([k, v]) => ({ key: `f-${k}`, label: fieldName(k), children: showValue(v, undefined, pick, t) })),
              ...(result.documentName && !detail.resultDocument ? [{ key: 'doc', label: t('documentName'), children: result.documentName }] : []),
              ...(detail.resultDocument
                ? [{
                    key: 'doc-file',
                    label: t('resultDocument'),
                    children: (
                      <a href={detail.resultDocument.url} download={detail.resultDocument.name}>
                        {result.documentName ?? detail.resultDocument.name}
                      </a>
                    ),
                  }]
                : []),
              ...(result.reason ? [{ key: 'reason', label: t('reason'), children: pick(result.reason, result.reasonEn ?? result.reason) }] : []),
            ]}
          />
        </section>
      )}

      <section aria-labelledby="sc-actions">
        <h2 id="sc-actions">{t('actionsTitle')}</h2>
        <Actions detail={detail} onDone={acted} />
      </section>

      <section aria-labelledby="sc-history">
        <h2 id="sc-history">{t('historyTitle')}</h2>
        <History entries={detail.history} />
      </section>
    </>
  );
}

function History({ entries }: { entries: THistory[] }) {
  const t = useOfficeT();
  const { lang, pick } = usePrefs();
  return (
    <ol className="timeline">
      {entries.map((h, i) => {
        const e = eventName(h.event);
        const role = h.actorRole ? t(`actor.${h.actorRole}` as OfficeKey) : null;
        return (
          <li key={`${h.at}-${i}`}>
            <time dateTime={h.at}>{formatDateTime(lang, h.at)}</time> <strong>{e ? pick(e.zh, e.en) : h.event}</strong>
            {role && !role.startsWith('actor.') && t('historyBy', { role })}
            {h.note && <p className="note">{pick(h.note, h.noteEn ?? h.note)}</p>}
          </li>
        );
      })}
    </ol>
  );
}

function Actions({ detail, onDone }: { detail: TSubcaseDetail; onDone: (label: OfficeKey) => Promise<void> }) {
  const t = useOfficeT();
  const allowed = ACTIONS.filter((a) => detail.allowedEvents.includes(a.event));
  if (allowed.length === 0) return <p>{t('noActions')}</p>;
  return (
    <div className="office-actions">
      {allowed.map((a) => (
        <ActionForm key={`${detail.id}-${detail.status.code}-${a.action}`} detail={detail} action={a.action} label={a.label} onDone={onDone} />
      ))}
    </div>
  );
}

function ActionForm({ detail, action, label, onDone }: { detail: TSubcaseDetail; action: Action; label: OfficeKey; onDone: (label: OfficeKey) => Promise<void> }) {
  const t = useOfficeT();
  const { pick } = usePrefs();
  const [text, setText] = useState('');
  const [fields, setFields] = useState<Record<string, string>>({});
  const [documentName, setDocumentName] = useState('');
  const [documentFile, setDocumentFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [missing, setMissing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const idp = `act-${action}`;
  const irreversible = IRREVERSIBLE[action];

  const textLabel: OfficeKey | null =
    action === 'not-accept' || action === 'reject' ? 'reason'
    : action === 'request-supplement' ? 'supplementNote'
    : action === 'start-special' ? 'specialNote'
    : 'noteOptional';
  const textRequired = action === 'not-accept' || action === 'reject' || action === 'request-supplement' || action === 'start-special';

  const submit = async () => {
    setError(null);
    if (textRequired && !text.trim()) {
      setMissing(true);
      document.getElementById(`${idp}-text`)?.focus();
      return;
    }
    setMissing(false);
    if (irreversible && !confirming) {
      setConfirming(true);
      return;
    }
    setConfirming(false);
    setBusy(true);
    const note = text.trim() || undefined;
    let body: object;
    if (action === 'not-accept' || action === 'reject') body = { reason: text.trim() };
    else if (action === 'request-supplement' || action === 'start-special') body = { note: text.trim() };
    else if (action === 'approve')
      body = {
        fields: Object.fromEntries(Object.entries(fields).filter(([, v]) => v.trim() !== '').map(([k, v]) => [k, v.trim()])),
        ...(documentName.trim() ? { documentName: documentName.trim() } : {}),
        ...(note ? { note } : {}),
      };
    else body = note ? { note } : {};
    try {
      // the result document goes up first; the approval then names it
      if (action === 'approve' && documentFile) body = { ...body, documentUploadId: (await uploadRaw(documentFile)).id };
      await api('POST', `/api/back-office/subcases/${encodeURIComponent(detail.id)}/${action}`, body);
      setBusy(false);
      await onDone(label);
    } catch (err) {
      setError(asApiError(err));
      setBusy(false);
    }
  };

  let extra: ReactNode = null;
  if (action === 'approve') {
    const expected = detail.expectedResult;
    const needed = new Set(expected?.needed ?? []);
    const labels = expected?.fieldLabels ?? {};
    extra = (
      <>
        <p className="action-title">{t('approveTitle', { name: expected?.name ?? detail.matterName })}</p>
        <div className="form-grid">
          {(expected?.fields ?? []).map((f) => (
            <div key={f} className="field">
              <label className="admin-label" htmlFor={`${idp}-f-${f}`}>
                {labels[f] ? t('resultField', { name: pick(labels[f].zh, labels[f].en), field: f }) : f}
                {needed.has(f) && <span className="required-mark"> *（{t('neededLater')}）</span>}
              </label>
              <Input
                id={`${idp}-f-${f}`}
                value={fields[f] ?? ''}
                required={needed.has(f)}
                aria-required={needed.has(f)}
                onChange={(e) => setFields({ ...fields, [f]: e.target.value })}
              />
            </div>
          ))}
          <div className="field">
            <label className="admin-label" htmlFor={`${idp}-doc`}>
              {t('documentName')}
            </label>
            <Input id={`${idp}-doc`} value={documentName} onChange={(e) => setDocumentName(e.target.value)} />
          </div>
          <div className="field">
            <label className="admin-label" htmlFor={`${idp}-file`}>
              {t('resultDocumentFile')}
            </label>
            <input
              id={`${idp}-file`}
              type="file"
              accept="application/pdf,image/jpeg,image/png,.pdf,.jpg,.jpeg,.png"
              aria-describedby={`${idp}-file-hint`}
              onChange={(e) => setDocumentFile(e.target.files?.[0] ?? null)}
            />
            <p id={`${idp}-file-hint`} className="muted small">
              {documentFile ? t('resultDocumentChosen', { name: documentFile.name }) : t('resultDocumentHint')}
            </p>
          </div>
        </div>
      </>
    );
  }

  return (
    <form
      className={`action-form action-${action}`}
      aria-label={t(label)}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      {extra}
      {action !== 'end-special' && action !== 'accept' ? (
        <div className="field">
          <label className="admin-label" htmlFor={`${idp}-text`}>
            {t(textLabel)}
          </label>
          <Input.TextArea
            id={`${idp}-text`}
            value={text}
            rows={2}
            maxLength={2000}
            aria-required={textRequired}
            aria-invalid={missing || undefined}
            aria-describedby={missing ? `${idp}-missing` : undefined}
            onChange={(e) => {
              setText(e.target.value);
              if (e.target.value.trim()) setMissing(false);
            }}
          />
          {missing && (
            <p id={`${idp}-missing`} className="field-problem" role="alert">
              {t('fillIn', { what: t(textLabel) })}
            </p>
          )}
        </div>
      ) : null}
      {error && <ErrorMessage error={error} />}
      {irreversible && confirming ? (
        <div role="alertdialog" aria-labelledby={`${idp}-confirm`} className="action-confirm">
          <p id={`${idp}-confirm`}>
            <strong>{t(irreversible)}</strong> {t('cannotUndo')}
          </p>
          <Button htmlType="submit" type="primary" danger={action !== 'approve'} autoFocus>
            {t('confirmAction', { action: t(label) })}
          </Button>{' '}
          <Button htmlType="button" onClick={() => setConfirming(false)}>
            {t('cancel')}
          </Button>
        </div>
      ) : (
        <Button htmlType="submit" type={action === 'approve' || action === 'accept' ? 'primary' : 'default'} danger={action === 'reject' || action === 'not-accept'} loading={busy}>
          {busy ? t('working') : t(label)}
        </Button>
      )}
    </form>
  );
}
