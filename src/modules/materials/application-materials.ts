// The materials of a stored application as the application view shows them; a sub-case sees only the
// materials its own matter uses (数据最小化).
import { sql } from 'kysely';
import type { Db } from '../../platform/db.ts';
import { insertRowsAsJson, type StatementPart } from '../../platform/one-statement.ts';
import type { TApplicationMaterial } from '../../contract/materials.ts';
import { findUploads } from './uploads.ts';

export async function listApplicationMaterials(db: Db, applicationId: string, matterCode?: string): Promise<TApplicationMaterial[]> {
  let q = db.selectFrom('application_materials').selectAll().where('application_id', '=', applicationId);
  if (matterCode) q = q.where(sql<boolean>`${matterCode} = any(matters)`);
  const rows = await q.orderBy('code').execute();
  const uploads = new Map((await findUploads(db, [...new Set(rows.flatMap((r) => r.upload_ids))])).map((u) => [u.id, u]));
  return rows.map((r) => ({
    code: r.code,
    name: { zh: r.name_zh, en: r.name_en },
    provision: r.provision,
    uploads: r.upload_ids.flatMap((id) => {
      const u = uploads.get(id);
      return u ? [{ id: u.id, name: u.name, size: u.size, contentType: u.content_type }] : [];
    }),
    deferredUntil: r.deferred_until,
    signedAt: r.signed_at ? new Date(r.signed_at).toISOString() : null,
    matters: matterCode ? [matterCode] : r.matters,
  }));
}

export interface NewApplicationMaterial {
  code: string;
  name: { zh: string; en: string };
  provision: TApplicationMaterial['provision'];
  uploadIds: string[];
  matters: string[];
  deferredUntil: string | null;
  /** 容缺: when the reminder sweep tells the applicant the deadline is near */
  remindAt: Date | null;
  /** a generated form signed online: by whom (the signed-in applicant) and when */
  signed: { by: number; at: Date } | null;
}

/** The insert of an application's materials, not executed: a part of the submit's one statement. */
export function applicationMaterialsInsert(applicationId: string, materials: readonly NewApplicationMaterial[]): StatementPart {
  return insertRowsAsJson('application_materials', materials.map((m) => ({
    application_id: applicationId, code: m.code, name_zh: m.name.zh, name_en: m.name.en, provision: m.provision,
    upload_ids: m.uploadIds, matters: m.matters, deferred_until: m.deferredUntil, remind_at: m.remindAt,
    signed_by: m.signed?.by ?? null, signed_at: m.signed?.at ?? null,
  })));
}
