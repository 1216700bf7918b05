// The materials part of a submit: every material of the merged list is handed in (uploaded files the
// applicant owns), fetched by Yijian (data hub, certificate library, an earlier matter's result),
// brought on paper, deferred under 容缺 (only where the catalog allows it, only secondary materials)
// or replaced by a promise under 告知承诺 (only where allowed). Any deferral or promise needs the
// applicant's signed promise (承诺书) in their real name. A deferred material has a deadline inside
// the promised time limit; a reminder is queued a day before it. A form to fill (申请表) is generated
// from the submit itself and signed online by the signed-in applicant (who they are is recorded), or
// printed filled in (POST /api/themes/:code/forms/:material.pdf), signed and uploaded.
import type { ThemeBundle } from '../catalog/index.ts';
import { limitInWorkdays } from '../catalog/index.ts';
import type { Resolution } from '../guidance/index.ts';
import { addWorkdays } from '../../platform/calendar.ts';
import { AppError, type ErrorDetail } from '../../platform/errors.ts';
import { applicationMaterialsInsert, findUploads } from '../materials/index.ts';
import { formMaterials, type FormMaterial } from './form-materials.ts';
import type { TMaterialChoice, TPromise } from '../../contract/forms.ts';
import { chinaDay } from './normalise.ts';
import type { Db } from '../../platform/db.ts';
import type { StatementPart } from '../../platform/one-statement.ts';

/** 容缺: at most this many working days, and never beyond the shortest promised limit of the matters that need the material */
export const DEFERRAL_MAX_WORKDAYS = 5;
const DAY_MS = 86_400_000;

export interface PlannedMaterial {
  code: string;
  name: { zh: string; en: string };
  provision: TMaterialChoice['provision'];
  uploadIds: string[];
  matters: string[];
  deferredUntil: string | null;
  /** when the deferral reminder becomes due */
  remindAt: Date | null;
  /** a generated form signed online by the signed-in applicant */
  signed: { by: number; at: Date } | null;
}

export interface MaterialsPlan {
  materials: PlannedMaterial[];
  promise: { signedName: string } | null;
}

const FETCHED: ReadonlySet<string> = new Set(['datahub', 'certificate', 'previousResult']);

function problem(path: string, code: string, zh: string, en: string): ErrorDetail {
  return { path, code, zh, en };
}

/**
 * Checks the materials of a submit against the merged list and the catalog's rules. A submit without
 * a `materials` field hands in nothing: every required material the applicant must upload is missing
 * (422 MATERIAL_MISSING); materials fetched by Yijian or produced by earlier matters need nothing.
 */
export async function planMaterials(
  db: Db,
  input: {
    bundle: Pick<ThemeBundle, 'theme' | 'version' | 'matters' | 'unitNames'>;
    resolution: Pick<Resolution, 'matters' | 'materials'>;
    materials: readonly TMaterialChoice[] | undefined;
    promise: TPromise | undefined;
    applicant: { id: number; name: string };
    /** counter staff who scanned files for the applicant */
    staffId: number | null;
    at: Date;
  },
): Promise<MaterialsPlan> {
  const { bundle, resolution, at } = input;
  const list = formMaterials(bundle, resolution);
  const byCode = new Map(list.map((m) => [m.code, m]));
  const chosen = new Map<string, TMaterialChoice>();
  const problems: ErrorDetail[] = [];
  (input.materials ?? []).forEach((c, i) => {
    if (!byCode.has(c.code)) problems.push(problem(`materials.${i}.code`, 'MATERIAL_UNKNOWN', `“${c.code}”不是本次申请的材料`, `"${c.code}" is not a material of this application`));
    else if (chosen.has(c.code)) problems.push(problem(`materials.${i}.code`, 'MATERIAL_DUPLICATE', '同一材料只能提交一次', 'A material may be listed once'));
    else chosen.set(c.code, c);
  });

  const allIds = [...new Set([...chosen.values()].flatMap((c) => c.uploadIds ?? []))];
  const uploads = new Map((await findUploads(db, allIds)).map((u) => [u.id, u]));
  const owners = new Set([input.applicant.id, ...(input.staffId ? [input.staffId] : [])]);

  const planned: PlannedMaterial[] = [];
  const deadlineFor = (m: FormMaterial): Date => {
    const limits = m.matters.map((mc) => limitInWorkdays(bundle.matters.get(mc)!.promisedLimit));
    const days = Math.max(1, Math.min(DEFERRAL_MAX_WORKDAYS, ...limits));
    return addWorkdays(at, days);
  };

  for (const m of list) {
    const c = chosen.get(m.code);
    const path = `materials.${m.code}`;
    const ids = [...new Set(c?.uploadIds ?? [])];
    if (!c) {
      // 申请表: filled from this very submit and signed by the signed-in applicant who sends it
      if (m.provision === 'generated') {
        planned.push(plan(m, 'generated', [], null));
        continue;
      }
      if (FETCHED.has(m.provision) || m.provision === 'paper' || !m.required) {
        if (FETCHED.has(m.provision) || m.provision === 'paper') planned.push(plan(m, m.provision, [], null));
        continue;
      }
      problems.push(problem(path, 'MATERIAL_MISSING', `请上传“${m.name.zh}”`, `Upload "${m.name.en}"`));
      continue;
    }
    const provision = c.provision;
    switch (provision) {
      case 'upload':
        if (ids.length === 0) problems.push(problem(path, 'MATERIAL_MISSING', `请上传“${m.name.zh}”`, `Upload "${m.name.en}"`));
        for (const id of ids) {
          const u = uploads.get(id);
          if (!u || !owners.has(u.owner_id)) problems.push(problem(`${path}.uploadIds`, 'UPLOAD_NOT_FOUND', '上传的文件不存在', `Upload ${id} does not exist`));
        }
        break;
      case 'deferred':
        if (!m.deferrable) problems.push(problem(path, 'MATERIAL_NOT_DEFERRABLE', `“${m.name.zh}”不能容缺后补`, `"${m.name.en}" cannot be handed in later`));
        break;
      case 'commitment':
        if (!m.commitmentAllowed) problems.push(problem(path, 'COMMITMENT_NOT_ALLOWED', `“${m.name.zh}”不适用告知承诺`, `"${m.name.en}" cannot be replaced by a promise`));
        break;
      case 'paper':
        if (m.provision !== 'paper' && m.provision !== 'upload') problems.push(problem(path, 'PROVISION_NOT_ALLOWED', `“${m.name.zh}”由系统获取，无需提交`, `"${m.name.en}" is fetched; nothing to hand in`));
        break;
      default:
        if (provision !== m.provision) problems.push(problem(path, 'PROVISION_NOT_ALLOWED', `“${m.name.zh}”不能以该方式提供`, `"${m.name.en}" cannot be provided that way`));
    }
    if (provision !== 'upload' && ids.length > 0) problems.push(problem(`${path}.uploadIds`, 'UPLOADS_NOT_EXPECTED', '只有上传方式需要文件', 'Files belong to provision "upload" only'));
    const deadline = provision === 'deferred' ? deadlineFor(m) : null;
    planned.push(plan(m, provision, provision === 'upload' ? ids : [], deadline));
  }

  const needsPromise = planned.some((p) => p.provision === 'deferred' || p.provision === 'commitment');
  if (needsPromise && !input.promise)
    problems.push(problem('promise', 'PROMISE_REQUIRED', '容缺或告知承诺须签署承诺书', 'Deferring a material or promising needs your signed promise'));
  if (needsPromise && input.promise && input.promise.signedName.replace(/\s+/g, '') !== input.applicant.name.replace(/\s+/g, ''))
    problems.push(problem('promise.signedName', 'PROMISE_NAME_MISMATCH', '承诺书须由申请人本人以实名签署', "The promise must be signed with the applicant's real name"));

  if (problems.length > 0) {
    const missing = problems.every((p) => p.code === 'MATERIAL_MISSING');
    throw new AppError('unprocessable', missing ? 'MATERIAL_MISSING' : problems[0]!.code,
      { zh: `材料有 ${problems.length} 处需要处理`, en: `The materials have ${problems.length} ${problems.length === 1 ? 'problem' : 'problems'} to fix` }, problems);
  }
  return { materials: planned, promise: needsPromise ? { signedName: input.promise!.signedName.trim() } : null };

  function plan(m: FormMaterial, provision: TMaterialChoice['provision'], uploadIds: string[], deadline: Date | null): PlannedMaterial {
    return {
      code: m.code, name: m.name, provision, uploadIds, matters: m.matters,
      deferredUntil: deadline ? chinaDay(deadline) : null,
      remindAt: deadline ? new Date(Math.max(at.getTime(), deadline.getTime() - DAY_MS)) : null,
      signed: provision === 'generated' ? { by: input.applicant.id, at } : null,
    };
  }
}

/**
 * The writes of the materials, for the submit's one statement (not executed): the materials rows, the
 * promise (a deferred material carries its reminder time for the sweep), and the draft is gone.
 */
export function storeMaterialsQueries(db: Db, applicationId: string, applicantId: number, themeCode: string, plan: MaterialsPlan, at: Date): StatementPart[] {
  const parts: StatementPart[] = [];
  if (plan.materials.length > 0) parts.push(applicationMaterialsInsert(applicationId, plan.materials));
  if (plan.promise) parts.push(db.insertInto('application_promises').values({ application_id: applicationId, signed_name: plan.promise.signedName, signed_at: at }));
  parts.push(db.deleteFrom('form_drafts').where('user_id', '=', applicantId).where('theme_code', '=', themeCode));
  return parts;
}
