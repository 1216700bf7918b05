// The notify module's subscribers: each event becomes one message for the applicant, in-app and by
// the channels they chose; the counter's confirmation code is an SMS to the number the counter used.
// Handlers run outside any transaction and may run again after a failure (see deliver-notification.ts).
import type { AppContext } from '../../platform/context.ts';
import { defineSubscription } from '../../platform/events.ts';
import { bindSubscriber, type Delivery, type SubscriberBinding } from '../../platform/outbox.ts';
import { publishedCatalog, type ThemeBundle } from '../catalog/index.ts';
import { CASE_STATUSES, findApplicationRow, listApplicationSubcases, statusOfCode, type ApplicationRow, type TCasesEventOf } from '../cases/index.ts';
import { deliverNotification, sendSmsOnce, type NotifyChannels } from './deliver-notification.ts';
import type { TCounterEvent } from '../counter/index.ts';
import type { TIdentityEvent } from '../identity/index.ts';
import type { TMaterialsEvent } from '../materials/index.ts';
import { smtpMailSender } from './mailer.ts';
import * as messages from './messages.ts';
import type { TText } from '../../contract/notify.ts';
import { httpSmsSender } from './sms-adapter.ts';

export function channelsFromConfig(config: AppContext['config']): NotifyChannels {
  return {
    mail: config.smtpUrl ? smtpMailSender(config.smtpUrl, config.mailFrom) : undefined,
    sms: config.smsUrl ? httpSmsSender(config.smsUrl) : undefined,
  };
}

const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
/** a result's reason: the platform writes its English beside it (reasonEn); an officer's words are the same in both */
function reasonOf(result: Record<string, unknown> | null | undefined): TText | null {
  const zh = str(result?.reason);
  return zh ? { zh, en: str(result?.reasonEn) ?? zh } : null;
}
async function themeOf(ctx: AppContext, code: string): Promise<ThemeBundle | undefined> {
  try {
    return await publishedCatalog(ctx.database).theme(code);
  } catch {
    return undefined; // unpublished since: fall back to codes and stored names
  }
}

const themeName = (bundle: ThemeBundle | undefined, code: string): TText => (bundle ? { zh: bundle.theme.name, en: bundle.theme.nameEn } : { zh: code, en: code });

function matterName(bundle: ThemeBundle | undefined, code: string, stored: string | undefined): TText {
  const m = bundle?.matters.get(code);
  return m ? { zh: m.name, en: m.nameEn } : { zh: stored ?? code, en: code };
}

async function applicationOf(ctx: AppContext, d: Delivery<{ type: string; applicationId: string }>): Promise<ApplicationRow> {
  const app = await findApplicationRow(ctx.database.db, d.event.applicationId);
  if (!app) throw new Error(`outbox ${d.id} (${d.event.type}): application ${d.event.applicationId} not found`);
  return app;
}


type ApplicantEvent =
  | TCasesEventOf<'application.submitted' | 'application.completed' | 'application.withdrawn' | 'subcase.supplement-requested'>
  | TMaterialsEvent;

/** Messages to the applicant, one after another per application. */
export const applicantMessages = defineSubscription<ApplicantEvent>({
  name: 'notify.applicant', module: 'notify',
  events: ['application.submitted', 'application.completed', 'application.withdrawn', 'subcase.supplement-requested', 'material.deferred-due'],
  key: (e) => e.applicationId,
});

/** 窗口收件 confirmation codes: SMS only, whatever the person's settings say. */
export const counterSms = defineSubscription<TCounterEvent>({
  name: 'notify.counter-sms', module: 'notify',
  events: ['counter.confirmation-code'],
  key: (e) => e.intakeId,
});

/** 注册验证码: SMS only, to the phone being registered (there is no account yet). */
export const identitySms = defineSubscription<TIdentityEvent>({
  name: 'notify.identity-sms', module: 'notify',
  events: ['identity.sms-code'],
  key: (e) => e.challengeId,
});

export const NOTIFY_SUBSCRIPTIONS = [applicantMessages, counterSms, identitySms];

export function notifySubscribers(ctx: AppContext, channels: NotifyChannels = channelsFromConfig(ctx.config)): SubscriberBinding[] {
  const applicant = async (d: Delivery<ApplicantEvent>): Promise<void> => {
    const app = await applicationOf(ctx, d);
    const msg = await messageFor(ctx, app, d.event);
    await deliverNotification(ctx, channels, d.id, app.applicant_id, msg);
  };
  const sms = async (d: Delivery<TCounterEvent>): Promise<void> => {
    if (!channels.sms) {
      ctx.log.warn({ outboxId: d.id }, 'SMS is off (SMS_URL unset): the counter confirmation code was not sent');
      return;
    }
    await sendSmsOnce(ctx, channels.sms, d.id, d.event.phone, messages.counterConfirmationCode({ text: d.event.text }).sms);
  };
  const identity = async (d: Delivery<TIdentityEvent>): Promise<void> => {
    if (!channels.sms) {
      ctx.log.warn({ outboxId: d.id }, 'SMS is off (SMS_URL unset): the registration code was not sent');
      return;
    }
    await sendSmsOnce(ctx, channels.sms, d.id, d.event.phone, messages.registrationCode({ text: d.event.text }).sms);
  };
  return [bindSubscriber(applicantMessages, { handle: applicant }), bindSubscriber(counterSms, { handle: sms }), bindSubscriber(identitySms, { handle: identity })];
}

async function messageFor(ctx: AppContext, app: ApplicationRow, event: ApplicantEvent): Promise<messages.Message> {
  switch (event.type) {
    case 'application.completed': {
      // 一次送达: one message for the whole application, with every sub-case's result
      const bundle = await themeOf(ctx, app.theme_code);
      const stored = new Map((await listApplicationSubcases(ctx.database.db, app.id)).map((s) => [s.matter_code, s.matter_name]));
      const outcomes = event.results.map((r): messages.SubcaseOutcome => {
        const status = statusOfCode(r.status);
        const fields = r.result?.fields;
        return {
          matterName: matterName(bundle, r.matterCode, stored.get(r.matterCode)),
          decision: str(r.result?.decision),
          statusName: status ? { zh: CASE_STATUSES[status].zh, en: CASE_STATUSES[status].en } : { zh: r.status, en: r.status },
          reason: reasonOf(r.result),
          documentName: str(r.result?.documentName) ?? (r.result?.decision === 'approved' ? (bundle?.matters.get(r.matterCode)?.result.name ?? null) : null),
          fields: fields && typeof fields === 'object' ? (fields as Record<string, unknown>) : {},
        };
      });
      return messages.applicationCompleted({ applicationId: app.id, number: app.number, themeName: themeName(bundle, app.theme_code), outcomes, delivery: event.delivery });
    }
    case 'subcase.supplement-requested': {
      const bundle = await themeOf(ctx, app.theme_code);
      return messages.supplementRequested({ applicationId: app.id, number: app.number, note: event.note, matterName: matterName(bundle, event.matterCode, event.matterName) });
    }
    case 'material.deferred-due':
      return messages.deferredMaterialDue({ applicationId: app.id, number: app.number, materialName: event.materialName, deadline: event.deadline });
    case 'application.submitted':
      return messages.applicationSubmitted({ applicationId: app.id, number: app.number, themeName: themeName(await themeOf(ctx, app.theme_code), app.theme_code) });
    case 'application.withdrawn':
      return messages.applicationWithdrawn({ applicationId: app.id, number: app.number, themeName: themeName(await themeOf(ctx, app.theme_code), app.theme_code), reason: event.reason ?? null });
  }
}
