// 批量导入人员: upload a CSV or XLSX → dry run listing every problem by row → import in batches with progress;
// the initial passwords are shown once and can be downloaded as CSV.
import { Alert, Button, Progress, Table, type TableColumnsType } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import type { TStaffImportCheck, TStaffImportProblem, TStaffImportResult, TStaffPasswordIssued } from '@contract/staff.ts';
import { api, asApiError, uploadFile, type ApiError } from '../ui/api.ts';
import { ErrorMessage } from '../ui/ErrorMessage.tsx';
import { usePageTitle } from '../ui/usePageTitle.ts';
import { usePrefs } from '../ui/prefs.tsx';
import { useStaffT } from './staff-messages.ts';

const BATCH = 20;
// the server names a problem's column as the Chinese header
const COLUMN_EN: Record<string, string> = { 用户名: 'username', 姓名: 'name', 手机号: 'phone', 单位代码: 'unit', 角色: 'roles', 初始密码: 'password' };

export function StaffImportPage() {
  const t = useStaffT();
  const { lang } = usePrefs();
  const [file, setFile] = useState<File | null>(null);
  const [check, setCheck] = useState<TStaffImportCheck | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<number | null>(null);
  const [created, setCreated] = useState<TStaffPasswordIssued[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  usePageTitle(t('importTitle'));

  const dryRun = async () => {
    if (!file) return;
    setBusy(true);
    setError(null);
    setCheck(null);
    setCreated(null);
    try {
      setCheck(await uploadFile<TStaffImportCheck>('/api/admin/staff/import/check', file));
    } catch (err) {
      setError(asApiError(err));
    } finally {
      setBusy(false);
    }
  };

  const importAll = async () => {
    if (!check) return;
    setBusy(true);
    setError(null);
    const all: TStaffPasswordIssued[] = [];
    setDone(0);
    try {
      for (let i = 0; i < check.rows.length; i += BATCH) {
        const r = await api<TStaffImportResult>('POST', '/api/admin/staff/import/rows', { rows: check.rows.slice(i, i + BATCH) });
        all.push(...r.created);
        setDone(all.length);
      }
      setCreated(all);
      setCheck(null);
    } catch (err) {
      setError(asApiError(err));
      if (all.length > 0) setCreated(all);
    } finally {
      setBusy(false);
    }
  };

  const csvUrl = useMemo(() => {
    if (!created) return null;
    const text = ['username,initial_password', ...created.map((c) => `${c.username},${c.initialPassword ?? ''}`)].join('\n');
    return URL.createObjectURL(new Blob([`\uFEFF${text}\n`], { type: 'text/csv' }));
  }, [created]);
  useEffect(() => () => {
    if (csvUrl) URL.revokeObjectURL(csvUrl);
  }, [csvUrl]);

  const problemColumns: TableColumnsType<TStaffImportProblem> = [
    { title: t('row'), dataIndex: 'row', key: 'row', width: 80 },
    { title: t('column'), key: 'column', width: 120, render: (_, p) => (p.column ? (lang === 'zh' ? p.column : COLUMN_EN[p.column] ?? p.column) : '') },
    { title: t('problem'), key: 'problem', render: (_, p) => (lang === 'zh' ? p.zh : p.en) },
  ];

  return (
    <section aria-labelledby="import-title">
      <h1 id="import-title" className="admin-h1">
        {t('importTitle')}
      </h1>
      <p>{t('importLead')}</p>
      {error && <ErrorMessage error={error} />}
      <div className="routing-bar">
        <label htmlFor="import-file">{t('chooseFile')}</label>
        <input
          id="import-file"
          type="file"
          accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          onChange={(e) => {
            setFile(e.target.files?.[0] ?? null);
            setCheck(null);
          }}
        />
        <Button onClick={() => void dryRun()} disabled={!file || busy}>
          {busy && !check ? t('checking') : t('dryRun')}
        </Button>
      </div>
      {check && check.problems.length > 0 && (
        <>
          <Alert type="error" showIcon role="alert" title={t('dryRunProblems', { n: check.problems.length })} style={{ margin: '12px 0' }} />
          <Table<TStaffImportProblem> rowKey={(p) => `${p.row}:${p.code}:${p.column ?? ''}`} columns={problemColumns} dataSource={check.problems} pagination={false} size="small" />
        </>
      )}
      {check && check.problems.length === 0 && (
        <>
          <Alert type="success" showIcon role="status" title={t('dryRunOk', { n: check.rows.length })} style={{ margin: '12px 0' }} />
          <Button type="primary" onClick={() => void importAll()} disabled={busy}>
            {t('importNow', { n: check.rows.length })}
          </Button>
        </>
      )}
      {done !== null && (busy || created) && (
        <div role="status" style={{ margin: '12px 0' }}>
          <p id="import-progress-label">{t('importing', { done, total: created?.length ?? check?.rows.length ?? done })}</p>
          <Progress aria-labelledby="import-progress-label" percent={Math.round((done / Math.max(1, created?.length ?? check?.rows.length ?? done)) * 100)} />
        </div>
      )}
      {created && (
        <>
          <p>{t('imported', { n: created.length })}</p>
          {csvUrl && (
            <p>
              <a href={csvUrl} download="initial-passwords.csv">
                {t('downloadPasswords')}
              </a>
            </p>
          )}
          <Table<TStaffPasswordIssued>
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={created}
            columns={[
              { title: t('username'), dataIndex: 'username', key: 'username' },
              { title: t('initialPassword'), dataIndex: 'initialPassword', key: 'initialPassword' },
            ]}
          />
        </>
      )}
    </section>
  );
}
