// The notify module's public face: in-app messages, channel settings, and the outbox handlers.
export { registerNotifyRoutes } from './notify.routes.ts';
export { notifySubscribers, channelsFromConfig, NOTIFY_SUBSCRIPTIONS } from './notify.subscribers.ts';
export type { NotifyChannels } from './deliver-notification.ts';
export { httpSmsSender, type SmsSender } from './sms-adapter.ts';
export { smtpMailSender, type MailSender } from './mailer.ts';
export * from '../../contract/notify.ts';
