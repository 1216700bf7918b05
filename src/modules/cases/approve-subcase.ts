// 办结（准予）: the unit approves with the result; the bundle engine then passes the result fields
// the theme declares to the dependents and releases them.
import type { Actor } from '../../platform/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { actOnSubcase } from './act-on-subcase.ts';
import type { TApprove, TResultDocument } from '../../contract/cases.ts';
import { findUploads } from '../materials/index.ts';
import { feesDueForPinned } from '../catalog/index.ts';
import * as repo from './cases.repo.ts';
import { assertUnitOwns, subcaseNotFound } from './cases.policy.ts';
import { checkResultFields } from './check-result-fields.ts';

export async function approveSubcase(ctx: AppContext, actor: Actor, subcaseId: string, body: TApprove) {
  const sub = await repo.getSubcase(ctx.database.db, subcaseId);
  if (!sub) throw subcaseNotFound();
  assertUnitOwns(actor, sub); // before anything about the result is said
  // what dependents wait for is there, and every value is valid for the result field dictionary
  const fields = await checkResultFields(ctx, sub, body.fields);
  await assertFeePaid(ctx, sub);
  const document = body.documentUploadId ? await resultDocument(ctx, actor, body.documentUploadId) : undefined;
  const documentName = body.documentName ?? document?.name;
  return actOnSubcase(ctx, actor, subcaseId, {
    event: 'approve', audit: 'case.subcase.approve', by: 'unit', note: body.note,
    detail: { fields: Object.keys(fields), ...(document ? { documentUploadId: document.uploadId } : {}) },
    change: (_s, _to, at) => ({
      result: { decision: 'approved', fields, ...(documentName ? { documentName } : {}), ...(document ? { document } : {}), decidedAt: at.toISOString() },
    }),
  });
}

/** The result document: an upload of the acting officer (or of the unit's system account, sent with POST /api/adapter/v1/documents). */
async function resultDocument(ctx: AppContext, actor: Actor, uploadId: string): Promise<TResultDocument> {
  const [upload] = await findUploads(ctx.database.db, [uploadId]);
  if (!upload || upload.owner_id !== actor.id)
    throw new AppError('unprocessable', 'RESULT_DOCUMENT_INVALID', {
      zh: '结果文书无效：请先上传文件（PDF、JPEG 或 PNG），再办结',
      en: 'The result document is not valid: upload the file (PDF, JPEG or PNG) first, then approve',
    }, [{ path: 'documentUploadId', code: 'INVALID', zh: '不是您上传的文件', en: 'Not a file you uploaded' }]);
  return { uploadId: upload.id, name: upload.name, contentType: upload.content_type, size: upload.size, sha256: upload.sha256 };
}

/** A matter with a fee is approved only once paid (paid_at only ever goes from null to a time): 409 PAYMENT_PENDING. */
export async function assertFeePaid(ctx: AppContext, sub: Pick<repo.SubcaseRow, 'matter_code' | 'matter_version' | 'paid_at'>): Promise<void> {
  const due = await feesDueForPinned(ctx.database.db, sub.matter_code, sub.matter_version);
  if (due.totalFen > 0 && !sub.paid_at) throw paymentPending(due.totalFen);
}

const yuan = (fen: number) => (fen / 100).toFixed(2);

export const paymentPending = (fen: number) =>
  new AppError('conflict', 'PAYMENT_PENDING', {
    zh: `申请人尚未缴纳本事项的费用（${yuan(fen)} 元），缴费后方可办结`,
    en: `The applicant has not paid this matter's fee (CNY ${yuan(fen)}) yet; it can be approved once paid`,
  });
