// Edit a matter's implementation list (实施清单): the main fields as a form, the rest in the JSON editor.
import { Form, Input, InputNumber, Radio, Select } from 'antd';
import { ZMatter, ZMatterType, ZTimeUnit } from '@contract/catalog.ts';
import type { TMatterDetail } from '@contract/catalog-api.ts';
import type { TMatter } from '@contract/catalog.ts';
import { usePageTitle } from '../ui/usePageTitle.ts';
import { EditorShell } from './EditorShell.tsx';
import { Field, LinesInput } from './fields.tsx';
import { MatterFees } from './MatterFees.tsx';
import { MatterMaterials } from './MatterMaterials.tsx';
import { useAdminT, type AdminKey } from './messages.ts';
import { useCatalogEditor } from './useCatalogEditor.ts';

type Limit = TMatter['legalLimit'];
const RESULT_TYPES = ZMatter.shape.result.shape.type.options;
const DEPTHS = [1, 2, 3, 4] as const;
const ROMAN = ['Ⅰ', 'Ⅱ', 'Ⅲ', 'Ⅳ'];

export function MatterEditor({ code }: { code: string }) {
  const t = useAdminT();
  const editor = useCatalogEditor<TMatter, TMatterDetail>('matters', code);
  const { doc, update, problemsAt } = editor;
  usePageTitle(`${t('editMatter')} ${doc?.name ?? code}`);

  const limitField = (key: 'legalLimit' | 'promisedLimit') => {
    const what = t(key);
    const limit = doc![key];
    const set = (l: Partial<Limit>) => update((d) => ({ ...d, [key]: { ...d[key], ...l } }));
    return (
      <Field label={what} htmlFor={`m-${key}`} problems={problemsAt(key)}>
        <div className="inline-controls">
          <InputNumber
            id={`m-${key}`}
            min={0}
            value={limit.value}
            aria-label={t('limitValue', { what })}
            onChange={(v) => set({ value: v ?? 0 })}
          />
          <Select<Limit['unit']>
            aria-label={t('limitUnit', { what })}
            value={limit.unit}
            onChange={(unit) => set({ unit })}
            options={ZTimeUnit.options.map((u) => ({ value: u, label: t(u) }))}
            className="unit-select"
          />
        </div>
      </Field>
    );
  };

  return (
    <EditorShell heading={t('editMatter')} name={doc?.name} editor={editor}>
      {doc && (
        <Form layout="vertical" component="div" className="matter-form">
          <section aria-labelledby="sec-basics">
            <h2 id="sec-basics">{t('sectionBasics')}</h2>
            <p className="muted">
              {t('labelColon', { what: t('colCode') })}
              <code>{doc.code}</code> · {t('labelColon', { what: t('colUnit') })}
              <code>{doc.unit}</code>
            </p>
            <div className="form-grid">
              <Field label={t('name')} htmlFor="m-name" problems={problemsAt('name')}>
                <Input id="m-name" value={doc.name} onChange={(e) => update((d) => ({ ...d, name: e.target.value }))} />
              </Field>
              <Field label={t('nameEn')} htmlFor="m-nameEn" problems={problemsAt('nameEn')}>
                <Input id="m-nameEn" lang="en" value={doc.nameEn} onChange={(e) => update((d) => ({ ...d, nameEn: e.target.value }))} />
              </Field>
              <Field label={t('matterType')} htmlFor="m-type" problems={problemsAt('type')}>
                <Select<TMatter['type']>
                  id="m-type"
                  value={doc.type}
                  onChange={(type) => update((d) => ({ ...d, type }))}
                  options={ZMatterType.options.map((v) => ({ value: v, label: v }))}
                />
              </Field>
              <Field label={<span id="lbl-caseType">{t('caseType')}</span>} problems={problemsAt('caseType')}>
                <div role="radiogroup" aria-labelledby="lbl-caseType">
                  <Radio.Group
                    value={doc.caseType}
                    onChange={(e) => update((d) => ({ ...d, caseType: e.target.value as TMatter['caseType'] }))}
                    options={[
                      { value: 'immediate', label: t('immediate') },
                      { value: 'promised', label: t('promised') },
                    ]}
                  />
                </div>
              </Field>
            </div>
          </section>

          <section aria-labelledby="sec-time">
            <h2 id="sec-time">{t('sectionTime')}</h2>
            <div className="form-grid">
              {limitField('legalLimit')}
              {limitField('promisedLimit')}
            </div>
          </section>

          <section aria-labelledby="sec-visits">
            <h2 id="sec-visits">{t('sectionVisits')}</h2>
            <div className="form-grid">
              <Field label={t('visitsCount')} htmlFor="m-visits-count" problems={problemsAt('visits.count')}>
                <InputNumber
                  id="m-visits-count"
                  min={0}
                  precision={0}
                  value={doc.visits.count}
                  onChange={(v) => update((d) => ({ ...d, visits: { ...d.visits, count: v ?? 0 } }))}
                />
              </Field>
              <Field label={t('visitsReason')} htmlFor="m-visits-reason" problems={problemsAt('visits.reason')}>
                <Input
                  id="m-visits-reason"
                  value={doc.visits.reason ?? ''}
                  onChange={(e) => update((d) => ({ ...d, visits: { ...d.visits, reason: e.target.value || undefined } }))}
                />
              </Field>
              <Field label={t('onlineDepth')} htmlFor="m-depth" problems={problemsAt('onlineDepth')}>
                <Select<number>
                  id="m-depth"
                  value={doc.onlineDepth}
                  onChange={(onlineDepth) => update((d) => ({ ...d, onlineDepth }))}
                  options={DEPTHS.map((n) => ({ value: n, label: n === 4 ? t('depth4') : t('depth', { n: ROMAN[n - 1]! }) }))}
                />
              </Field>
            </div>
          </section>

          <MatterFees doc={doc} update={update} problemsAt={problemsAt} />
          <MatterMaterials doc={doc} update={update} problemsAt={problemsAt} />

          <section aria-labelledby="sec-result">
            <h2 id="sec-result">{t('sectionResult')}</h2>
            <div className="form-grid">
              <Field label={t('resultType')} htmlFor="m-result-type" problems={problemsAt('result.type')}>
                <Select<TMatter['result']['type']>
                  id="m-result-type"
                  value={doc.result.type}
                  onChange={(type) => update((d) => ({ ...d, result: { ...d.result, type } }))}
                  options={RESULT_TYPES.map((v) => ({ value: v, label: t(`result_${v}` as AdminKey) }))}
                />
              </Field>
              <Field label={t('resultName')} htmlFor="m-result-name" problems={problemsAt('result.name')}>
                <Input
                  id="m-result-name"
                  value={doc.result.name ?? ''}
                  onChange={(e) => update((d) => ({ ...d, result: { ...d.result, name: e.target.value || undefined } }))}
                />
              </Field>
              <Field label={t('resultSample')} htmlFor="m-result-sample" problems={problemsAt('result.sample')}>
                <Input
                  id="m-result-sample"
                  value={doc.result.sample ?? ''}
                  onChange={(e) => update((d) => ({ ...d, result: { ...d.result, sample: e.target.value || undefined } }))}
                />
              </Field>
            </div>
          </section>

          <section aria-labelledby="sec-conditions">
            <h2 id="sec-conditions">{t('sectionConditions')}</h2>
            <Field label={t('conditions')} htmlFor="m-conditions" problems={problemsAt('acceptanceConditions')}>
              <LinesInput
                id="m-conditions"
                value={doc.acceptanceConditions}
                invalid={problemsAt('acceptanceConditions').length > 0}
                onChange={(acceptanceConditions) => update((d) => ({ ...d, acceptanceConditions }))}
              />
            </Field>
          </section>
        </Form>
      )}
    </EditorShell>
  );
}
