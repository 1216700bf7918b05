// The task envelope a unit's system receives (pushed, pulled or shown for re-entry): the sub-case
// with only its own data slice (数据最小化), the materials its matter uses as signed expiring links,
// and the result fields an approval must return.
import type { AppContext } from '../../platform/context.ts';
import { feesDueForPinned, publishedCatalog, resultFieldDictionary } from '../catalog/index.ts';
import { supplementFilesOf } from '../cases/index.ts';
import * as repo from './dispatch.repo.ts';
import { fileLink, fileLinkSecret } from './file-links.ts';
import type { TDispatchEvent, TTaskEnvelope } from '../../contract/dispatch.ts';

export interface EnvelopeInput {
  taskId: string;
  event: TDispatchEvent;
  sequence: number;
  subcaseId: string;
  at: Date;
}

type ResultSpec = Pick<TTaskEnvelope['subcase'], 'resultFields' | 'result'>;

async function resultOf(ctx: AppContext, themeCode: string, matterCode: string): Promise<ResultSpec> {
  let result: { type: string; name?: string | undefined; fields?: string[] | undefined } | undefined;
  try {
    result = (await publishedCatalog(ctx.database).theme(themeCode)).matters.get(matterCode)?.result;
  } catch {
    return { resultFields: [], result: { type: 'none', name: '' } }; // the theme was unpublished since
  }
  // names and types from the result field dictionary (catalog/result-fields.yaml); the quality rules keep every code in it
  const dictionary = resultFieldDictionary();
  return {
    resultFields: (result?.fields ?? []).map((code) => {
      const f = dictionary.get(code);
      return {
        code, name: { zh: f?.name ?? code, en: f?.nameEn ?? code }, type: f?.type ?? 'text',
        ...(f?.format ? { format: f.format } : {}), ...(f?.values ? { values: f.values } : {}),
        ...(f?.pattern ? { pattern: f.pattern } : {}), ...(f?.example ? { example: f.example } : {}),
      };
    }),
    result: { type: result?.type ?? 'none', name: result?.name ?? '' },
  };
}

/** Envelopes of many tasks with a few queries in all; by task id (a task whose sub-case is gone is missing). */
export async function buildEnvelopes(ctx: AppContext, inputs: readonly EnvelopeInput[]): Promise<Map<string, TTaskEnvelope>> {
  const db = ctx.database.db;
  const subs = new Map((await repo.envelopeSubcases(db, [...new Set(inputs.map((i) => i.subcaseId))])).map((s) => [s.id, s]));
  const [materials, secret] = await Promise.all([
    repo.envelopeMaterials(db, [...new Set([...subs.values()].map((s) => s.application_id))], [...new Set([...subs.values()].map((s) => s.matter_code))]),
    fileLinkSecret(db),
  ]);
  const materialsOf = new Map<string, typeof materials>();
  for (const m of materials) {
    const list = materialsOf.get(m.application_id);
    if (list) list.push(m);
    else materialsOf.set(m.application_id, [m]);
  }
  const uploads = new Map((await repo.envelopeUploads(db, [...new Set(materials.flatMap((m) => m.upload_ids))])).map((u) => [u.id, u]));
  const supplementFiles = await supplementFilesOf(db, [...subs.keys()]);
  const results = new Map<string, Promise<ResultSpec>>();
  const fees = new Map<string, Promise<number>>();
  const out = new Map<string, TTaskEnvelope>();
  for (const input of inputs) {
    const sub = subs.get(input.subcaseId);
    if (!sub) continue;
    const fieldKey = `${sub.theme_code}\n${sub.matter_code}`;
    if (!results.has(fieldKey)) results.set(fieldKey, resultOf(ctx, sub.theme_code, sub.matter_code));
    const feeKey = `${sub.matter_code}\n${sub.matter_version}`;
    if (!fees.has(feeKey)) fees.set(feeKey, feesDueForPinned(db, sub.matter_code, sub.matter_version).then((d) => d.totalFen));
    const feeFen = await fees.get(feeKey)!;
    out.set(input.taskId, {
      taskId: input.taskId,
      event: input.event,
      sequence: input.sequence,
      subcase: {
        id: sub.id, applicationId: sub.application_id, applicationNumber: sub.number, themeCode: sub.theme_code, matterCode: sub.matter_code,
        matterVersion: sub.matter_version, matterName: sub.matter_name, unitCode: sub.unit_code, status: sub.status,
        promisedAt: sub.promised_at ? new Date(sub.promised_at).toISOString() : null,
        data: sub.data,
        // 数据最小化: only the materials this sub-case's matter uses
        materials: (materialsOf.get(sub.application_id) ?? []).filter((m) => m.matters.includes(sub.matter_code)).map((m) => ({
          code: m.code, name: { zh: m.name_zh, en: m.name_en }, provision: m.provision, deferredUntil: m.deferred_until,
          files: m.upload_ids.flatMap((id) => {
            const u = uploads.get(id);
            return u ? [{ name: u.name, contentType: u.content_type, size: u.size, sha256: u.sha256, url: fileLink(ctx.config.publicUrl, secret, u.id, sub.id, input.at) }] : [];
          }),
        })),
        supplementFiles: (supplementFiles.get(sub.id) ?? []).map((f) => ({
          name: f.name, contentType: f.contentType, size: f.size, sha256: f.sha256, url: fileLink(ctx.config.publicUrl, secret, f.uploadId, sub.id, input.at), answeredAt: f.answeredAt.toISOString(),
        })),
        ...(await results.get(fieldKey)!),
        fee: feeFen > 0 ? { amountFen: feeFen, paid: sub.paid_at !== null } : null,
      },
      sentAt: input.at.toISOString(),
    });
  }
  return out;
}
