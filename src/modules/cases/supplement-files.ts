// The files applicants handed in with supplement answers (补齐补正), as the officer's page and the
// unit's task envelope show them.
import type { Db } from '../../platform/db.ts';
import { findUploads } from '../materials/index.ts';
import type { TSupplementFile } from '../../contract/cases.ts';
import * as repo from './cases.repo.ts';

export interface SupplementFile {
  subcaseId: string;
  uploadId: string;
  name: string;
  contentType: string;
  size: number;
  sha256: string;
  answeredAt: Date;
}

/** Per sub-case, oldest answer first. */
export async function supplementFilesOf(db: Db, subcaseIds: readonly string[]): Promise<Map<string, SupplementFile[]>> {
  const rows = await repo.listSupplementFiles(db, subcaseIds);
  const uploads = new Map((await findUploads(db, [...new Set(rows.map((r) => r.uploadId))])).map((u) => [u.id, u]));
  const out = new Map<string, SupplementFile[]>();
  for (const r of rows) {
    const u = uploads.get(r.uploadId);
    if (!u) continue;
    const list = out.get(r.subcaseId) ?? [];
    list.push({ subcaseId: r.subcaseId, uploadId: u.id, name: u.name, contentType: u.content_type, size: u.size, sha256: u.sha256, answeredAt: r.answeredAt });
    out.set(r.subcaseId, list);
  }
  return out;
}

export const presentSupplementFile = (f: SupplementFile): TSupplementFile => ({
  uploadId: f.uploadId, name: f.name, contentType: f.contentType, size: f.size, answeredAt: f.answeredAt.toISOString(), url: `/api/uploads/${encodeURIComponent(f.uploadId)}`,
});
