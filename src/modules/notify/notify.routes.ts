// The signed-in person's notifications and channel settings: thin handlers.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { ZErrorBody } from '../../http/errors.ts';
import { actorOf, requireActor, SESSION_CSRF_SECURITY, SESSION_SECURITY } from '../../http/auth.ts';
import { listMyNotifications, markAllNotificationsRead, markNotificationRead } from './notifications.ts';
import { getNotificationSettings, updateNotificationSettings } from './notification-settings.ts';
import { ZNotificationList, ZNotificationQuery, ZNotificationSettings } from '../../contract/notify.ts';

const errors = { 400: ZErrorBody, 401: ZErrorBody, 403: ZErrorBody, 404: ZErrorBody, 422: ZErrorBody };

export async function registerNotifyRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const signedIn = { preHandler: requireActor };
  const tags = ['notifications'];

  r.get('/api/me/notifications', {
    ...signedIn,
    schema: { tags, summary: 'My in-app messages (站内消息), newest first, with the unread count', security: SESSION_SECURITY, querystring: ZNotificationQuery, response: { 200: ZNotificationList, ...errors } },
  }, async (req) => listMyNotifications(ctx, actorOf(req), req.query));

  r.post('/api/me/notifications/read-all', {
    ...signedIn,
    schema: { tags, summary: 'Mark all my messages read', security: SESSION_CSRF_SECURITY, response: { 204: z.null(), ...errors } },
  }, async (req, reply) => {
    await markAllNotificationsRead(ctx, actorOf(req));
    return reply.status(204).send(null);
  });

  r.post('/api/me/notifications/:id/read', {
    ...signedIn,
    schema: { tags, summary: 'Mark one message read', security: SESSION_CSRF_SECURITY, params: z.object({ id: z.string().uuid() }), response: { 204: z.null(), ...errors } },
  }, async (req, reply) => {
    await markNotificationRead(ctx, actorOf(req), req.params.id);
    return reply.status(204).send(null);
  });

  r.get('/api/me/notification-settings', {
    ...signedIn,
    schema: { tags, summary: 'My notification channels (in-app is always on)', security: SESSION_SECURITY, response: { 200: ZNotificationSettings, ...errors } },
  }, async (req) => getNotificationSettings(ctx, actorOf(req)));

  r.put('/api/me/notification-settings', {
    ...signedIn,
    schema: { tags, summary: 'Set my e-mail address, mobile number and channels', security: SESSION_CSRF_SECURITY, body: ZNotificationSettings, response: { 200: ZNotificationSettings, ...errors } },
  }, async (req) => updateNotificationSettings(ctx, actorOf(req), req.body));
}
