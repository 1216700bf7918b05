// The only code that touches the payments module's tables: payments and payment_callbacks.
import type { Db, Tx } from '../../platform/db.ts';
import type { PaymentRowState } from './payment.machine.ts';

type DbOrTx = Db | Tx;

export interface PaymentRow {
  id: string;
  subcase_id: string;
  application_id: string;
  order_no: string;
  channel: 'online' | 'counter' | 'unit';
  amount_fen: number;
  status: PaymentRowState;
  provider_order_id: string | null;
  pay_url: string | null;
  receipt_no: string | null;
  recorded_by: number | null;
  paid_at: Date | null;
  refund_no: string | null;
  refunded_at: Date | null;
  created_at: Date;
}

const COLUMNS = [
  'id', 'subcase_id', 'application_id', 'order_no', 'channel', 'amount_fen', 'status', 'provider_order_id', 'pay_url', 'receipt_no',
  'recorded_by', 'paid_at', 'refund_no', 'refunded_at', 'created_at',
] as const;

// bigint arrives as text from pg
const row = (r: Omit<PaymentRow, 'amount_fen'> & { amount_fen: string | number }): PaymentRow => ({ ...r, amount_fen: Number(r.amount_fen) });

export async function listForApplication(db: DbOrTx, applicationId: string): Promise<PaymentRow[]> {
  const rows = await db.selectFrom('payments').select(COLUMNS).where('application_id', '=', applicationId).orderBy('created_at').execute();
  return rows.map(row);
}

export async function listForSubcase(db: DbOrTx, subcaseId: string): Promise<PaymentRow[]> {
  const rows = await db.selectFrom('payments').select(COLUMNS).where('subcase_id', '=', subcaseId).orderBy('created_at').execute();
  return rows.map(row);
}

export async function findByOrderNo(db: DbOrTx, orderNo: string, forUpdate = false): Promise<PaymentRow | undefined> {
  let q = db.selectFrom('payments').select(COLUMNS).where('order_no', '=', orderNo);
  if (forUpdate) q = q.forUpdate();
  const r = await q.executeTakeFirst();
  return r && row(r);
}

export async function findById(db: DbOrTx, id: string): Promise<PaymentRow | undefined> {
  const r = await db.selectFrom('payments').select(COLUMNS).where('id', '=', id).executeTakeFirst();
  return r && row(r);
}

/** Inserts a payment unless the sub-case already has one in the same slot (pending / settled); true when inserted. */
export async function insertPayment(tx: Tx, p: {
  id: string; subcaseId: string; applicationId: string; orderNo: string; channel: 'online' | 'counter' | 'unit'; amountFen: number;
  status: 'pending' | 'paid'; receiptNo?: string; recordedBy?: number; paidAt?: Date; at: Date;
}): Promise<boolean> {
  const r = await tx.insertInto('payments').values({
    id: p.id, subcase_id: p.subcaseId, application_id: p.applicationId, order_no: p.orderNo, channel: p.channel, amount_fen: p.amountFen,
    status: p.status, receipt_no: p.receiptNo ?? null, recorded_by: p.recordedBy ?? null, paid_at: p.paidAt ?? null, created_at: p.at, updated_at: p.at,
  }).onConflict((oc) => oc.doNothing()).executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** Moves a payment from `from` to `to` with the rest of the change; the number of rows changed (0: it moved meanwhile). */
export async function movePayment(tx: DbOrTx, id: string, from: PaymentRowState, to: PaymentRowState, patch: {
  paidAt?: Date; receiptNo?: string | null; providerOrderId?: string | null; payUrl?: string | null; refundNo?: string; refundReason?: string; refundedAt?: Date; at: Date;
}): Promise<number> {
  const r = await tx.updateTable('payments').set({
    status: to, updated_at: patch.at,
    ...(patch.paidAt ? { paid_at: patch.paidAt } : {}),
    ...(patch.receiptNo !== undefined ? { receipt_no: patch.receiptNo } : {}),
    ...(patch.providerOrderId !== undefined ? { provider_order_id: patch.providerOrderId } : {}),
    ...(patch.payUrl !== undefined ? { pay_url: patch.payUrl } : {}),
    ...(patch.refundNo ? { refund_no: patch.refundNo } : {}),
    ...(patch.refundReason ? { refund_reason: patch.refundReason } : {}),
    ...(patch.refundedAt ? { refunded_at: patch.refundedAt } : {}),
  }).where('id', '=', id).where('status', '=', from).executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** The provider's answer to an order: its id and the payer page (the order stays pending). */
export async function setOrder(db: DbOrTx, id: string, providerOrderId: string, payUrl: string, at: Date): Promise<void> {
  await db.updateTable('payments').set({ provider_order_id: providerOrderId, pay_url: payUrl, updated_at: at }).where('id', '=', id).where('status', '=', 'pending').execute();
}

/** Records a callback by its notification id; false when it was seen before (a replay). */
export async function recordCallback(tx: Tx, notifyId: string, orderNo: string, outcome: string, at: Date): Promise<boolean> {
  const r = await tx.insertInto('payment_callbacks').values({ notify_id: notifyId, order_no: orderNo, outcome, received_at: at })
    .onConflict((oc) => oc.column('notify_id').doNothing()).executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** Settled payments of these sub-cases (paid or being refunded), for refunds. */
export async function settledOf(db: DbOrTx, subcaseIds: string[]): Promise<PaymentRow[]> {
  if (subcaseIds.length === 0) return [];
  const rows = await db.selectFrom('payments').select(COLUMNS).where('subcase_id', 'in', subcaseIds).where('status', 'in', ['paid', 'refunding']).execute();
  return rows.map(row);
}
