// 受理回执: the application number and its query code, with which anyone (a family member, the
// applicant without their phone) can follow the progress at /progress without signing in.
import { useEffect, useState } from 'react';
import type { TReceipt } from '@contract/registration.ts';
import { api } from '../ui/api.ts';
import { Link } from '../ui/router.tsx';
import { usePrefs } from '../ui/prefs.tsx';

export function ReceiptCard({ applicationId }: { applicationId: string }) {
  const { pick } = usePrefs();
  const [receipt, setReceipt] = useState<TReceipt | null>(null);
  useEffect(() => {
    const ctrl = new AbortController();
    api<TReceipt>('GET', `/api/applications/${encodeURIComponent(applicationId)}/receipt`, undefined, ctrl.signal).then(setReceipt, () => undefined);
    return () => ctrl.abort();
  }, [applicationId]);
  if (!receipt) return null;
  return (
    <section className="panel receipt" aria-labelledby="receipt-title">
      <h2 id="receipt-title">{pick('受理回执', 'Receipt')}</h2>
      <dl className="facts inline">
        <div>
          <dt>{pick('办件编号', 'Application number')}</dt>
          <dd className="receipt-code">{receipt.number}</dd>
        </div>
        <div>
          <dt>{pick('查询码', 'Query code')}</dt>
          <dd className="receipt-code" data-testid="query-code">{receipt.queryCode}</dd>
        </div>
      </dl>
      <p className="small">
        {pick('凭办件编号和查询码，无需登录即可在“进度查询”页面查看办理进度。请妥善保管查询码。', 'With the number and the query code anyone can follow the progress on the "Track an application" page without signing in. Keep the code safe.')}{' '}
        <Link to={`/progress?number=${encodeURIComponent(receipt.number)}`}>{pick('去查询', 'Track it')}</Link>
      </p>
    </section>
  );
}
