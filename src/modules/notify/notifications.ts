// The signed-in person's in-app messages (站内消息).
import type { Actor } from '../../platform/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import { notFound } from '../../platform/errors.ts';
import * as repo from './notify.repo.ts';
import type { TNotification, TNotificationList } from '../../contract/notify.ts';

const iso = (d: Date | string) => new Date(d).toISOString();

function present(r: repo.NotificationRow): TNotification {
  return { id: r.id, kind: r.kind, title: r.title, body: r.body, link: r.link, createdAt: iso(r.created_at), readAt: r.read_at ? iso(r.read_at) : null };
}

export async function listMyNotifications(ctx: AppContext, actor: Actor, q: { unread?: 'true' | 'false' | undefined; limit: number }): Promise<TNotificationList> {
  const db = ctx.database.db;
  const [rows, unread] = await Promise.all([repo.listNotifications(db, actor.id, q.unread === 'true', q.limit), repo.countUnread(db, actor.id)]);
  return { items: rows.map(present), unread };
}

export async function markNotificationRead(ctx: AppContext, actor: Actor, id: string): Promise<void> {
  if (!(await repo.markRead(ctx.database.db, actor.id, id, ctx.now()))) throw notFound({ zh: '消息', en: 'Notification' }, 'NOTIFICATION_NOT_FOUND');
}

export async function markAllNotificationsRead(ctx: AppContext, actor: Actor): Promise<void> {
  await repo.markAllRead(ctx.database.db, actor.id, ctx.now());
}
