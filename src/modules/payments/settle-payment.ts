// A payment becomes paid: the row moves, the sub-case records the fact its approval waits for, and
// the change is audited — one transaction, shared by the callback, the query and the counter.
import type { Tx } from '../../platform/db.ts';
import { recordAudit } from '../audit/index.ts';
import { markSubcasePaid } from '../cases/index.ts';
import { paymentMove } from './payment.machine.ts';
import * as repo from './payments.repo.ts';

export async function settlePayment(tx: Tx, p: repo.PaymentRow, settled: { paidAt: Date; transactionId: string | null; via: 'callback' | 'query' }, at: Date): Promise<boolean> {
  const move = paymentMove('pay', p.status);
  const n = await repo.movePayment(tx, p.id, move.from, move.to, { paidAt: settled.paidAt, receiptNo: settled.transactionId, at });
  if (n === 0) return false;
  await markSubcasePaid(tx, p.subcase_id, settled.paidAt);
  await recordAudit(tx, {
    actorId: null, actorRole: 'payment-provider', action: 'payment.paid', targetType: 'payment', targetId: p.id,
    detail: { subcaseId: p.subcase_id, applicationId: p.application_id, orderNo: p.order_no, amountFen: p.amount_fen, via: settled.via },
  });
  return true;
}
