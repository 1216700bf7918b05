// Shows a server error in the visitor's language: the message, then each detail (where, what to fix).
import type { ApiError } from './api.ts';
import { usePrefs } from './prefs.tsx';

export function ErrorMessage({ error, title }: { error: ApiError; title?: string }) {
  const { pick } = usePrefs();
  const { message, details, code } = error.body;
  return (
    <div className="error-box" role="alert">
      {title && <p className="error-title">{title}</p>}
      <p>
        {pick(message.zh, message.en)} <span className="error-code">({code})</span>
      </p>
      {details.length > 0 && (
        <ul>
          {details.map((d, i) => (
            <li key={`${d.path ?? ''}-${d.code}-${i}`}>
              {d.path && <code>{d.path}</code>} {pick(d.zh, d.en)}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
