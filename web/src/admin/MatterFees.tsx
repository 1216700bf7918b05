// The fees of a matter: name, standard, legal basis, reducible. No fee = free of charge.
import { Button, Checkbox, Input, InputNumber } from 'antd';
import type { TErrorDetail } from '../ui/api.ts';
import type { TMatter } from '@contract/catalog.ts';
import { usePrefs } from '../ui/prefs.tsx';
import { useAdminT } from './messages.ts';

type Fee = TMatter['fees'][number];

interface Props {
  doc: TMatter;
  update: (change: (d: TMatter) => TMatter) => void;
  problemsAt: (path: string) => TErrorDetail[];
}

export function MatterFees({ doc, update, problemsAt }: Props) {
  const t = useAdminT();
  const { pick } = usePrefs();
  const setFee = (i: number, fee: Partial<Fee>) => update((d) => ({ ...d, fees: d.fees.map((f, j) => (j === i ? { ...f, ...fee } : f)) }));
  return (
    <section aria-labelledby="sec-fees">
      <h2 id="sec-fees">{t('sectionFees')}</h2>
      {doc.fees.length === 0 && <p>{t('noFees')}</p>}
      <ol className="fee-list">
        {doc.fees.map((f, i) => {
          const problems = problemsAt(`fees.${i}`);
          const n = i + 1;
          return (
            <li key={i}>
              <fieldset className={`fee ${problems.length > 0 ? 'has-problem' : ''}`}>
                <legend>{t('feeRow', { n })}</legend>
                <div className="form-grid">
                  <div>
                    <label className="admin-label" htmlFor={`fee-${i}-name`}>
                      {t('feeName')}
                    </label>
                    <Input id={`fee-${i}-name`} value={f.name} onChange={(e) => setFee(i, { name: e.target.value })} />
                  </div>
                  <div>
                    <label className="admin-label" htmlFor={`fee-${i}-standard`}>
                      {t('feeStandard')}
                    </label>
                    <Input id={`fee-${i}-standard`} value={f.standard} onChange={(e) => setFee(i, { standard: e.target.value })} status={problems.length ? 'error' : undefined} />
                  </div>
                  <div>
                    <label className="admin-label" htmlFor={`fee-${i}-basis`}>
                      {t('feeBasis')}
                    </label>
                    <Input id={`fee-${i}-basis`} value={f.basis} onChange={(e) => setFee(i, { basis: e.target.value })} status={problems.length ? 'error' : undefined} />
                  </div>
                  <div>
                    <label className="admin-label" htmlFor={`fee-${i}-amount`}>
                      {pick('固定金额（元，网上或窗口缴费后方可办结；按比例或由部门核定的不填）', 'Fixed amount (CNY; paid online or at the counter before approval; leave empty when the unit assesses it)')}
                    </label>
                    <InputNumber
                      id={`fee-${i}-amount`}
                      min={0.01}
                      step={0.01}
                      precision={2}
                      value={f.amount ?? null}
                      onChange={(v) => setFee(i, { amount: typeof v === 'number' ? v : undefined })}
                    />
                  </div>
                </div>
                <Checkbox checked={f.reducible} onChange={(e) => setFee(i, { reducible: e.target.checked })}>
                  {t('feeReducible')}
                </Checkbox>
                <Button danger onClick={() => update((d) => ({ ...d, fees: d.fees.filter((_, j) => j !== i) }))}>
                  {t('removeFee', { n })}
                </Button>
                {problems.map((p) => (
                  <p key={p.code} className="field-problem">
                    {pick(p.zh, p.en)}
                  </p>
                ))}
              </fieldset>
            </li>
          );
        })}
      </ol>
      <Button onClick={() => update((d) => ({ ...d, fees: [...d.fees, { name: '', standard: '', basis: '', reducible: false }] }))}>{t('addFee')}</Button>
    </section>
  );
}
