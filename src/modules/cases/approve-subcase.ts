// 办结（准予）: the unit approves with the result; the bundle engine then passes the result fields
// the theme declares to the dependents and releases them.
import type { Actor } from '../../platform/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { actOnSubcase } from './act-on-subcase.ts';
import type { TApprove } from './cases.schemas.ts';
import * as repo from './cases.repo.ts';
import { assertUnitOwns, subcaseNotFound } from './cases.policy.ts';

export async function approveSubcase(ctx: AppContext, actor: Actor, subcaseId: string, body: TApprove) {
  const sub = await repo.getSubcase(ctx.database.db, subcaseId);
  if (!sub) throw subcaseNotFound();
  assertUnitOwns(actor, sub); // before anything about the result is said
  // the fields later sub-cases of this application wait for (inputs are fixed at submission)
  const needed = new Set((await repo.listSubcases(ctx.database.db, sub.application_id)).flatMap((s) => s.inputs.filter((i) => i.matter === sub.matter_code).map((i) => i.field)));
  const missing = [...needed].filter((f) => body.fields[f] === undefined || body.fields[f] === '');
  if (missing.length > 0)
    throw new AppError('unprocessable', 'RESULT_FIELDS_MISSING', {
      zh: `办结结果缺少后续事项所需的信息：${missing.join('、')}`,
      en: `The result lacks what later matters need: ${missing.join(', ')}`,
    }, missing.map((f) => ({ path: `fields.${f}`, code: 'REQUIRED', zh: `请填写 ${f}`, en: `${f} is required` })));
  return actOnSubcase(ctx, actor, subcaseId, {
    event: 'approve', audit: 'case.subcase.approve', by: 'unit', note: body.note,
    detail: { fields: Object.keys(body.fields) },
    change: (_s, _to, at) => ({
      result: { decision: 'approved', fields: body.fields, ...(body.documentName ? { documentName: body.documentName } : {}), decidedAt: at.toISOString() },
    }),
  });
}
