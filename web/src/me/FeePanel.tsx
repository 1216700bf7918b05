// 缴费 on the application page: each sub-case whose matter has a fee, what is due, whether it is paid
// (online or at the counter, with its receipt) or refunded, and a button that takes the applicant to
// the payment provider's payer page. Back from it, the page asks the provider while the order is open.
import { PAYMENT_STATES, type TSubcasePayment } from '@contract/payments.ts';
import { useCallback, useEffect, useRef, useState } from 'react';
import { api, asApiError, isAbort, type ApiError } from '../ui/api.ts';
import { ErrorMessage } from '../ui/ErrorMessage.tsx';
import { formatDateTime } from '../ui/format.ts';
import { usePrefs } from '../ui/prefs.tsx';

const yuan = (fen: number) => (fen / 100).toFixed(2);
/** how a fee was paid: online, at the counter, or collected by the unit's own system (税务 for 医保) */
const CHANNEL = {
  online: { zh: '网上缴费', en: 'paid online' },
  counter: { zh: '窗口缴费', en: 'paid at the counter' },
  unit: { zh: '经办部门收取', en: 'collected by the handling unit' },
} as const;
const TONE: Record<TSubcasePayment['state'], string> = { unpaid: 'bring', pending: 'info', paid: 'ok', refunding: 'info', refunded: 'strong' };
// how often, and how many times, an open order is checked after the payer page
const CHECK_EVERY_MS = 2000;
const CHECKS = 15;

export function FeePanel({ applicationId, onPaid }: { applicationId: string; onPaid: () => void }) {
  const { pick, lang } = usePrefs();
  const [items, setItems] = useState<TSubcasePayment[]>([]);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const checks = useRef(0);

  const load = useCallback(async (signal?: AbortSignal) => {
    try {
      const next = await api<TSubcasePayment[]>('GET', `/api/me/applications/${encodeURIComponent(applicationId)}/payments`, undefined, signal);
      setItems((before) => {
        if (before.some((b) => b.state === 'pending' && next.find((n) => n.subcaseId === b.subcaseId)?.state === 'paid')) onPaid();
        return next;
      });
    } catch (err) {
      if (!isAbort(err)) setError(asApiError(err));
    }
  }, [applicationId, onPaid]);

  useEffect(() => {
    const ctl = new AbortController();
    void load(ctl.signal);
    return () => ctl.abort();
  }, [load]);

  // an open order: the provider's callback may be on its way; ask it ourselves now and then
  const pending = items.filter((p) => p.state === 'pending');
  useEffect(() => {
    if (pending.length === 0 || checks.current >= CHECKS) return;
    const timer = setTimeout(() => {
      checks.current++;
      void Promise.all(pending.map((p) => api('POST', `/api/me/subcases/${encodeURIComponent(p.subcaseId)}/payment/check`).catch(() => undefined))).then(() => load());
    }, CHECK_EVERY_MS);
    return () => clearTimeout(timer);
  }, [pending, load]);

  const pay = async (p: TSubcasePayment) => {
    setBusy(p.subcaseId);
    setError(null);
    try {
      const { payUrl } = await api<{ payUrl: string }>('POST', `/api/me/subcases/${encodeURIComponent(p.subcaseId)}/payment`);
      window.location.assign(payUrl);
    } catch (err) {
      setError(asApiError(err));
      setBusy(null);
    }
  };

  if (items.length === 0 && !error) return null;
  return (
    <section className="panel fees" aria-labelledby="fees-title">
      <h2 id="fees-title">{pick('缴费', 'Fees')}</h2>
      {error && <ErrorMessage error={error} />}
      <ul className="plain-list">
        {items.map((p) => {
          const state = PAYMENT_STATES[p.state];
          return (
            <li key={p.subcaseId} className="fee-item" data-matter={p.matterCode}>
              <h3>{p.matterName}</h3>
              <ul className="plain-list">
                {p.fees.map((f) => (
                  <li key={f.name}>
                    {f.name}：¥{yuan(f.amountFen)}
                  </li>
                ))}
              </ul>
              <p>
                <span className={`tag tag-${TONE[p.state]}`}>{pick(state.zh, state.en)}</span>
                {p.paidAt && p.state !== 'pending' && (
                  <span className="muted">
                    {' '}· {pick(CHANNEL[p.channel ?? 'online'].zh, CHANNEL[p.channel ?? 'online'].en)} {formatDateTime(lang, p.paidAt)}
                    {p.receiptNo && ` · ${pick('票据号', 'receipt')} ${p.receiptNo}`}
                  </span>
                )}
                {p.refundedAt && <span className="muted"> · {pick('已原路退回', 'returned to the payer')} {formatDateTime(lang, p.refundedAt)}</span>}
              </p>
              {p.state === 'unpaid' && <p className="info-box small">{pick('缴费后该事项方可办结。', 'This matter can be completed once its fee is paid.')}</p>}
              {p.state === 'pending' && <p className="muted">{pick('正在确认支付结果……', 'Confirming the payment…')}</p>}
              {p.canPayOnline && (
                <p className="button-row">
                  <button type="button" className="button primary" disabled={busy !== null} onClick={() => void pay(p)}>
                    {pick(`在线缴费 ¥${yuan(p.amountFen)}`, `Pay CNY ${yuan(p.amountFen)} online`)}
                  </button>
                  <span className="muted"> {pick('也可到办事窗口缴费。', 'You can also pay at a service counter.')}</span>
                </p>
              )}
              {(p.state === 'unpaid' || p.state === 'pending') && !p.canPayAtCounter && (
                <p className="muted">{pick('该事项开始办理后即可缴费。', 'You can pay once the unit has started on this matter.')}</p>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
