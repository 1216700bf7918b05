// Helpers of the back-office, counter and newborn journeys: sign in through the login page, and call
// the API from inside a signed-in page (its cookie, its CSRF token) for set-up steps.
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

export const PASSWORD = 'Yijian@2023';

/** expect.poll with a timeout fit for a busy machine (vitest's default is one second). */
export function poll<T>(fn: () => T | Promise<T>, opts: { timeout?: number } = {}) {
  return expect.poll(fn, { timeout: 15_000, ...opts });
}

/** Signs in on /login and waits for the page it goes on to. */
export async function signIn(page: Page, username: string, next: string): Promise<void> {
  await page.goto(`/login?next=${encodeURIComponent(next)}`);
  await poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('登录');
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(PASSWORD);
  await page.getByRole('button', { name: '登录' }).last().click();
  await page.waitForURL((u) => u.pathname === next.split('?')[0]);
}

/** fetch() inside the page as the signed-in user; throws with the body on a non-2xx answer. */
export async function apiIn<T>(page: Page, method: string, url: string, body?: unknown, raw?: { bytes: string; type: string }): Promise<T> {
  const res = (await page.evaluate(
    async ([method, url, body, raw]) => {
      const me = (await fetch('/api/auth/me').then((r) => r.json())) as { csrfToken: string };
      const headers: Record<string, string> = { accept: 'application/json', 'x-csrf-token': me.csrfToken };
      let payload: Uint8Array | string | undefined;
      if (raw) {
        headers['content-type'] = raw.type;
        payload = new TextEncoder().encode(raw.bytes);
      } else if (body !== undefined) {
        headers['content-type'] = 'application/json';
        payload = JSON.stringify(body);
      }
      const r = await fetch(url, { method, headers, body: payload, credentials: 'same-origin' });
      return { status: r.status, text: await r.text() };
    },
    [method, url, body, raw] as const,
  )) as { status: number; text: string };
  if (res.status < 200 || res.status > 299) throw new Error(`${method} ${url} → ${res.status}: ${res.text}`);
  return (res.text ? JSON.parse(res.text) : undefined) as T;
}

/** A tiny PDF: enough for the upload's content sniffing. */
export const TINY_PDF = '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n';

/** YYYY-MM-DD of a day some days before today, in China time. */
export function daysAgo(days: number): string {
  return new Date(Date.now() + 8 * 3_600_000 - days * 86_400_000).toISOString().slice(0, 10);
}
