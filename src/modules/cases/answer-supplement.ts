// 补齐补正: the applicant answers in the same application; the values replace those of this
// sub-case's own elements only, files may come with the answer (their own uploads: the unit's officer
// and system get them), and the clock resumes with the time that was left.
import type { Actor } from '../../platform/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import { validateElementValue, formInvalid, type FormProblem } from '../forms/index.ts';
import { publishedCatalog } from '../catalog/index.ts';
import { findUploads } from '../materials/index.ts';
import { AppError } from '../../platform/errors.ts';
import { actOnSubcase } from './act-on-subcase.ts';
import { resumedClock } from './subcase-clock.ts';

import * as repo from './cases.repo.ts';
import { emitCasesEvents } from './cases.events.ts';
import { assertApplicant, subcaseNotFound } from './cases.policy.ts';

export async function answerSupplement(ctx: AppContext, actor: Actor, applicationId: string, subcaseId: string, body: { note?: string | undefined; values: Record<string, unknown>; uploadIds?: readonly string[] | undefined }) {
  const current = await repo.getSubcase(ctx.database.db, subcaseId);
  if (!current || current.application_id !== applicationId) throw subcaseNotFound();
  const app = await repo.getApplication(ctx.database.db, applicationId);
  if (!app) throw subcaseNotFound();
  assertApplicant(actor, app); // before anything about the values is said
  // only the elements this matter declares (数据最小化); values passed from earlier results stay as they are
  const passed = new Set(current.inputs.map((i) => i.element));
  const own = new Set(current.elements.filter((e) => !passed.has(e)));
  const elements = await publishedCatalog(ctx.database).elements();
  const problems: FormProblem[] = [];
  const clean: Record<string, unknown> = {};
  for (const [code, raw] of Object.entries(body.values)) {
    const element = elements.get(code);
    if (!own.has(code) || !element) {
      problems.push({ code: 'NOT_IN_SUBCASE', paths: [code], zh: '该项不属于本事项', en: 'This element is not part of this matter' });
      continue;
    }
    const r = validateElementValue(element, raw, ctx.now());
    if (r.ok) clean[code] = r.value;
    else problems.push({ ...r.problem, paths: [code] });
  }
  if (problems.length > 0) throw formInvalid(problems);
  const uploadIds = [...new Set(body.uploadIds ?? [])];
  const uploads = await findUploads(ctx.database.db, uploadIds);
  if (uploads.length !== uploadIds.length || uploads.some((u) => u.owner_id !== actor.id))
    throw new AppError('unprocessable', 'SUPPLEMENT_FILE_INVALID', {
      zh: '补正材料文件无效：请先上传文件（PDF、JPEG 或 PNG），再提交补正',
      en: 'A supplement file is not valid: upload the file (PDF, JPEG or PNG) first, then answer',
    }, [{ path: 'uploadIds', code: 'INVALID', zh: '不是您上传的文件', en: 'Not a file you uploaded' }]);

  return actOnSubcase(ctx, actor, subcaseId, {
    event: 'supplementAnswered', audit: 'case.subcase.answer-supplement', by: 'applicant', note: body.note,
    detail: { elements: Object.keys(clean), ...(uploadIds.length > 0 ? { uploadIds } : {}) },
    change: (s, _to, at, settings) => ({ data: { ...s.data, ...clean }, clockColumns: resumedClock(s, at, settings.noticeWorkdays) }),
    // the unit's system gets the corrected data (dispatch), in order after the earlier events of the sub-case
    effects: async (tx, s, app, at) => {
      await repo.insertSupplementFiles(tx, s.id, uploadIds, at);
      await emitCasesEvents(tx, { type: 'subcase.supplement-answered', subcaseId: s.id, applicationId: app.id, matterCode: s.matter_code, unitCode: s.unit_code }, at);
    },
  }, applicationId);
}
