// Sends one message to one person for one outbox row, on every channel they use. Each channel is
// recorded once it succeeded (notification_deliveries), so a retry of the row after a failure on one
// channel does not send again on the others; the in-app message is unique per (outbox row, person).
import type { AppContext } from '../../platform/context.ts';
import type { MailSender } from './mailer.ts';
import type { Message } from './messages.ts';
import { effectiveSettings } from './notification-settings.ts';
import * as repo from './notify.repo.ts';
import type { SmsSender } from './sms-adapter.ts';

export interface NotifyChannels {
  mail: MailSender | undefined;
  sms: SmsSender | undefined;
}

export async function deliverNotification(ctx: AppContext, channels: NotifyChannels, outboxId: number, userId: number, msg: Message): Promise<void> {
  const db = ctx.database.db;
  await repo.insertNotification(db, { userId, kind: msg.kind, title: msg.title, body: msg.body, link: msg.link, outboxId, at: ctx.now() });
  const settings = await effectiveSettings(db, userId);
  const done = await repo.deliveredChannels(db, outboxId);
  const failures: string[] = [];

  if (channels.mail && settings.channels.email && settings.email && !done.has('email')) {
    try {
      const sent = await channels.mail.send({
        to: settings.email,
        subject: `${msg.title.zh} / ${msg.title.en}`,
        text: `${msg.body.zh}\n\n${msg.body.en}\n`,
        messageId: `<outbox-${outboxId}@yijian.notifications>`,
      });
      await repo.recordDelivery(db, outboxId, 'email', settings.email, sent.messageId, ctx.now());
    } catch (err) {
      failures.push(`email: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  if (channels.sms && settings.channels.sms && settings.phone && !done.has('sms')) {
    try {
      const sent = await channels.sms.send({ to: settings.phone, text: msg.sms, idempotencyKey: `yijian-outbox-${outboxId}` });
      await repo.recordDelivery(db, outboxId, 'sms', settings.phone, sent.messageId, ctx.now());
    } catch (err) {
      failures.push(`sms: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  if (failures.length > 0) throw new Error(failures.join('; '));
}

/** One SMS for one outbox row (no in-app message), e.g. a confirmation code. */
export async function sendSmsOnce(ctx: AppContext, sms: SmsSender, outboxId: number, phone: string, text: string): Promise<void> {
  const db = ctx.database.db;
  if ((await repo.deliveredChannels(db, outboxId)).has('sms')) return;
  const sent = await sms.send({ to: phone, text, idempotencyKey: `yijian-outbox-${outboxId}` });
  await repo.recordDelivery(db, outboxId, 'sms', phone, sent.messageId, ctx.now());
}
