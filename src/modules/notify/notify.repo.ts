// The only code that touches notifications, notification_settings and notification_deliveries.
import type { Db } from '../../platform/db.ts';
import type { TText } from '../../contract/notify.ts';
import { maskPhone } from '../../platform/identifiers.ts';

export type Channel = 'inapp' | 'email' | 'sms';

export interface NotificationRow {
  id: string;
  kind: string;
  title: TText;
  body: TText;
  link: string | null;
  created_at: Date;
  read_at: Date | null;
}

export interface NewNotification {
  userId: number;
  kind: string;
  title: TText;
  body: TText;
  link: string | null;
  outboxId: number;
  at: Date;
}

/** One in-app message per (outbox row, person): a retried event inserts nothing. */
export async function insertNotification(db: Db, n: NewNotification): Promise<boolean> {
  const res = await db
    .insertInto('notifications')
    .values({ user_id: n.userId, kind: n.kind, title: JSON.stringify(n.title), body: JSON.stringify(n.body), link: n.link, outbox_id: n.outboxId, created_at: n.at })
    .onConflict((oc) => oc.columns(['outbox_id', 'user_id']).doNothing())
    .executeTakeFirst();
  return Number(res.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function listNotifications(db: Db, userId: number, onlyUnread: boolean, limit: number): Promise<NotificationRow[]> {
  let q = db.selectFrom('notifications').select(['id', 'kind', 'title', 'body', 'link', 'created_at', 'read_at']).where('user_id', '=', userId);
  if (onlyUnread) q = q.where('read_at', 'is', null);
  return q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
}

export async function countUnread(db: Db, userId: number): Promise<number> {
  const row = await db.selectFrom('notifications').select((eb) => eb.fn.countAll<number>().as('n')).where('user_id', '=', userId).where('read_at', 'is', null).executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Marks one message read; false when it is not this person's. Reading twice keeps the first time. */
export async function markRead(db: Db, userId: number, id: string, at: Date): Promise<boolean> {
  const found = await db.selectFrom('notifications').select('id').where('id', '=', id).where('user_id', '=', userId).executeTakeFirst();
  if (!found) return false;
  await db.updateTable('notifications').set({ read_at: at }).where('id', '=', id).where('read_at', 'is', null).execute();
  return true;
}

export async function markAllRead(db: Db, userId: number, at: Date): Promise<void> {
  await db.updateTable('notifications').set({ read_at: at }).where('user_id', '=', userId).where('read_at', 'is', null).execute();
}

export interface SettingsRow {
  email: string | null;
  phone: string | null;
  email_enabled: boolean;
  sms_enabled: boolean;
}

export async function findSettings(db: Db, userId: number): Promise<SettingsRow | undefined> {
  return db.selectFrom('notification_settings').select(['email', 'phone', 'email_enabled', 'sms_enabled']).where('user_id', '=', userId).executeTakeFirst();
}

export async function saveSettings(db: Db, userId: number, s: SettingsRow, at: Date): Promise<void> {
  await db
    .insertInto('notification_settings')
    .values({ user_id: userId, ...s, updated_at: at })
    .onConflict((oc) => oc.column('user_id').doUpdateSet({ ...s, updated_at: at }))
    .execute();
}

export async function deliveredChannels(db: Db, outboxId: number): Promise<Set<Channel>> {
  const rows = await db.selectFrom('notification_deliveries').select('channel').where('outbox_id', '=', outboxId).execute();
  return new Set(rows.map((r) => r.channel));
}

function maskRecipient(channel: Channel, to: string): string {
  if (channel === 'sms') return maskPhone(to);
  const at = to.indexOf('@');
  return at > 0 ? `${to.slice(0, 1)}***${to.slice(at)}` : '***';
}

export async function recordDelivery(db: Db, outboxId: number, channel: Channel, recipient: string | null, externalId: string | null, at: Date): Promise<void> {
  await db
    .insertInto('notification_deliveries')
    // the record of a delivery keeps who it went to masked: it proves the sending, not the address
    .values({ outbox_id: outboxId, channel, recipient: recipient === null ? null : maskRecipient(channel, recipient), external_id: externalId, sent_at: at })
    .onConflict((oc) => oc.columns(['outbox_id', 'channel']).doNothing())
    .execute();
}
