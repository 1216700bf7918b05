// What the applicant, the officer and the counter see of a sub-case's fee.
import type { Actor } from '../../platform/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import { feesDueForPinned, type FeesDue } from '../catalog/index.ts';
import {
  applicationNotFound, assertMayReadApplication, findApplicationRow, findSubcaseRow, listApplicationSubcases, subcaseNotFound, type SubcaseRow,
} from '../cases/index.ts';
import type { TPaymentState, TSubcasePayment } from '../../contract/payments.ts';
import * as repo from './payments.repo.ts';
import { openForPayment } from './payments.policy.ts';

/** The payment that counts: the settled one, else the open online order. */
export function currentPayment(rows: readonly repo.PaymentRow[]): repo.PaymentRow | undefined {
  return rows.find((p) => p.status === 'paid' || p.status === 'refunding' || p.status === 'refunded') ?? rows.find((p) => p.status === 'pending');
}

export function presentPayment(ctx: AppContext, sub: SubcaseRow, due: FeesDue, rows: readonly repo.PaymentRow[]): TSubcasePayment {
  const p = currentPayment(rows);
  const state: TPaymentState = p ? (p.status === 'closed' ? 'unpaid' : p.status) : 'unpaid';
  const open = openForPayment(sub) && (state === 'unpaid' || state === 'pending');
  return {
    subcaseId: sub.id, matterCode: sub.matter_code, matterName: sub.matter_name, fees: due.fees, amountFen: due.totalFen, state,
    channel: p && state !== 'pending' ? p.channel : null,
    orderNo: p?.order_no ?? null,
    receiptNo: p && state !== 'pending' ? p.receipt_no : null,
    paidAt: p?.paid_at ? new Date(p.paid_at).toISOString() : null,
    refundedAt: p?.refunded_at ? new Date(p.refunded_at).toISOString() : null,
    payUrl: state === 'pending' ? (p?.pay_url ?? null) : null,
    canPayOnline: open && ctx.config.paymentUrl !== undefined,
    canPayAtCounter: open,
  };
}

/** The fees of an application's sub-cases that have one (for whoever may read the application). */
export async function paymentsOfApplication(ctx: AppContext, actor: Actor, applicationId: string): Promise<TSubcasePayment[]> {
  const db = ctx.database.db;
  const app = await findApplicationRow(db, applicationId);
  if (!app) throw applicationNotFound();
  const subs = await listApplicationSubcases(db, app.id);
  assertMayReadApplication(actor, app, subs);
  const rows = await repo.listForApplication(db, app.id);
  const out: TSubcasePayment[] = [];
  for (const sub of subs) {
    const due = await feesDueForPinned(db, sub.matter_code, sub.matter_version);
    if (due.totalFen > 0) out.push(presentPayment(ctx, sub, due, rows.filter((r) => r.subcase_id === sub.id)));
  }
  return out;
}

/** One sub-case's fee, or null when it has none (the officer's page). */
export async function paymentOfSubcase(ctx: AppContext, actor: Actor, subcaseId: string): Promise<TSubcasePayment | null> {
  const db = ctx.database.db;
  const sub = await findSubcaseRow(db, subcaseId);
  if (!sub) throw subcaseNotFound();
  const app = await findApplicationRow(db, sub.application_id);
  if (!app) throw subcaseNotFound();
  assertMayReadApplication(actor, app, [sub]);
  const due = await feesDueForPinned(db, sub.matter_code, sub.matter_version);
  return due.totalFen > 0 ? presentPayment(ctx, sub, due, await repo.listForSubcase(db, sub.id)) : null;
}
