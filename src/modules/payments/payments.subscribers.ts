// The payments module's subscriber: refunds for refused and withdrawn sub-cases (see refund-refused.ts).
import type { AppContext } from '../../platform/context.ts';
import { defineSubscription } from '../../platform/events.ts';
import { bindSubscriber, type Delivery, type SubscriberBinding } from '../../platform/outbox.ts';
import type { TCasesEventOf } from '../cases/index.ts';
import { refundSubcases } from './refund-refused.ts';

type RefundEvent = TCasesEventOf<'subcase.refused' | 'application.withdrawn'>;

export const refundRefused = defineSubscription<RefundEvent>({
  name: 'payments.refund-refused', module: 'payments',
  events: ['subcase.refused', 'application.withdrawn'],
  key: (e) => e.applicationId,
});

export const PAYMENTS_SUBSCRIPTIONS = [refundRefused];

export function paymentsSubscribers(ctx: AppContext): SubscriberBinding[] {
  const handle = async (d: Delivery<RefundEvent>): Promise<void> => {
    const e = d.event;
    if (e.type === 'subcase.refused') await refundSubcases(ctx, [e.subcaseId], e.decision === 'rejected' ? '不予许可，退还已缴费用' : '不予受理，退还已缴费用');
    else await refundSubcases(ctx, (e.subcases ?? []).map((s) => s.subcaseId), '申请已撤回，退还已缴费用');
  };
  return [bindSubscriber(refundRefused, { handle })];
}
