// The frame around a matter or theme form: heading and state, what the quality check says,
// save / publish, the whole-document JSON editor, and the version history.
import { Alert, Button, Collapse, Input, Space, Table } from 'antd';
import { useEffect, useRef, type ReactNode } from 'react';
import { ErrorMessage } from '../ui/ErrorMessage.tsx';
import { formatDateTime } from '../ui/format.ts';
import { usePrefs } from '../ui/prefs.tsx';
import { Link } from '../ui/router.tsx';
import { useAdminT } from './messages.ts';
import { PublishState } from './PublishState.tsx';
import type { CatalogEditor, Detail } from './useCatalogEditor.ts';

interface Props<TDoc> {
  heading: string;
  name: string | undefined;
  editor: CatalogEditor<TDoc, Detail<TDoc>>;
  children: ReactNode;
}

export function EditorShell<TDoc>({ heading, name, editor, children }: Props<TDoc>) {
  const t = useAdminT();
  const { lang } = usePrefs();
  const { detail, doc, error, outcome, busy, dirty, unpublished } = editor;
  const problemsRef = useRef<HTMLDivElement>(null);

  // after a failed save or publish, bring what to fix into view
  useEffect(() => {
    if (error) problemsRef.current?.scrollIntoView({ block: 'center' });
  }, [error]);

  const versions = [...(detail?.versions ?? [])].sort((a, b) => b.version - a.version);
  // why Publish is not available: unsaved edits, or nothing new since the last version
  const publishHint = dirty ? t('publishFirstSave') : !unpublished ? t('nothingToPublish') : null;

  return (
    <div className="editor">
      <p className="breadcrumb">
        <Link to="/admin/catalog">{t('backToList')}</Link>
      </p>
      <h1 className="admin-h1">{name ? t('titleWithName', { what: heading, name }) : heading}</h1>
      {detail && (
        <Space wrap className="editor-state">
          <PublishState version={detail.publishedVersion} changes={unpublished} />
          <span>
            {t('titleWithName', { what: t('draftStatus'), name: dirty ? t('dirty') : t('clean') })}
          </span>
        </Space>
      )}

      <div ref={problemsRef}>
        {error && <ErrorMessage error={error} title={error.body.details.length > 0 ? t('problemsTitle') : undefined} />}
      </div>
      <div role="status" className="editor-outcome">
        {outcome?.kind === 'saved' && <Alert type="success" role="none" showIcon title={t('saved')} />}
        {outcome?.kind === 'jsonApplied' && <Alert type="info" role="none" showIcon title={t('jsonApplied')} />}
        {outcome?.kind === 'published' && (
          <Alert
            type="success"
            role="none"
            showIcon
            title={t('published', { n: outcome.result.version })}
            description={
              outcome.result.republishedThemes.length > 0
                ? t('republished', { list: outcome.result.republishedThemes.map((th) => `${th.code}（${t('versionN', { n: th.version })}）`).join('、') })
                : t('noRepublished')
            }
          />
        )}
      </div>

      {doc ? children : !error && <p role="status">{t('loading')}</p>}

      {doc && (
        <Collapse
          className="json-editor"
          items={[
            {
              key: 'json',
              label: t('sectionAdvanced'),
              children: (
                <>
                  <p id="json-help">{t('jsonHelp')}</p>
                  <label htmlFor="doc-json" className="admin-label">
                    {t('jsonLabel')}
                  </label>
                  <Input.TextArea
                    id="doc-json"
                    className="code"
                    aria-describedby="json-help"
                    autoSize={{ minRows: 12, maxRows: 40 }}
                    value={editor.json}
                    spellCheck={false}
                    onChange={(e) => editor.setJson(e.target.value)}
                    status={editor.jsonError ? 'error' : undefined}
                  />
                  {editor.jsonError && (
                    <p className="field-problem" role="alert">
                      {t('jsonInvalid', { msg: editor.jsonError })}
                    </p>
                  )}
                  <Button onClick={editor.applyJson}>{t('applyJson')}</Button>
                </>
              ),
            },
          ]}
        />
      )}

      {doc && (
        <div className="action-bar">
          <Button type="primary" onClick={editor.save} loading={busy === 'save'} disabled={busy !== null}>
            {busy === 'save' ? t('saving') : t('save')}
          </Button>
          <Button
            onClick={editor.publish}
            loading={busy === 'publish'}
            disabled={busy !== null || dirty || !unpublished}
            aria-describedby={publishHint ? 'publish-hint' : undefined}
          >
            {busy === 'publish' ? t('publishing') : t('publish')}
          </Button>
          {publishHint && (
            <span id="publish-hint" className="muted">
              {publishHint}
            </span>
          )}
        </div>
      )}

      <section aria-labelledby="versions-title">
        <h2 id="versions-title">{t('sectionVersions')}</h2>
        {detail && versions.length === 0 ? (
          <p>{t('noVersions')}</p>
        ) : (
          <Table<Detail<TDoc>['versions'][number]>
            rowKey="version"
            size="small"
            pagination={false}
            scroll={{ x: true }}
            dataSource={versions}
            columns={[
              {
                title: t('colPublished'),
                key: 'version',
                render: (_, v) => (
                  <>
                    {t('versionN', { n: v.version })}
                    {v.version === detail?.publishedVersion && <strong>（{t('current')}）</strong>}
                  </>
                ),
              },
              { title: t('verPublishedAt'), key: 'at', render: (_, v) => formatDateTime(lang, v.publishedAt) },
              { title: t('verBy'), key: 'by', render: (_, v) => v.publishedBy ?? '—' },
            ]}
          />
        )}
      </section>
    </div>
  );
}

