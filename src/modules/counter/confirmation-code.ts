// The SMS confirmation code: six digits, stored only as a hash bound to the intake, valid for
// CODE_TTL_MS, at most CODE_MAX_ATTEMPTS wrong tries per code and CODE_MAX_SENDS codes per intake.
import { createHash, randomInt, timingSafeEqual } from 'node:crypto';
import type { Tx } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { emitCounterEvents } from './counter.events.ts';
import * as repo from './counter.repo.ts';

export const CODE_TTL_MS = 15 * 60_000;
export const CODE_MAX_ATTEMPTS = 5;
export const CODE_MAX_SENDS = 5;

export const newCode = (): string => String(randomInt(0, 1_000_000)).padStart(6, '0');

export const hashCode = (intakeId: string, code: string): string => createHash('sha256').update(`yj-counter:${intakeId}:${code}`).digest('hex');

export function codeMatches(intakeId: string, code: string, stored: string): boolean {
  const a = Buffer.from(hashCode(intakeId, code), 'hex');
  const b = Buffer.from(stored, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

export { maskPhone } from '../../platform/identifiers.ts';

export const tooManySends = () =>
  new AppError('too_many', 'CODE_SEND_LIMIT', { zh: `确认码最多发送 ${CODE_MAX_SENDS} 次，请申请人登录账号确认`, en: `A confirmation code can be sent at most ${CODE_MAX_SENDS} times; the applicant can confirm signed in instead` });

/**
 * Makes a new code for the intake (the previous one stops working), stores its hash and enqueues the
 * SMS in the same transaction. The SMS text is the only place the code is in clear.
 */
export async function issueCode(tx: Tx, row: repo.IntakeRow, phone: string, texts: { staffName: string; themeName: string }, at: Date): Promise<{ expiresAt: Date }> {
  if (row.code_sends >= CODE_MAX_SENDS) throw tooManySends();
  const code = newCode();
  const expiresAt = new Date(at.getTime() + CODE_TTL_MS);
  await repo.updateIntake(tx, row.id, {
    code_hash: hashCode(row.id, code), code_expires_at: expiresAt, code_attempts: 0, code_sends: row.code_sends + 1, code_sent_to: phone, updated_at: at,
  });
  const text = `【一件事一次办】${texts.staffName}正在窗口为您办理“${texts.themeName}”，确认码 ${code}，15 分钟内有效。如非本人申请，请勿将确认码告知他人。`;
  await emitCounterEvents(tx, { type: 'counter.confirmation-code', phone, text, userId: Number(row.applicant_id), intakeId: row.id, purpose: 'counter-confirmation' }, at);
  return { expiresAt };
}
