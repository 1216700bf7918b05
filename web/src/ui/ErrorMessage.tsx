// Shows a server error in the visitor's language: the message, then each detail (what to fix, naming
// the field in words). The stable code and the field's key are for programs, not for people: they stay
// in data attributes (support can read them), never in the text.
import type { ApiError } from './api.ts';
import { usePrefs } from './prefs.tsx';

export function ErrorMessage({ error, title }: { error: ApiError; title?: string }) {
  const { pick } = usePrefs();
  const { message, details, code } = error.body;
  return (
    <div className="error-box" role="alert" data-error-code={code}>
      {title && <p className="error-title">{title}</p>}
      <p>
        {pick(message.zh, message.en)}
      </p>
      {details.length > 0 && (
        <ul>
          {details.map((d, i) => (
            <li key={`${d.path ?? ''}-${d.code}-${i}`} data-path={d.path}>
              {pick(d.zh, d.en)}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
