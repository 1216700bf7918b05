// 部门代收: the unit's own system collected the fee (税务 collects the 医保 contribution) and reports its
// receipt with the approval. Recorded as a payment of channel 'unit' before the approval is applied, so
// the approval gate and the applicant see it paid. Idempotent: a sub-case already paid (online, at the
// counter, or by an earlier delivery of the same event) is left as it is.
import { randomUUID } from 'node:crypto';
import type { Actor } from '../../platform/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import { recordAudit } from '../audit/index.ts';
import { feesDueForPinned } from '../catalog/index.ts';
import { findApplicationRow, findSubcaseRow, markSubcasePaid, subcaseNotFound } from '../cases/index.ts';
import { paymentMove } from './payment.machine.ts';
import * as repo from './payments.repo.ts';
import { amountMismatch, noFeeDue, notOpenForPayment, openForPayment } from './payments.policy.ts';
import { orderNoOf } from './start-online-payment.ts';

export interface UnitCollected { receiptNo: string; amountFen: number }

export async function recordUnitPayment(ctx: AppContext, actor: Actor, subcaseId: string, paid: UnitCollected): Promise<'recorded' | 'already-paid'> {
  const db = ctx.database.db;
  const sub = await findSubcaseRow(db, subcaseId);
  const app = sub && (await findApplicationRow(db, sub.application_id));
  if (!sub || !app) throw subcaseNotFound();
  if (sub.paid_at) return 'already-paid';
  const due = await feesDueForPinned(db, sub.matter_code, sub.matter_version);
  if (due.totalFen === 0) throw noFeeDue();
  if (!openForPayment(sub)) throw notOpenForPayment();
  if (paid.amountFen !== due.totalFen) throw amountMismatch(due.totalFen, paid.amountFen);
  const at = ctx.now();
  return db.transaction().execute(async (tx) => {
    for (const p of await repo.listForSubcase(tx, sub.id)) {
      if (p.status === 'pending') {
        const move = paymentMove('close', p.status);
        await repo.movePayment(tx, p.id, move.from, move.to, { at });
      }
    }
    const id = randomUUID();
    const inserted = await repo.insertPayment(tx, {
      id, subcaseId: sub.id, applicationId: app.id, orderNo: orderNoOf(id, 'U'), channel: 'unit', amountFen: due.totalFen, status: 'paid',
      receiptNo: paid.receiptNo, recordedBy: actor.id, paidAt: at, at,
    });
    if (!inserted) return 'already-paid' as const; // paid meanwhile by another channel
    await markSubcasePaid(tx, sub.id, at);
    await recordAudit(tx, {
      actorId: actor.id, actorRole: actor.role, action: 'payment.unit', targetType: 'payment', targetId: id,
      detail: { subcaseId: sub.id, applicationId: app.id, amountFen: due.totalFen, receiptNo: paid.receiptNo, unitCode: sub.unit_code },
    });
    return 'recorded' as const;
  });
}
