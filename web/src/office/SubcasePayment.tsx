// The sub-case's fee on the officer's page: paid or not (approval waits for it), and how it was paid.
import { PAYMENT_STATES, type TSubcasePayment } from '@contract/payments.ts';
import { Tag } from 'antd';
import { useEffect, useState } from 'react';
import { api, isAbort } from '../ui/api.ts';
import { formatDateTime } from '../ui/format.ts';
import { usePrefs } from '../ui/prefs.tsx';

const yuan = (fen: number) => (fen / 100).toFixed(2);

/** The sub-case's fee; null while loading or when its matter has none. */
export function useSubcasePayment(subcaseId: string, version: unknown): TSubcasePayment | null {
  const [payment, setPayment] = useState<TSubcasePayment | null>(null);
  useEffect(() => {
    const ctl = new AbortController();
    api<TSubcasePayment | null>('GET', `/api/back-office/subcases/${encodeURIComponent(subcaseId)}/payment`, undefined, ctl.signal)
      .then(setPayment, (err: unknown) => {
        if (!isAbort(err)) setPayment(null);
      });
    return () => ctl.abort();
  }, [subcaseId, version]);
  return payment;
}

export function PaymentFact({ payment }: { payment: TSubcasePayment }) {
  const { pick, lang } = usePrefs();
  const state = PAYMENT_STATES[payment.state];
  const settled = payment.state === 'paid' || payment.state === 'refunding' || payment.state === 'refunded';
  return (
    <span className="payment-fact" data-state={payment.state}>
      <Tag className={settled ? 'tag-plain' : 'tag-near'}>{pick(state.zh, state.en)}</Tag> ¥{yuan(payment.amountFen)}
      {payment.paidAt && settled && (
        <span>
          {' '}· {pick(payment.channel === 'counter' ? '窗口缴费' : '网上缴费', payment.channel === 'counter' ? 'at the counter' : 'online')} {formatDateTime(lang, payment.paidAt)}
          {payment.receiptNo && ` · ${pick('票据号', 'receipt')} ${payment.receiptNo}`}
        </span>
      )}
      {!settled && <span> · {pick('缴费后方可办结', 'approval waits for the payment')}</span>}
    </span>
  );
}
