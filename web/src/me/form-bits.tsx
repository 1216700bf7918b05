// Small accessible form pieces of the citizen chunk: a field with its label, hint, origin and error
// tied together (aria-describedby), and the error summary that takes the focus after a failed submit.
import { forwardRef, type ReactNode } from 'react';
import { useMe } from './messages.ts';

/** an element code ("child.name") as a safe id */
export const fieldId = (key: string): string => `f-${key.replace(/[^A-Za-z0-9_-]/g, '-')}`;

export const describedBy = (...ids: Array<string | false | null | undefined>): string | undefined => {
  const s = ids.filter(Boolean).join(' ');
  return s || undefined;
};

interface FieldProps {
  id: string;
  label: ReactNode;
  required?: boolean;
  hint?: ReactNode;
  note?: ReactNode;
  error?: string | undefined;
  /** the control; it must use `id`, and aria-describedby={describedBy(...ids)} from the render prop */
  children: (a11y: { id: string; 'aria-describedby': string | undefined; 'aria-invalid': true | undefined; required: boolean }) => ReactNode;
}

export function Field({ id, label, required = false, hint, note, error, children }: FieldProps) {
  const { m } = useMe();
  const hintId = hint ? `${id}-hint` : null;
  const noteId = note ? `${id}-note` : null;
  const errorId = error ? `${id}-error` : null;
  return (
    <div className={error ? 'field has-error' : 'field'}>
      <label htmlFor={id}>
        {label}
        {required ? (
          <span className="req">
            <span aria-hidden="true"> *</span>
            <span className="visually-hidden">{m('requiredMark')}</span>
          </span>
        ) : null}
      </label>
      {hint && (
        <p className="field-hint" id={hintId!}>
          {hint}
        </p>
      )}
      {error && (
        <p className="field-error" id={errorId!}>
          {error}
        </p>
      )}
      {children({ id, 'aria-describedby': describedBy(errorId, hintId, noteId), 'aria-invalid': error ? true : undefined, required })}
      {note && (
        <p className="field-note" id={noteId!}>
          {note}
        </p>
      )}
    </div>
  );
}

export interface SummaryItem {
  /** the id of the control to focus */
  target: string;
  text: string;
}

/** "有 N 处需要修改": a list of links to the fields; focused after a failed submit. */
export const ErrorSummary = forwardRef<HTMLDivElement, { items: SummaryItem[]; extra?: ReactNode }>(function ErrorSummary({ items, extra }, ref) {
  const { m } = useMe();
  const go = (target: string) => {
    const el = document.getElementById(target);
    if (!el) return;
    el.scrollIntoView({ block: 'center' });
    el.focus();
  };
  return (
    <div className="error-box error-summary" ref={ref} tabIndex={-1} role="alert" aria-labelledby="error-summary-title">
      <h2 id="error-summary-title" className="error-title">
        {m('errorSummary', { n: items.length || 1 })}
      </h2>
      <p>{m('errorSummaryLead')}</p>
      <ul>
        {items.map((it, i) => (
          <li key={`${it.target}-${i}`}>
            <a
              href={`#${it.target}`}
              onClick={(e) => {
                e.preventDefault();
                go(it.target);
              }}
            >
              {it.text}
            </a>
          </li>
        ))}
      </ul>
      {extra}
    </div>
  );
});

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
