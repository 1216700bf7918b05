// Each person's channels: in-app always; e-mail and SMS when an address is given and switched on.
// Without a saved choice the real-name profile's phone and e-mail are used, both switched on.
import type { Actor } from '../../platform/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { findUserById } from '../identity/index.ts';
import * as repo from './notify.repo.ts';
import type { TNotificationSettings } from '../../contract/notify.ts';

export async function effectiveSettings(db: Db, userId: number): Promise<TNotificationSettings> {
  const saved = await repo.findSettings(db, userId);
  if (saved) return { email: saved.email, phone: saved.phone, channels: { email: saved.email_enabled, sms: saved.sms_enabled } };
  const user = await findUserById(db, userId);
  const email = user?.email ?? null;
  const phone = user?.phone ?? null;
  return { email, phone, channels: { email: email !== null, sms: phone !== null } };
}

export async function getNotificationSettings(ctx: AppContext, actor: Actor): Promise<TNotificationSettings> {
  return effectiveSettings(ctx.database.db, actor.id);
}

export async function updateNotificationSettings(ctx: AppContext, actor: Actor, s: TNotificationSettings): Promise<TNotificationSettings> {
  if (s.channels.email && !s.email)
    throw new AppError('unprocessable', 'EMAIL_REQUIRED', { zh: '开启邮件通知须填写电子邮箱', en: 'Give an e-mail address to turn e-mail notifications on' }, [{ path: 'email', code: 'REQUIRED', zh: '请填写电子邮箱', en: 'E-mail address is required' }]);
  if (s.channels.sms && !s.phone)
    throw new AppError('unprocessable', 'PHONE_REQUIRED', { zh: '开启短信通知须填写手机号码', en: 'Give a mobile number to turn SMS notifications on' }, [{ path: 'phone', code: 'REQUIRED', zh: '请填写手机号码', en: 'Mobile number is required' }]);
  await repo.saveSettings(ctx.database.db, actor.id, { email: s.email, phone: s.phone, email_enabled: s.channels.email, sms_enabled: s.channels.sms }, ctx.now());
  return effectiveSettings(ctx.database.db, actor.id);
}
