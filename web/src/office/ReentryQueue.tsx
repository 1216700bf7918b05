// 二次录入: for a unit whose own system has no interface, the clerk sees what to type into it — the
// sub-case's data, its materials and what changed — and records the case number that system gave.
// Every entry is counted per unit (the city sees where people still type things twice).
import { Button, Card, Descriptions, Empty, Input, Tag } from 'antd';
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { z } from 'zod';
import type { ZReentryList } from '@contract/dispatch.ts';
import { api, asApiError, type ApiError } from '../ui/api.ts';
import { ErrorMessage } from '../ui/ErrorMessage.tsx';
import { formatDateTime } from '../ui/format.ts';
import { interpolate } from '../ui/i18n.ts';
import { usePrefs } from '../ui/prefs.tsx';
import { Link } from '../ui/router.tsx';
import { usePageTitle } from '../ui/usePageTitle.ts';

type TReentryItem = z.infer<typeof ZReentryList>['items'][number];

const TEXT = {
  title: { zh: '二次录入', en: 'Re-entry queue' },
  lead: {
    zh: '本单位业务系统尚未对接：请将下列办件录入本单位系统，并填写该系统生成的办件编号。录入次数按单位统计，作为系统对接的依据。',
    en: "Your unit's own system is not connected yet: type these cases into it and record the case number it gives. Entries are counted per unit, as the case for connecting the system.",
  },
  back: { zh: '返回办件列表', en: 'Back to the worklist' },
  none: { zh: '没有待录入的办件', en: 'Nothing to enter' },
  event: { zh: '事项变化', en: 'Change' },
  'subcase.released': { zh: '新办件', en: 'New case' },
  'subcase.withdrawn': { zh: '申请人撤回', en: 'Withdrawn by the applicant' },
  'subcase.supplement-answered': { zh: '申请人已补齐补正', en: 'Supplement answered' },
  number: { zh: '申请编号', en: 'Application number' },
  promised: { zh: '承诺办结', en: 'Promised by' },
  data: { zh: '申请数据', en: 'Data' },
  materials: { zh: '材料', en: 'Materials' },
  externalNo: { zh: '本单位系统办件编号', en: 'Case number in your system' },
  record: { zh: '已录入', en: 'Recorded' },
  required: { zh: '请填写本单位系统生成的办件编号', en: 'Enter the case number your system gave' },
  done: { zh: '已记录录入：{no}', en: 'Entry recorded: {no}' },
  openCase: { zh: '打开办件', en: 'Open the case' },
} as const;

export function ReentryQueue() {
  const { lang } = usePrefs();
  const t = (k: keyof typeof TEXT, vars?: Record<string, string>) => interpolate(TEXT[k][lang], vars);
  const [items, setItems] = useState<TReentryItem[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [flash, setFlash] = useState<string | null>(null);
  usePageTitle(t('title'));

  const load = useCallback(() => {
    api<{ items: TReentryItem[] }>('GET', '/api/back-office/re-entry')
      .then((x) => setItems(x.items))
      .catch((err: unknown) => setError(asApiError(err)));
  }, []);
  useEffect(load, [load]);

  return (
    <section aria-labelledby="reentry-title">
      <h1 id="reentry-title" className="admin-h1">
        {t('title')}
      </h1>
      <p>{t('lead')}</p>
      <p>
        <Link to="/back-office">{t('back')}</Link>
      </p>
      {error && <ErrorMessage error={error} />}
      {flash && (
        <p role="status" className="flash">
          {flash}
        </p>
      )}
      {items && items.length === 0 && <Empty description={t('none')} />}
      {items?.map((item) => (
        <ReentryCard key={item.taskId} item={item} t={t} onDone={(no) => { setFlash(t('done', { no })); load(); }} />
      ))}
    </section>
  );
}

function ReentryCard({ item, t, onDone }: { item: TReentryItem; t: (k: keyof typeof TEXT, v?: Record<string, string>) => string; onDone: (no: string) => void }) {
  const { lang, pick } = usePrefs();
  const [no, setNo] = useState('');
  const [missing, setMissing] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const s = item.subcase;
  const inputId = `reentry-no-${item.taskId}`;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!no.trim()) {
      setMissing(true);
      document.getElementById(inputId)?.focus();
      return;
    }
    try {
      await api('POST', `/api/back-office/re-entry/${item.taskId}`, { externalCaseNo: no.trim() });
      onDone(no.trim());
    } catch (err) {
      setError(asApiError(err));
    }
  };
  const eventKey = (item.event in TEXT ? item.event : 'subcase.released') as keyof typeof TEXT;
  return (
    <Card className="reentry-card" title={<h2 className="reentry-h2">{`${s.matterName} · ${s.applicationNumber}`}</h2>} style={{ marginBottom: 16 }}>
      <Descriptions size="small" column={1} bordered>
        <Descriptions.Item label={t('event')}>
          <Tag className="tag-plain">{t(eventKey)}</Tag>
        </Descriptions.Item>
        <Descriptions.Item label={t('number')}>{s.applicationNumber}</Descriptions.Item>
        <Descriptions.Item label={t('promised')}>{s.promisedAt ? formatDateTime(lang, s.promisedAt) : '—'}</Descriptions.Item>
        <Descriptions.Item label={t('data')}>
          <dl className="reentry-data">
            {Object.entries(s.data).map(([k, v]) => (
              <div key={k}>
                <dt>{k}</dt>
                <dd>{v === null || v === undefined ? '—' : String(v)}</dd>
              </div>
            ))}
          </dl>
        </Descriptions.Item>
        <Descriptions.Item label={t('materials')}>
          <ul className="reentry-materials">
            {s.materials.map((m) => (
              <li key={m.code}>
                {pick(m.name.zh, m.name.en)}
                {m.files.map((f) => (
                  <span key={f.url}>
                    {' · '}
                    <a href={f.url} download={f.name}>
                      {f.name}
                    </a>
                  </span>
                ))}
              </li>
            ))}
          </ul>
        </Descriptions.Item>
      </Descriptions>
      <form className="reentry-form" onSubmit={submit} noValidate>
        {error && <ErrorMessage error={error} />}
        <label htmlFor={inputId}>{t('externalNo')}</label>
        <Input
          id={inputId}
          value={no}
          maxLength={100}
          onChange={(e) => setNo(e.target.value)}
          aria-invalid={missing || undefined}
          aria-describedby={missing ? `${inputId}-error` : undefined}
          style={{ maxWidth: 320 }}
        />
        {missing && (
          <p id={`${inputId}-error`} className="field-error">
            {t('required')}
          </p>
        )}
        <Button type="primary" htmlType="submit">
          {t('record')}
        </Button>{' '}
        <Link to={`/back-office/subcases/${s.id}`}>{t('openCase')}</Link>
      </form>
    </Card>
  );
}
