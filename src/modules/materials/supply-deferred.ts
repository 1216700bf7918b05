// 容缺补交: the applicant hands in a material accepted as deferred, within its deadline or after it
// (the unit decides what lateness means). The material becomes an upload, the deadline stays on
// record; the reminder sweep skips it, as it is no longer deferred.
import type { Actor } from '../../platform/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { recordAudit } from '../audit/index.ts';
import type { TApplicationMaterial } from '../../contract/materials.ts';
import { listApplicationMaterials } from './application-materials.ts';
import { findUploads } from './uploads.ts';

/**
 * cases' lock of an application row (cases/index.ts lockApplication). Cases imports materials, so the
 * wiring (http/routes.ts) hands it in instead of materials importing cases: no import cycle.
 */
export type LockApplication = (tx: Tx, applicationId: string) => Promise<{ applicant_id: number } | undefined>;

const materialNotFound = () => notFound({ zh: '材料', en: 'Material' }, 'MATERIAL_NOT_FOUND');

export async function supplyDeferredMaterial(ctx: AppContext, lockApplication: LockApplication, actor: Actor, applicationId: string, code: string, uploadIds: readonly string[]): Promise<TApplicationMaterial> {
  const db = ctx.database.db;
  const ids = [...new Set(uploadIds)];
  const uploads = await findUploads(db, ids);
  if (uploads.length !== ids.length || uploads.some((u) => u.owner_id !== actor.id))
    throw new AppError('unprocessable', 'UPLOAD_NOT_FOUND', { zh: '上传的文件不存在', en: 'An upload does not exist' }, [{ path: 'uploadIds', code: 'UPLOAD_NOT_FOUND', zh: '上传的文件不存在', en: 'An upload does not exist' }]);
  await db.transaction().execute(async (tx) => {
    const app = await lockApplication(tx, applicationId);
    if (!app || app.applicant_id !== actor.id) throw notFound({ zh: '申请', en: 'Application' }, 'APPLICATION_NOT_FOUND');
    const row = await tx.selectFrom('application_materials').select(['provision']).where('application_id', '=', applicationId).where('code', '=', code).executeTakeFirst();
    if (!row) throw materialNotFound();
    if (row.provision !== 'deferred')
      throw new AppError('conflict', 'MATERIAL_NOT_DEFERRED', { zh: '该材料不是容缺材料，无需补交', en: 'This material was not deferred; nothing to hand in' });
    await tx.updateTable('application_materials').set({ provision: 'upload', upload_ids: ids }).where('application_id', '=', applicationId).where('code', '=', code).execute();
    await recordAudit(tx, {
      actorId: actor.id, actorRole: actor.role, action: 'material.deferred.supply', targetType: 'application', targetId: applicationId,
      detail: { code, uploads: ids },
    });
  });
  return (await listApplicationMaterials(db, applicationId)).find((m) => m.code === code)!;
}
