// Calls the Yijian API. Every state-changing call carries the session's CSRF token; every failure
// becomes an ApiError holding the server's { code, message: { zh, en }, details }.
import type { TErrorBody } from '@contract/errors.ts';

export type TApiError = TErrorBody['error'];
export type TErrorDetail = TApiError['details'][number];

export class ApiError extends Error {
  readonly status: number;
  readonly body: TApiError;

  constructor(status: number, body: TApiError) {
    super(`${body.code}: ${body.message.en}`);
    this.status = status;
    this.body = body;
  }
}

let csrfToken: string | null = null;

// A page loaded while signed in asks /api/auth/me for the CSRF token; a write sent before that
// answer (e.g. the theme page's notice on a reload) would fail CSRF_FAILED. Writes wait for the
// session check (at most a few seconds) when they have no token yet.
let sessionChecked = false;
let markChecked: () => void = () => undefined;
const sessionCheck = new Promise<void>((resolve) => {
  markChecked = resolve;
});

/** Called by the session provider once /api/auth/me has answered (either way). */
export function markSessionChecked(): void {
  sessionChecked = true;
  markChecked();
}

async function waitForSessionCheck(): Promise<void> {
  if (sessionChecked || csrfToken) return;
  await Promise.race([sessionCheck, new Promise<void>((resolve) => setTimeout(resolve, 5000))]);
}

/** Set from /api/auth/login and /api/auth/me; cleared on logout. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

function isErrorBody(x: unknown): x is TErrorBody {
  const e = (x as { error?: { code?: unknown; message?: { zh?: unknown } } } | null)?.error;
  return typeof e?.code === 'string' && typeof e.message?.zh === 'string';
}

const networkError = (status: number): ApiError =>
  new ApiError(status, {
    code: status === 0 ? 'NETWORK' : 'UNEXPECTED_RESPONSE',
    message:
      status === 0
        ? { zh: '网络连接失败，请检查网络后重试', en: 'Could not reach the server; check your connection and try again' }
        : { zh: `服务器返回了无法识别的应答（${status}）`, en: `The server sent an unexpected answer (${status})` },
    details: [],
  });

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

export async function api<T>(method: Method, path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
  if (method !== 'GET' && path !== '/api/auth/login') await waitForSessionCheck();
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
      signal,
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw networkError(0);
  }
  const text = await res.text();
  let json: unknown = undefined;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    throw networkError(res.status);
  }
  if (!res.ok) throw isErrorBody(json) ? new ApiError(res.status, json.error) : networkError(res.status);
  return json as T;
}

/** A POST whose answer is a file (e.g. a generated PDF): the Blob, or the server's ApiError. */
export async function apiFile(path: string, body: unknown): Promise<Blob> {
  await waitForSessionCheck();
  const headers: Record<string, string> = { accept: 'application/pdf, application/json', 'content-type': 'application/json' };
  if (csrfToken) headers['x-csrf-token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(path, { method: 'POST', headers, credentials: 'same-origin', body: JSON.stringify(body) });
  } catch {
    throw networkError(0);
  }
  if (res.ok) return res.blob();
  const json: unknown = await res.json().catch(() => undefined);
  throw isErrorBody(json) ? new ApiError(res.status, json.error) : networkError(res.status);
}

/** Anything thrown by a call, as an ApiError a page can show. */
export function asApiError(err: unknown): ApiError {
  return err instanceof ApiError ? err : networkError(0);
}

export const isAbort = (err: unknown): boolean => err instanceof DOMException && err.name === 'AbortError';

/**
 * Sends a file as the raw request body (POST /api/uploads?name=…) with XMLHttpRequest, which (unlike
 * fetch) reports upload progress. `onProgress` gets the fraction sent, 0–1.
 */
export function uploadFile<T>(path: string, file: Blob, onProgress?: (fraction: number) => void, signal?: AbortSignal): Promise<T> {
  return waitForSessionCheck().then(() => new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.withCredentials = true;
    xhr.setRequestHeader('accept', 'application/json');
    xhr.setRequestHeader('content-type', file.type || 'application/octet-stream');
    if (csrfToken) xhr.setRequestHeader('x-csrf-token', csrfToken);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && onProgress) onProgress(e.total > 0 ? e.loaded / e.total : 1);
    };
    xhr.onerror = () => reject(networkError(0));
    xhr.onabort = () => reject(new DOMException('aborted', 'AbortError'));
    xhr.onload = () => {
      let json: unknown;
      try {
        json = xhr.responseText ? JSON.parse(xhr.responseText) : undefined;
      } catch {
        reject(networkError(xhr.status));
        return;
      }
      if (xhr.status >= 200 && xhr.status < 300) resolve(json as T);
      else reject(isErrorBody(json) ? new ApiError(xhr.status, json.error) : networkError(xhr.status));
    };
    signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(file);
  }));
}
