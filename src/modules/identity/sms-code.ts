// 注册验证码: six digits sent by SMS, stored only as a hash bound to its challenge, valid for the
// city's number of minutes, a few wrong tries per code, and limited per phone and per address.
import { createHash, randomInt, randomUUID, timingSafeEqual } from 'node:crypto';
import type { AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { recordAudit } from '../audit/index.ts';
import { emitIdentityEvents } from './identity.events.ts';
import * as repo from './registration.repo.ts';

import { maskPhone } from '../../platform/identifiers.ts';
export { maskPhone };

export const hashSmsCode = (challengeId: string, code: string): string => createHash('sha256').update(`yj-register:${challengeId}:${code}`).digest('hex');

const tooSoon = (seconds: number) =>
  new AppError('too_many', 'SMS_RESEND_TOO_SOON', { zh: `验证码已发送，请 ${seconds} 秒后再试`, en: `A code was just sent; try again in ${seconds} s` });
const phoneLimit = (n: number) =>
  new AppError('too_many', 'SMS_PHONE_LIMIT', { zh: `该手机号码一小时内最多接收 ${n} 条验证码，请稍后再试`, en: `A phone number receives at most ${n} codes an hour; try again later` });
const addressLimit = () =>
  new AppError('too_many', 'SMS_ADDRESS_LIMIT', { zh: '本网络请求验证码过于频繁，请稍后再试', en: 'Too many codes were asked for from this network; try again later' });

export const codeWrong = () => new AppError('unprocessable', 'SMS_CODE_WRONG', { zh: '短信验证码不正确', en: 'The SMS code is wrong' });
export const codeExpired = () => new AppError('unprocessable', 'SMS_CODE_EXPIRED', { zh: '短信验证码已过期，请重新获取', en: 'The SMS code has expired; ask for a new one' });
export const codeUsed = () => new AppError('unprocessable', 'SMS_CODE_USED', { zh: '短信验证码已使用，请重新获取', en: 'The SMS code was already used; ask for a new one' });
export const codeAttempts = () => new AppError('too_many', 'SMS_CODE_ATTEMPTS', { zh: '验证码错误次数过多，请重新获取', en: 'Too many wrong codes; ask for a new one' });

export async function requestSmsCode(ctx: AppContext, input: { phone: string; ip: string }): Promise<{ challengeId: string; maskedPhone: string; expiresAt: Date; resendAfterSeconds: number }> {
  const db = ctx.database.db;
  const now = ctx.now();
  const s = await repo.identitySettings(db);
  const hourAgo = new Date(now.getTime() - 3_600_000);
  const challengeId = randomUUID();
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  const expiresAt = new Date(now.getTime() + s.sms_code_ttl_minutes * 60_000);
  await db.transaction().execute(async (tx) => {
    await repo.lockPhone(tx, input.phone);
    const [byPhone, byIp] = await Promise.all([repo.recentChallenges(tx, { phone: input.phone }, hourAgo), repo.recentChallenges(tx, { ip: input.ip }, hourAgo)]);
    if (byPhone.latest && now.getTime() - byPhone.latest.getTime() < s.sms_resend_seconds * 1000)
      throw tooSoon(Math.ceil((byPhone.latest.getTime() + s.sms_resend_seconds * 1000 - now.getTime()) / 1000));
    if (byPhone.count >= s.sms_per_phone_per_hour) throw phoneLimit(s.sms_per_phone_per_hour);
    if (byIp.count >= s.sms_per_ip_per_hour) throw addressLimit();
    await repo.insertChallenge(tx, { id: challengeId, phone: input.phone, purpose: 'register', code_hash: hashSmsCode(challengeId, code), ip: input.ip, created_at: now, expires_at: expiresAt });
    const text = `您正在注册一件事一次办账号，验证码 ${code}，${s.sms_code_ttl_minutes} 分钟内有效。如非本人操作，请忽略本短信，切勿将验证码告知他人。`;
    await emitIdentityEvents(tx, { type: 'identity.sms-code', challengeId, phone: input.phone, text, purpose: 'register' }, now);
    await recordAudit(tx, { actorId: null, actorRole: null, action: 'auth.sms_code.send', targetType: 'phone', targetId: maskPhone(input.phone), detail: { challengeId, purpose: 'register' }, ip: input.ip });
  });
  return { challengeId, maskedPhone: maskPhone(input.phone), expiresAt, resendAfterSeconds: s.sms_resend_seconds };
}

/**
 * Checks the code of a challenge for the phone without using it up. A wrong code is counted (and
 * stays counted: the count is written before the refusal); the code is used by the caller's
 * transaction with `repo.useChallenge`.
 */
export async function checkSmsCode(ctx: AppContext, input: { challengeId: string; phone: string; code: string }): Promise<void> {
  const db = ctx.database.db;
  const s = await repo.identitySettings(db);
  const c = await repo.findChallenge(db, input.challengeId);
  if (!c || c.phone !== input.phone) throw codeWrong(); // a challenge of another phone is no code for this one
  if (c.used_at) throw codeUsed();
  if (c.attempts >= s.sms_code_max_attempts) throw codeAttempts();
  if (new Date(c.expires_at).getTime() <= ctx.now().getTime()) throw codeExpired();
  const given = Buffer.from(hashSmsCode(c.id, input.code), 'hex');
  const stored = Buffer.from(c.code_hash, 'hex');
  if (given.length !== stored.length || !timingSafeEqual(given, stored)) {
    await repo.countWrongAttempt(db, c.id);
    throw c.attempts + 1 >= s.sms_code_max_attempts ? codeAttempts() : codeWrong();
  }
}
