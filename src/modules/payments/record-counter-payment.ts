// 窗口缴费: counter staff take the fee and record it with the receipt number they handed out. The
// amount must be the one due; an open online order of the sub-case is closed.
import { randomUUID } from 'node:crypto';
import type { Actor } from '../../platform/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import { recordAudit } from '../audit/index.ts';
import { feesDueForPinned } from '../catalog/index.ts';
import { findApplicationRow, findSubcaseRow, markSubcasePaid, subcaseNotFound } from '../cases/index.ts';
import type { TCounterPayment } from '../../contract/payments.ts';
import { paymentMove } from './payment.machine.ts';
import * as repo from './payments.repo.ts';
import { alreadyPaid, amountMismatch, noFeeDue, notOpenForPayment, openForPayment } from './payments.policy.ts';
import { orderNoOf } from './start-online-payment.ts';

export async function recordCounterPayment(ctx: AppContext, actor: Actor, subcaseId: string, body: TCounterPayment): Promise<void> {
  const db = ctx.database.db;
  const sub = await findSubcaseRow(db, subcaseId);
  const app = sub && (await findApplicationRow(db, sub.application_id));
  if (!sub || !app) throw subcaseNotFound();
  const due = await feesDueForPinned(db, sub.matter_code, sub.matter_version);
  if (due.totalFen === 0) throw noFeeDue();
  if (!openForPayment(sub)) throw notOpenForPayment();
  if (body.amountFen !== due.totalFen) throw amountMismatch(due.totalFen, body.amountFen);
  const at = ctx.now();
  await db.transaction().execute(async (tx) => {
    for (const p of await repo.listForSubcase(tx, sub.id)) {
      if (p.status === 'pending') {
        const move = paymentMove('close', p.status);
        await repo.movePayment(tx, p.id, move.from, move.to, { at });
      }
    }
    const id = randomUUID();
    const inserted = await repo.insertPayment(tx, {
      id, subcaseId: sub.id, applicationId: app.id, orderNo: orderNoOf(id, 'C'), channel: 'counter', amountFen: due.totalFen, status: 'paid',
      receiptNo: body.receiptNo, recordedBy: actor.id, paidAt: at, at,
    });
    if (!inserted) throw alreadyPaid();
    await markSubcasePaid(tx, sub.id, at);
    await recordAudit(tx, {
      actorId: actor.id, actorRole: actor.role, action: 'payment.counter', targetType: 'payment', targetId: id,
      detail: { subcaseId: sub.id, applicationId: app.id, amountFen: due.totalFen, receiptNo: body.receiptNo },
    });
  });
}
