// A sub-case the unit refused (不予受理, 不予许可), or withdrawn with its application, gives back what
// was paid for it. Runs from the outbox (payments.refund-refused), outside any transaction, and may
// run again after a failure: the refund is started once (paid → refunding with its refund number, in
// a transaction), the provider refunds once per refund number, and refunding → refunded is a
// conditional update — so the money goes back exactly once. A counter payment stays 退费中 for the
// counter to pay back in person.
import type { AppContext } from '../../platform/context.ts';
import { recordAudit } from '../audit/index.ts';
import { paymentMove } from './payment.machine.ts';
import * as repo from './payments.repo.ts';
import { refundOrder } from './provider-client.ts';

export async function refundSubcases(ctx: AppContext, subcaseIds: string[], reason: string): Promise<number> {
  let refunded = 0;
  for (const settled of await repo.settledOf(ctx.database.db, subcaseIds)) {
    let p: repo.PaymentRow | undefined = settled;
    if (p.status === 'paid') {
      const at = ctx.now();
      const id = p.id;
      await ctx.database.db.transaction().execute(async (tx) => {
        const move = paymentMove('startRefund', 'paid');
        const n = await repo.movePayment(tx, id, move.from, move.to, { refundNo: `R${id.replaceAll('-', '')}`, refundReason: reason, at });
        if (n > 0)
          await recordAudit(tx, { actorId: null, actorRole: 'system', action: 'payment.refund-start', targetType: 'payment', targetId: id, detail: { subcaseId: settled.subcase_id, reason } });
      });
      p = await repo.findById(ctx.database.db, id);
    }
    if (!p || p.status !== 'refunding' || p.channel !== 'online' || !p.refund_no) continue;
    await refundOrder(ctx.config, p.order_no, { refundNo: p.refund_no, amountFen: p.amount_fen, reason });
    const at = ctx.now();
    const done = p;
    await ctx.database.db.transaction().execute(async (tx) => {
      const move = paymentMove('refund', 'refunding');
      const n = await repo.movePayment(tx, done.id, move.from, move.to, { refundedAt: at, at });
      if (n > 0) {
        refunded++;
        await recordAudit(tx, {
          actorId: null, actorRole: 'system', action: 'payment.refunded', targetType: 'payment', targetId: done.id,
          detail: { subcaseId: done.subcase_id, refundNo: done.refund_no, amountFen: done.amount_fen },
        });
      }
    });
  }
  return refunded;
}
