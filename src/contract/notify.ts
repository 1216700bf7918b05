// Notifications to the people Yijian serves: the in-app inbox and each person's channel settings.
import { z } from 'zod';

export const NOTIFICATION_KINDS = ['application.completed', 'subcase.supplement-requested', 'material.deferred-due', 'application.submitted'] as const;
export type TNotificationKind = (typeof NOTIFICATION_KINDS)[number];

const ZText = z.object({ zh: z.string(), en: z.string() });
export type TText = z.infer<typeof ZText>;

export const ZNotification = z.object({
  id: z.string().uuid(),
  kind: z.string(),
  title: ZText,
  body: ZText,
  link: z.string().nullable(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export type TNotification = z.infer<typeof ZNotification>;

export const ZNotificationList = z.object({ items: z.array(ZNotification), unread: z.number().int() });
export type TNotificationList = z.infer<typeof ZNotificationList>;

export const ZNotificationQuery = z.object({
  unread: z.enum(['true', 'false']).optional().describe('true: only unread messages'),
  limit: z.coerce.number().int().min(1).max(100).default(20),
}).strict();

// mainland mobile numbers (11 digits starting 1[3-9])
export const ZPhone = z.string().trim().regex(/^1[3-9]\d{9}$/, '手机号码须为 11 位大陆手机号 / a mainland mobile number of 11 digits');

export const ZNotificationSettings = z.object({
  email: z.string().trim().max(254).pipe(z.email()).nullable(),
  phone: ZPhone.nullable(),
  channels: z.object({ email: z.boolean(), sms: z.boolean() }).strict(),
}).strict();
export type TNotificationSettings = z.infer<typeof ZNotificationSettings>;
