// Sends a file as the raw body of POST /api/uploads?name=… (the API's JSON helper cannot): the CSRF
// token comes from the session answer.
import { ApiError, api } from '../ui/api.ts';
import type { TSessionView as TSession } from '@contract/identity.ts';
import type { TUpload } from '@contract/forms.ts';

export async function uploadRaw(file: File): Promise<TUpload> {
  const session = await api<TSession>('GET', '/api/auth/me');
  const res = await fetch(`/api/uploads?name=${encodeURIComponent(file.name)}`, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { accept: 'application/json', 'content-type': file.type || 'application/octet-stream', 'x-csrf-token': session.csrfToken },
    body: file,
  });
  const json = (await res.json().catch(() => undefined)) as { error?: ApiError['body'] } | TUpload | undefined;
  if (!res.ok) {
    const body = (json as { error?: ApiError['body'] } | undefined)?.error;
    throw new ApiError(res.status, body ?? { code: 'UNEXPECTED_RESPONSE', message: { zh: `上传失败（${res.status}）`, en: `Upload failed (${res.status})` }, details: [] });
  }
  return json as TUpload;
}
