// When a sub-case's fee can be paid, and the refusals that say why not.
import { AppError } from '../../platform/errors.ts';
import { isActive, statusOfCode, type SubcaseRow } from '../cases/index.ts';

/** Released to its unit and not yet final: a draft may still be voided with its prerequisite. */
export function openForPayment(sub: Pick<SubcaseRow, 'status'>): boolean {
  const status = statusOfCode(sub.status);
  return status !== undefined && isActive(status);
}

export const noFeeDue = () =>
  new AppError('conflict', 'NO_FEE_DUE', { zh: '该事项无需通过本平台缴费', en: 'Nothing is paid for this matter through Yijian' });

export const notOpenForPayment = () =>
  new AppError('conflict', 'PAYMENT_NOT_OPEN', {
    zh: '该事项尚未开始办理或已办结，现在不能缴费',
    en: 'This matter has not reached its unit yet, or is already final: it cannot be paid now',
  });

export const alreadyPaid = () => new AppError('conflict', 'ALREADY_PAID', { zh: '该事项已缴费，无需重复缴纳', en: 'This matter is already paid' });

export const amountMismatch = (dueFen: number, givenFen: number) =>
  new AppError('unprocessable', 'PAYMENT_AMOUNT_MISMATCH', {
    zh: `缴费金额（${(givenFen / 100).toFixed(2)} 元）与应缴金额（${(dueFen / 100).toFixed(2)} 元）不符`,
    en: `The amount paid (CNY ${(givenFen / 100).toFixed(2)}) is not the amount due (CNY ${(dueFen / 100).toFixed(2)})`,
  }, [{ path: 'amountFen', code: 'MISMATCH', zh: '金额不符', en: 'Amount differs' }]);

export const orderUnknown = () =>
  new AppError('not_found', 'PAYMENT_ORDER_UNKNOWN', { zh: '支付订单不存在', en: 'No such payment order' });

export const callbackSignatureInvalid = () =>
  new AppError('unauthenticated', 'PAYMENT_SIGNATURE_INVALID', {
    zh: '支付回调签名无效（请检查 x-pay-timestamp、x-pay-signature 及商户密钥）',
    en: 'Invalid payment callback signature (check x-pay-timestamp, x-pay-signature and the merchant secret)',
  });

export const callbackStale = () =>
  new AppError('unauthenticated', 'PAYMENT_CALLBACK_STALE', {
    zh: '支付回调的时间戳超出允许范围（疑似重放）',
    en: 'The payment callback timestamp is outside the allowed window (a replay?)',
  });
