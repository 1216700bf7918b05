// A plain renderer of the one form's elements (the counter fills it for the citizen): one labelled
// control per element, grouped, with where a prefilled value came from.
import { Input, Tag } from 'antd';
import { usePrefs } from '../ui/prefs.tsx';
import { useOfficeT } from './messages.ts';
import type { TFormElementView, TThemeFormView } from '@contract/forms.ts';

export type FormValues = Record<string, string | number | boolean | null>;

function Control({ el, value, onChange }: { el: TFormElementView; value: string | number | boolean | null; onChange: (v: string | number | boolean | null) => void }) {
  const t = useOfficeT();
  const { pick } = usePrefs();
  const id = `el-${el.code}`;
  const common = { id, 'aria-required': el.required || undefined, 'aria-describedby': el.hint || el.origin ? `${id}-hint` : undefined };
  if (el.type === 'enum' && el.options)
    return (
      <select className="native-select" {...common} value={value === null ? '' : String(value)} onChange={(e) => onChange(e.target.value || null)}>
        <option value="">{t('choose')}</option>
        {el.options.map((o) => (
          <option key={o.value} value={o.value}>
            {pick(o.label.zh, o.label.en)}
          </option>
        ))}
      </select>
    );
  if (el.type === 'boolean')
    return (
      <select className="native-select" {...common} value={value === null ? '' : value ? 'true' : 'false'} onChange={(e) => onChange(e.target.value === '' ? null : e.target.value === 'true')}>
        <option value="">{t('choose')}</option>
        <option value="true">{t('yes')}</option>
        <option value="false">{t('no')}</option>
      </select>
    );
  if (el.type === 'longText' || el.type === 'address')
    return <Input.TextArea {...common} rows={2} maxLength={el.maxLength} value={value === null ? '' : String(value)} onChange={(e) => onChange(e.target.value)} />;
  const type = el.type === 'date' ? 'date' : el.type === 'number' || el.type === 'money' ? 'number' : el.type === 'email' ? 'email' : el.type === 'phone' ? 'tel' : 'text';
  return (
    <Input
      {...common}
      // the applicant's identity is their real-name profile's: staff cannot type another person's in
      readOnly={el.readOnly === true}
      type={type}
      maxLength={el.maxLength}
      value={value === null ? '' : String(value)}
      onChange={(e) => {
        const v = e.target.value;
        onChange(type === 'number' ? (v === '' ? null : Number(v)) : v);
      }}
    />
  );
}

export function FormFields({ form, values, onChange }: { form: TThemeFormView; values: FormValues; onChange: (code: string, v: string | number | boolean | null) => void }) {
  const t = useOfficeT();
  const { pick } = usePrefs();
  const byCode = new Map(form.elements.map((e) => [e.code, e] as const));
  const grouped = new Set(form.groups.flatMap((g) => g.elements));
  const groups = [...form.groups, { code: 'other', name: { zh: '其他', en: 'Other' }, elements: form.elements.map((e) => e.code).filter((c) => !grouped.has(c)) }].filter(
    (g) => g.elements.length > 0,
  );
  return (
    <>
      {form.prefillProblems.length > 0 && (
        <div className="error-box" role="note">
          <p>{t('prefillProblems')}</p>
          <ul>
            {form.prefillProblems.map((p, i) => (
              <li key={`${p.source}-${i}`}>{pick(p.zh, p.en)}</li>
            ))}
          </ul>
        </div>
      )}
      {groups.map((g) => (
        <fieldset key={g.code} className="form-group">
          <legend>{pick(g.name.zh, g.name.en)}</legend>
          <div className="form-grid">
            {g.elements.map((code) => {
              const el = byCode.get(code);
              if (!el || el.producedBy) return null;
              const id = `el-${el.code}`;
              return (
                <div key={code} className="field">
                  <label className="admin-label" htmlFor={id}>
                    {pick(el.label.zh, el.label.en)}
                    {el.required && <span className="required-mark"> *</span>}
                  </label>
                  <Control el={el} value={values[code] ?? null} onChange={(v) => onChange(code, v)} />
                  {(el.hint || el.origin) && (
                    <p id={`${id}-hint`} className="field-hint">
                      {el.origin && <Tag className="tag-ok-admin">{t('prefilledFrom', { source: pick(el.origin.name.zh, el.origin.name.en) })}</Tag>}
                      {el.hint && pick(el.hint.zh, el.hint.en)}
                    </p>
                  )}
                </div>
              );
            })}
          </div>
        </fieldset>
      ))}
    </>
  );
}
