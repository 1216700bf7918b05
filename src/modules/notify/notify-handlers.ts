// Outbox handlers of the notify module: each turns an event into one message for the applicant.
// They run outside any transaction and may run again after a failure (see deliver-notification.ts).
import type { AppContext } from '../../platform/context.ts';
import type { OutboxDispatcher, OutboxEvent } from '../../platform/outbox.ts';
import { publishedCatalog, type ThemeBundle } from '../catalog/index.ts';
import { CASE_STATUSES, findApplicationRow, listApplicationSubcases, statusOfCode, type ApplicationRow } from '../cases/index.ts';
import { deliverNotification, sendSmsOnce, type NotifyChannels } from './deliver-notification.ts';
import { CONFIRMATION_CODE_TOPIC } from '../counter/index.ts';
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
/** a name given as {zh, en} or as one string */
function textOf(v: unknown): TText | null {
  if (typeof v === 'string' && v !== '') return { zh: v, en: v };
  if (v && typeof v === 'object' && typeof (v as TText).zh === 'string') return { zh: (v as TText).zh, en: typeof (v as TText).en === 'string' ? (v as TText).en : (v as TText).zh };
  return null;
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

async function applicationOf(ctx: AppContext, event: OutboxEvent): Promise<ApplicationRow> {
  const id = str(event.payload.applicationId);
  const app = id ? await findApplicationRow(ctx.database.db, id) : undefined;
  if (!app) throw new Error(`outbox ${event.id} (${event.topic}): application ${String(event.payload.applicationId)} not found`);
  return app;
}

interface CompletedResult {
  subcaseId?: string;
  matterCode: string;
  status: string;
  result: Record<string, unknown> | null;
}

export function registerNotifyHandlers(dispatcher: OutboxDispatcher, ctx: AppContext, channels: NotifyChannels = channelsFromConfig(ctx.config)): void {
  // 一次送达: one message for the whole application, with every sub-case's result
  dispatcher.register('application.completed', async (event) => {
    const app = await applicationOf(ctx, event);
    const bundle = await themeOf(ctx, app.theme_code);
    const stored = new Map((await listApplicationSubcases(ctx.database.db, app.id)).map((s) => [s.matter_code, s.matter_name]));
    const results = (event.payload.results ?? []) as CompletedResult[];
    const outcomes = results.map((r): messages.SubcaseOutcome => {
      const status = statusOfCode(r.status);
      const fields = r.result?.fields;
      return {
        matterName: matterName(bundle, r.matterCode, stored.get(r.matterCode)),
        decision: str(r.result?.decision),
        statusName: status ? { zh: CASE_STATUSES[status].zh, en: CASE_STATUSES[status].en } : { zh: r.status, en: r.status },
        reason: str(r.result?.reason),
        documentName: str(r.result?.documentName) ?? (r.result?.decision === 'approved' ? (bundle?.matters.get(r.matterCode)?.result.name ?? null) : null),
        fields: fields && typeof fields === 'object' ? (fields as Record<string, unknown>) : {},
      };
    });
    const delivery = (event.payload.delivery as messages.Delivery | undefined) ?? { way: app.delivery_way, address: app.delivery_address, counter: app.delivery_counter };
    const msg = messages.applicationCompleted({ applicationId: app.id, number: app.number, themeName: themeName(bundle, app.theme_code), outcomes, delivery });
    await deliverNotification(ctx, channels, event.id, app.applicant_id, msg);
  });

  dispatcher.register('subcase.supplement-requested', async (event) => {
    const app = await applicationOf(ctx, event);
    const bundle = await themeOf(ctx, app.theme_code);
    const code = str(event.payload.matterCode) ?? '';
    const msg = messages.supplementRequested({
      applicationId: app.id, number: app.number, note: str(event.payload.note) ?? '',
      matterName: matterName(bundle, code, str(event.payload.matterName) ?? undefined),
    });
    await deliverNotification(ctx, channels, event.id, app.applicant_id, msg);
  });

  // 容缺 reminders are enqueued with available_at = the reminder time
  dispatcher.register('material.deferred-due', async (event) => {
    const app = await applicationOf(ctx, event);
    const msg = messages.deferredMaterialDue({
      applicationId: app.id, number: app.number,
      materialName: textOf(event.payload.materialName) ?? { zh: str(event.payload.materialCode) ?? '', en: str(event.payload.materialCode) ?? '' },
      deadline: str(event.payload.deadline) ?? '',
    });
    await deliverNotification(ctx, channels, event.id, app.applicant_id, msg);
  });

  // 窗口收件 confirmation code: SMS only (to the number the counter used), whatever the settings say
  dispatcher.register(CONFIRMATION_CODE_TOPIC, async (event) => {
    const phone = str(event.payload.phone);
    const text = str(event.payload.text);
    if (!phone || !text) throw new Error(`outbox ${event.id} (${event.topic}): phone and text are required`);
    if (!channels.sms) {
      ctx.log.warn({ outboxId: event.id }, 'SMS is off (SMS_URL unset): the counter confirmation code was not sent');
      return;
    }
    await sendSmsOnce(ctx, channels.sms, event.id, phone, messages.counterConfirmationCode({ text }).sms);
  });

  dispatcher.register('application.submitted', async (event) => {
    const app = await applicationOf(ctx, event);
    const msg = messages.applicationSubmitted({ applicationId: app.id, number: app.number, themeName: themeName(await themeOf(ctx, app.theme_code), app.theme_code) });
    await deliverNotification(ctx, channels, event.id, app.applicant_id, msg);
  });
}
