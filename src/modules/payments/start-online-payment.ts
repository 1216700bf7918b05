// The applicant pays a sub-case's fee online: an order at the payment provider (idempotent by our
// order number), then the provider's payer page. The order is written first, in a transaction; the
// provider is called outside it, so a retry after a failed call reuses the same order number.
import { randomUUID } from 'node:crypto';
import type { Actor } from '../../platform/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import { recordAudit } from '../audit/index.ts';
import { feesDueForPinned } from '../catalog/index.ts';
import { assertApplicant, findApplicationRow, findSubcaseRow, subcaseNotFound } from '../cases/index.ts';
import * as repo from './payments.repo.ts';
import { alreadyPaid, noFeeDue, notOpenForPayment, openForPayment } from './payments.policy.ts';
import { currentPayment } from './payment-views.ts';
import { createOrder, providerUnavailable } from './provider-client.ts';

const orderNoOf = (id: string, prefix: 'P' | 'C' | 'U') => `${prefix}${id.replaceAll('-', '')}`;
export { orderNoOf };

export async function startOnlinePayment(ctx: AppContext, actor: Actor, subcaseId: string): Promise<{ orderNo: string; payUrl: string }> {
  const db = ctx.database.db;
  const sub = await findSubcaseRow(db, subcaseId);
  const app = sub && (await findApplicationRow(db, sub.application_id));
  if (!sub || !app) throw subcaseNotFound();
  assertApplicant(actor, app);
  const due = await feesDueForPinned(db, sub.matter_code, sub.matter_version);
  if (due.totalFen === 0) throw noFeeDue();
  if (!openForPayment(sub)) throw notOpenForPayment();
  if (!ctx.config.paymentUrl) throw providerUnavailable();
  let payment = currentPayment(await repo.listForSubcase(db, sub.id));
  if (payment && payment.status !== 'pending') throw alreadyPaid();
  if (!payment) {
    const id = randomUUID();
    const at = ctx.now();
    await db.transaction().execute(async (tx) => {
      const inserted = await repo.insertPayment(tx, {
        id, subcaseId: sub.id, applicationId: app.id, orderNo: orderNoOf(id, 'P'), channel: 'online', amountFen: due.totalFen, status: 'pending', at,
      });
      if (inserted)
        await recordAudit(tx, {
          actorId: actor.id, actorRole: actor.role, action: 'payment.order', targetType: 'payment', targetId: id,
          detail: { subcaseId: sub.id, applicationId: app.id, amountFen: due.totalFen },
        });
    });
    // a concurrent request may have won the slot: go on with its order
    payment = currentPayment(await repo.listForSubcase(db, sub.id));
    if (!payment || payment.status !== 'pending') throw alreadyPaid();
  }
  if (payment.pay_url) return { orderNo: payment.order_no, payUrl: payment.pay_url };
  const order = await createOrder(ctx.config, {
    orderNo: payment.order_no, amountFen: payment.amount_fen, subject: `${sub.matter_name}（${app.number}）`,
    notifyUrl: `${ctx.config.publicUrl}/api/payments/notify`, returnUrl: `${ctx.config.publicUrl}/me/applications/${app.id}`,
  });
  await repo.setOrder(db, payment.id, order.orderId, order.payUrl, ctx.now());
  return { orderNo: payment.order_no, payUrl: order.payUrl };
}
