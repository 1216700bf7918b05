// 申请表 that Yijian generates from the one form: the applicant signs them online with a declaration
// in their real name (the server records who signed, from the session), or downloads each filled in
// as a PDF to print and sign on paper.
import { useState } from 'react';
import { apiFile, asApiError, type ApiError } from '../ui/api.ts';
import { ErrorMessage } from '../ui/ErrorMessage.tsx';
import type { TFormMaterialView } from '@contract/forms.ts';
import { describedBy } from '../me/form-bits.tsx';
import { useMe } from '../me/messages.ts';

interface Props {
  themeCode: string;
  answers: Record<string, string[]>;
  /** the form's values as the API takes them, read when a PDF is asked for */
  values: () => Record<string, string | number | boolean>;
  materials: TFormMaterialView[];
  signed: boolean;
  onSigned: (signed: boolean) => void;
  error: string | undefined;
  signerName: string;
}

export function GeneratedForms({ themeCode, answers, values, materials, signed, onSigned, error, signerName }: Props) {
  const { m, pick } = useMe();
  const [busy, setBusy] = useState<string | null>(null);
  const [failed, setFailed] = useState<ApiError | null>(null);

  const download = async (mat: TFormMaterialView) => {
    setBusy(mat.code);
    setFailed(null);
    try {
      const blob = await apiFile(`/api/themes/${encodeURIComponent(themeCode)}/forms/${encodeURIComponent(mat.code)}/pdf`, { answers, values: values() });
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = `${mat.name.zh}.pdf`;
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (err) {
      setFailed(asApiError(err));
    } finally {
      setBusy(null);
    }
  };

  return (
    <section className="panel generated-forms" aria-labelledby="sign-title">
      <h2 id="sign-title">{m('signTitle')}</h2>
      <p id="sign-text">{m('signText')}</p>
      <ul className="plain-list">
        {materials.map((mat) => (
          <li key={mat.code} data-generated={mat.code}>
            <span className="material-name">{pick(mat.name.zh, mat.name.en)}</span>{' '}
            <button type="button" className="button" disabled={busy !== null} onClick={() => void download(mat)}>
              {busy === mat.code ? m('signPdfBusy') : m('signPdf', { name: pick(mat.name.zh, mat.name.en) })}
            </button>
          </li>
        ))}
      </ul>
      {failed && <ErrorMessage error={failed} />}
      {error && (
        <p className="field-error" id="sign-forms-error">
          {error}
        </p>
      )}
      <label className="option" htmlFor="sign-forms">
        <input
          id="sign-forms"
          type="checkbox"
          checked={signed}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy(error && 'sign-forms-error', 'sign-text')}
          onChange={(e) => onSigned(e.target.checked)}
        />
        <span>{m('signAgree', { name: signerName })}</span>
      </label>
    </section>
  );
}
