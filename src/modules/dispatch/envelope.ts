// The task envelope a unit's system receives (pushed, pulled or shown for re-entry): the sub-case
// with only its own data slice (数据最小化), the materials its matter uses as signed expiring links,
// and the result fields an approval must return.
import type { AppContext } from '../../platform/context.ts';
import { publishedCatalog } from '../catalog/index.ts';
import { findApplicationRow, findSubcaseRow } from '../cases/index.ts';
import { findUploads, listApplicationMaterials } from '../materials/index.ts';
import { fileLink, fileLinkSecret } from './file-links.ts';
import type { TDispatchEvent, TTaskEnvelope } from './dispatch.schemas.ts';

export interface EnvelopeInput {
  taskId: string;
  event: TDispatchEvent;
  sequence: number;
  subcaseId: string;
  at: Date;
}

async function resultFieldsOf(ctx: AppContext, themeCode: string, matterCode: string): Promise<TTaskEnvelope['subcase']['resultFields']> {
  try {
    const matter = (await publishedCatalog(ctx.database).theme(themeCode)).matters.get(matterCode);
    // the catalog names result fields by code only
    return (matter?.result.fields ?? []).map((code) => ({ code, name: { zh: code, en: code }, type: 'string' }));
  } catch {
    return []; // the theme was unpublished since
  }
}

/** undefined when the sub-case is gone (never, short of a manual deletion). */
export async function buildEnvelope(ctx: AppContext, input: EnvelopeInput): Promise<TTaskEnvelope | undefined> {
  const db = ctx.database.db;
  const sub = await findSubcaseRow(db, input.subcaseId);
  if (!sub) return undefined;
  const app = await findApplicationRow(db, sub.application_id);
  if (!app) return undefined;
  const [materials, resultFields, secret] = await Promise.all([
    listApplicationMaterials(db, app.id, sub.matter_code),
    resultFieldsOf(ctx, app.theme_code, sub.matter_code),
    fileLinkSecret(db),
  ]);
  const uploads = new Map((await findUploads(db, materials.flatMap((m) => m.uploads.map((u) => u.id)))).map((u) => [u.id, u]));
  return {
    taskId: input.taskId,
    event: input.event,
    sequence: input.sequence,
    subcase: {
      id: sub.id, applicationId: app.id, applicationNumber: app.number, themeCode: app.theme_code, matterCode: sub.matter_code,
      matterVersion: sub.matter_version, matterName: sub.matter_name, unitCode: sub.unit_code, status: sub.status,
      promisedAt: sub.promised_at ? new Date(sub.promised_at).toISOString() : null,
      data: sub.data,
      materials: materials.map((m) => ({
        code: m.code, name: m.name, provision: m.provision, deferredUntil: m.deferredUntil,
        files: m.uploads.map((u) => ({
          name: u.name, contentType: u.contentType, size: u.size, sha256: uploads.get(u.id)?.sha256 ?? '',
          url: fileLink(secret, u.id, sub.id, input.at),
        })),
      })),
      resultFields,
    },
    sentAt: input.at.toISOString(),
  };
}
