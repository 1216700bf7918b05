// The payment provider says an order was paid: by its signed callback (verified by the route), or
// by our query when the applicant comes back before the callback. Checked against our order (the
// amount must be the one we asked for), applied once: a callback seen before (its notification id)
// or an order already paid is answered as a duplicate and changes nothing.
import type { Actor } from '../../platform/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import { assertApplicant, findApplicationRow, findSubcaseRow, subcaseNotFound } from '../cases/index.ts';
import type { TPaymentCallback } from '../../contract/payments.ts';
import * as repo from './payments.repo.ts';
import { amountMismatch, orderUnknown } from './payments.policy.ts';
import { currentPayment } from './payment-views.ts';
import { queryOrder } from './provider-client.ts';
import { settlePayment } from './settle-payment.ts';

export async function applyPaymentCallback(ctx: AppContext, cb: TPaymentCallback): Promise<'applied' | 'duplicate'> {
  const at = ctx.now();
  return ctx.database.db.transaction().execute(async (tx) => {
    const p = await repo.findByOrderNo(tx, cb.orderNo, true);
    if (!p || p.channel !== 'online') throw orderUnknown();
    if (cb.amountFen !== p.amount_fen) throw amountMismatch(p.amount_fen, cb.amountFen);
    const fresh = await repo.recordCallback(tx, cb.notifyId, cb.orderNo, p.status === 'pending' ? 'applied' : 'duplicate', at);
    if (!fresh || p.status !== 'pending') return 'duplicate';
    const paidAt = new Date(cb.paidAt);
    await settlePayment(tx, p, { paidAt: Number.isNaN(paidAt.getTime()) ? at : paidAt, transactionId: cb.transactionId, via: 'callback' }, at);
    return 'applied';
  });
}

/** The applicant is back from the payer page: ask the provider, in case its callback is late or lost. */
export async function checkOnlinePayment(ctx: AppContext, actor: Actor, subcaseId: string): Promise<void> {
  const db = ctx.database.db;
  const sub = await findSubcaseRow(db, subcaseId);
  const app = sub && (await findApplicationRow(db, sub.application_id));
  if (!sub || !app) throw subcaseNotFound();
  assertApplicant(actor, app);
  const p = currentPayment(await repo.listForSubcase(db, sub.id));
  if (!p || p.status !== 'pending' || p.channel !== 'online') return;
  const order = await queryOrder(ctx.config, p.order_no);
  if (!order || order.status !== 'paid' || order.amountFen !== p.amount_fen) return;
  const at = ctx.now();
  await db.transaction().execute(async (tx) => {
    const locked = await repo.findByOrderNo(tx, p.order_no, true);
    if (locked?.status === 'pending') await settlePayment(tx, locked, { paidAt: order.paidAt ? new Date(order.paidAt) : at, transactionId: order.transactionId, via: 'query' }, at);
  });
}
