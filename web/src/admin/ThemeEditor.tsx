// Edit a theme (一件事): name, summary and target date as a form; matters, questions and
// dependencies in the JSON editor.
import { Form, Input, Select } from 'antd';
import { ZTheme } from '@contract/catalog.ts';
import type { TThemeAdminDetail } from '@contract/catalog-api.ts';
import type { TTheme } from '@contract/catalog.ts';
import { formatDate } from '../ui/format.ts';
import { usePrefs } from '../ui/prefs.tsx';
import { usePageTitle } from '../ui/usePageTitle.ts';
import { EditorShell } from './EditorShell.tsx';
import { Field } from './fields.tsx';
import { useAdminT } from './messages.ts';
import { useCatalogEditor } from './useCatalogEditor.ts';

const TARGET_DATES = ZTheme.shape.targetDate.options;

export function ThemeEditor({ code }: { code: string }) {
  const t = useAdminT();
  const { lang } = usePrefs();
  const editor = useCatalogEditor<TTheme, TThemeAdminDetail>('themes', code);
  const { doc, update, problemsAt } = editor;
  usePageTitle(`${t('editTheme')} ${doc?.name ?? code}`);

  return (
    <EditorShell heading={t('editTheme')} name={doc?.name} editor={editor}>
      {doc && (
        <Form layout="vertical" component="div">
          <section aria-labelledby="sec-basics">
            <h2 id="sec-basics">{t('sectionBasics')}</h2>
            <p className="muted">
              {t('labelColon', { what: t('colCode') })}
              <code>{doc.code}</code> · {t('titleWithName', { what: t('colSeq'), name: doc.seq })}
            </p>
            <div className="form-grid">
              <Field label={t('name')} htmlFor="t-name" problems={problemsAt('name')}>
                <Input id="t-name" value={doc.name} onChange={(e) => update((d) => ({ ...d, name: e.target.value }))} />
              </Field>
              <Field label={t('nameEn')} htmlFor="t-nameEn" problems={problemsAt('nameEn')}>
                <Input id="t-nameEn" lang="en" value={doc.nameEn} onChange={(e) => update((d) => ({ ...d, nameEn: e.target.value }))} />
              </Field>
              <Field label={t('targetDate')} htmlFor="t-target" problems={problemsAt('targetDate')}>
                <Select<TTheme['targetDate']>
                  id="t-target"
                  value={doc.targetDate}
                  onChange={(targetDate) => update((d) => ({ ...d, targetDate }))}
                  options={TARGET_DATES.map((v) => ({ value: v, label: formatDate(lang, v) }))}
                />
              </Field>
            </div>
            <Field label={t('summary')} htmlFor="t-summary" problems={problemsAt('summary')}>
              <Input.TextArea id="t-summary" autoSize={{ minRows: 2 }} value={doc.summary} onChange={(e) => update((d) => ({ ...d, summary: e.target.value }))} />
            </Field>
            <Field label={t('summaryEn')} htmlFor="t-summaryEn" problems={problemsAt('summaryEn')}>
              <Input.TextArea
                id="t-summaryEn"
                lang="en"
                autoSize={{ minRows: 2 }}
                value={doc.summaryEn}
                onChange={(e) => update((d) => ({ ...d, summaryEn: e.target.value }))}
              />
            </Field>
          </section>
        </Form>
      )}
    </EditorShell>
  );
}
