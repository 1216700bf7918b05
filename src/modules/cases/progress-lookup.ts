// 办件进度查询: anyone with the application number and the receipt's query code sees the status and
// the steps (matter, unit, status) — no name, no ID number, no data. The query code is random per
// application, made when the receipt is first shown, and compared in constant time. Wrong look-ups
// are limited per address (progress_lookup_settings) so codes cannot be guessed.
// NOTE: the limiter is per process, like the sign-in limiter; N web processes allow N × the limit.
import { randomInt, timingSafeEqual } from 'node:crypto';
import type { Actor } from '../../platform/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { publishedCatalog } from '../catalog/index.ts';
import type { TProgressView, TReceipt } from '../../contract/registration.ts';
import { applicationNotFound } from './cases.policy.ts';
import { presentStatus } from './cases.presenters.ts';
import * as repo from './cases.repo.ts';
import * as progress from './progress.repo.ts';

// no 0/O, 1/I: read off paper and typed by hand
// ten digits: read out over the phone and typed on a phone's keypad by anyone, elderly people included, and
// never a Latin word on a Chinese screen; guessing is bounded by the lookup's limits (10^10 per number).
// Codes issued earlier as 8 letters and digits stay valid.
export const newQueryCode = (): string => Array.from({ length: 10 }, () => String(randomInt(0, 10))).join('');

export const progressNotFound = () =>
  new AppError('not_found', 'PROGRESS_NOT_FOUND', { zh: '办件编号或查询码不正确', en: 'The application number or the query code is wrong' });
const tooManyLookups = (minutes: number) =>
  new AppError('too_many', 'PROGRESS_RATE_LIMITED', { zh: `查询失败次数过多，请 ${minutes} 分钟后再试`, en: `Too many failed look-ups; try again in ${minutes} minute${minutes === 1 ? '' : 's'}` });

/** The receipt (回执) of an application: its number and query code, for its applicant. */
export async function getReceipt(ctx: AppContext, actor: Actor, applicationId: string): Promise<TReceipt> {
  const db = ctx.database.db;
  const app = await repo.getApplication(db, applicationId);
  // only the applicant (or the counter staff who took it in) holds the receipt
  if (!app || (app.applicant_id !== actor.id && app.staff_id !== actor.id)) throw applicationNotFound();
  const code = (await progress.findQueryCode(db, app.id)) ?? (await progress.insertQueryCodeIfAbsent(db, app.id, newQueryCode(), ctx.now()));
  return { number: app.number, queryCode: code };
}

export class LookupLimiter {
  readonly #failures = new Map<string, number[]>();

  /** ms until the address may look up again; 0 when it may now */
  retryAfterMs(ip: string, now: number, s: { max_failures: number; window_minutes: number }): number {
    const windowMs = s.window_minutes * 60_000;
    const times = (this.#failures.get(ip) ?? []).filter((t) => t > now - windowMs);
    if (times.length === 0) this.#failures.delete(ip);
    else this.#failures.set(ip, times);
    return times.length < s.max_failures ? 0 : times[times.length - s.max_failures]! + windowMs - now;
  }

  recordFailure(ip: string, now: number): void {
    this.#failures.set(ip, [...(this.#failures.get(ip) ?? []), now]);
    if (this.#failures.size > 100_000) this.#failures.delete(this.#failures.keys().next().value!);
  }
}

const sameCode = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

export async function lookUpProgress(ctx: AppContext, limiter: LookupLimiter, input: { number: string; code: string; ip: string }): Promise<TProgressView> {
  const db = ctx.database.db;
  const now = ctx.now().getTime();
  const settings = await progress.progressLookupSettings(db);
  const wait = limiter.retryAfterMs(input.ip, now, settings);
  if (wait > 0) throw tooManyLookups(Math.ceil(wait / 60_000));
  const app = await progress.findApplicationByNumber(db, input.number);
  const stored = app ? await progress.findQueryCode(db, app.id) : undefined;
  // one answer for "no such number", "no code yet" and "wrong code"
  if (!app || !stored || !sameCode(stored, input.code)) {
    limiter.recordFailure(input.ip, now);
    throw progressNotFound();
  }
  const subs = await repo.listSubcases(db, app.id);
  let bundle;
  try {
    bundle = await publishedCatalog(ctx.database).theme(app.theme_code);
  } catch {
    bundle = undefined;
  }
  const unitName = (code: string) => {
    const u = bundle?.unitNames.get(code);
    return { zh: u?.name ?? code, en: u?.nameEn ?? code };
  };
  const status = (code: string) => {
    const s = presentStatus(code);
    return { code: s.code, name: { zh: s.zh, en: s.en } };
  };
  return {
    number: app.number,
    theme: bundle ? { zh: bundle.theme.name, en: bundle.theme.nameEn } : { zh: app.theme_code, en: app.theme_code },
    status: status(app.status),
    submittedAt: new Date(app.created_at).toISOString(),
    updatedAt: new Date(app.updated_at).toISOString(),
    steps: subs.map((s) => ({
      matter: { zh: s.matter_name, en: bundle?.matters.get(s.matter_code)?.nameEn ?? s.matter_name },
      unit: unitName(s.unit_code),
      status: status(s.status),
      promisedAt: s.promised_at ? new Date(s.promised_at).toISOString() : null,
    })),
  };
}
