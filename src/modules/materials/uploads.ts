// 材料上传: files a person hands in for an application. The type is sniffed from the bytes (PDF,
// JPEG, PNG only), never taken from the request; the file is stored once per content under
// config.uploadDir (outside any served folder) as its sha256, written to a temporary name first and
// renamed, so a reader never sees half a file. The uploads row says who owns it and what it is.
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { access, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { sql } from 'kysely';
import type { Actor } from '../../platform/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import type { TUpload } from '../../contract/materials.ts';
import { recordAudit } from '../audit/index.ts';

export const UPLOAD_MAX_BYTES = 10 * 1024 * 1024;
/** a person's uploads in 24 hours: enough for any application, not enough to fill the disk */
export const UPLOADS_PER_DAY = 300;
export const UPLOAD_CONTENT_TYPES = ['application/octet-stream', 'application/pdf', 'image/jpeg', 'image/png'] as const;
type Sniffed = TUpload['contentType'];

export function sniffType(bytes: Buffer): Sniffed | undefined {
  if (bytes.length >= 5 && bytes.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  return undefined;
}

const EXT: Record<Sniffed, string> = { 'application/pdf': '.pdf', 'image/jpeg': '.jpg', 'image/png': '.png' };

/** Only the last path segment, no control or reserved characters, no leading dots, at most 120 characters; the extension follows the sniffed type. */
export function sanitiseFileName(raw: string, type: Sniffed): string {
  const base = raw.split(/[\\/]/).pop() ?? '';
  let name = base
    .normalize('NFC')
    // eslint-disable-next-line no-control-regex -- control characters are what this strips from file names
    .replace(/[\u0000-\u001f\u007f-\u009f<>:"|?*\u202a-\u202e\u2066-\u2069]/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[.\s]+/, '');
  const dot = name.lastIndexOf('.');
  const stem = (dot > 0 ? name.slice(0, dot) : name).slice(0, 100).trim() || 'file';
  const ext = EXT[type];
  const given = dot > 0 ? name.slice(dot).toLowerCase() : '';
  name = stem + (given === ext || (ext === '.jpg' && given === '.jpeg') ? given : ext);
  return name;
}

const uploadError = (kind: 'bad_request' | 'unprocessable', code: string, zh: string, en: string) => new AppError(kind, code, { zh, en });

export interface UploadRow {
  id: string;
  owner_id: number;
  name: string;
  size: number;
  content_type: Sniffed;
  sha256: string;
}

export const presentUpload = (r: UploadRow): TUpload => ({ id: r.id, name: r.name, size: r.size, contentType: r.content_type, sha256: r.sha256 });

function storedPath(uploadDir: string, sha256: string): string {
  return path.join(uploadDir, sha256.slice(0, 2), sha256);
}

export async function saveUpload(ctx: AppContext, actor: Actor, rawName: string, body: unknown): Promise<UploadRow> {
  if (body !== undefined && body !== null && !Buffer.isBuffer(body))
    throw uploadError('unprocessable', 'UPLOAD_TYPE_NOT_ALLOWED', '只能上传 PDF、JPEG 或 PNG 文件', 'Only PDF, JPEG or PNG files can be uploaded');
  const bytes = (body as Buffer | undefined | null) ?? Buffer.alloc(0);
  if (bytes.length === 0) throw uploadError('bad_request', 'UPLOAD_EMPTY', '上传的文件是空的', 'The uploaded file is empty');
  if (bytes.length > UPLOAD_MAX_BYTES) throw new AppError('bad_request', 'UPLOAD_TOO_LARGE', { zh: '文件不能超过 10 MB', en: 'A file may be at most 10 MB' });
  const type = sniffType(bytes);
  if (!type) throw uploadError('unprocessable', 'UPLOAD_TYPE_NOT_ALLOWED', '只能上传 PDF、JPEG 或 PNG 文件（按文件内容识别）', 'Only PDF, JPEG or PNG files can be uploaded (recognised by their content)');
  const since = new Date(ctx.now().getTime() - 86_400_000);
  const { n } = await ctx.database.db.selectFrom('uploads').select((eb) => eb.fn.countAll<number>().as('n')).where('owner_id', '=', actor.id).where('created_at', '>', since).executeTakeFirstOrThrow();
  if (Number(n) >= UPLOADS_PER_DAY)
    throw new AppError('too_many', 'UPLOAD_QUOTA', { zh: `每人每天最多上传 ${UPLOADS_PER_DAY} 个文件`, en: `At most ${UPLOADS_PER_DAY} files a day per person` });
  const name = sanitiseFileName(rawName, type);
  const sha256 = createHash('sha256').update(bytes).digest('hex');

  const final = storedPath(ctx.config.uploadDir, sha256);
  await mkdir(path.dirname(final), { recursive: true, mode: 0o700 });
  const exists = await access(final).then(() => true, () => false);
  if (!exists) {
    const tmp = path.join(path.dirname(final), `.tmp-${randomUUID()}`);
    try {
      await writeFile(tmp, bytes, { mode: 0o600, flag: 'wx' });
      await rename(tmp, final);
    } catch (err) {
      await rm(tmp, { force: true });
      throw err;
    }
  }
  return ctx.database.db
    .insertInto('uploads')
    .values({ owner_id: actor.id, name, size: bytes.length, content_type: type, sha256, created_at: ctx.now() })
    .returning(['id', 'owner_id', 'name', 'size', 'content_type', 'sha256'])
    .executeTakeFirstOrThrow();
}

export const uploadNotFound = () => notFound({ zh: '文件', en: 'File' }, 'UPLOAD_NOT_FOUND');

export async function findUploads(db: Db, ids: readonly string[]): Promise<UploadRow[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('uploads').select(['id', 'owner_id', 'name', 'size', 'content_type', 'sha256']).where('id', 'in', [...ids]).execute();
}

/**
 * Who may read a file: its owner (the applicant, or the counter staff member who scanned it); the
 * applicant of an application that uses it; an officer whose unit has a sub-case whose matter uses it;
 * for a result document (办结文书) of a sub-case, the application's applicant and the sub-case's unit;
 * for a file handed in with a supplement answer, the sub-case's unit.
 * Everyone else gets 404, so that ids reveal nothing.
 */
async function mayRead(db: Db, actor: Actor, upload: UploadRow): Promise<boolean> {
  if (upload.owner_id === actor.id) return true;
  if (actor.role === 'citizen' || actor.role === 'enterprise') {
    const row = await db
      .selectFrom('application_materials as m')
      .innerJoin('applications as a', 'a.id', 'm.application_id')
      .select('m.code')
      .where(sql<boolean>`${upload.id} = any(m.upload_ids)`)
      .where('a.applicant_id', '=', actor.id)
      .executeTakeFirst();
    if (row) return true;
    const result = await db
      .selectFrom('subcases as s')
      .innerJoin('applications as a', 'a.id', 's.application_id')
      .select('s.id')
      .where(isResultDocument(upload.id))
      .where('a.applicant_id', '=', actor.id)
      .executeTakeFirst();
    return Boolean(result);
  }
  if (actor.role === 'officer' && actor.unitCode) {
    const row = await db
      .selectFrom('application_materials as m')
      .innerJoin('subcases as s', 's.application_id', 'm.application_id')
      .select('s.id')
      .where(sql<boolean>`${upload.id} = any(m.upload_ids)`)
      .where(sql<boolean>`s.matter_code = any(m.matters)`)
      .where('s.unit_code', '=', actor.unitCode)
      .executeTakeFirst();
    if (row) return true;
    const result = await db.selectFrom('subcases as s').select('s.id').where(isResultDocument(upload.id)).where('s.unit_code', '=', actor.unitCode).executeTakeFirst();
    if (result) return true;
    // a file the applicant handed in with a supplement answer to the unit's sub-case
    const supplement = await db.selectFrom('supplement_files as f').innerJoin('subcases as s', 's.id', 'f.subcase_id')
      .select('s.id').where('f.upload_id', '=', upload.id).where('s.unit_code', '=', actor.unitCode).executeTakeFirst();
    return Boolean(supplement);
  }
  return false;
}

/** the sub-case's result document (办结文书, `result.document`) is this upload */
const isResultDocument = (uploadId: string) => sql<boolean>`s.result -> 'document' ->> 'uploadId' = ${uploadId}`;

export async function openUpload(ctx: AppContext, actor: Actor, id: string): Promise<{ upload: UploadRow; stream: NodeJS.ReadableStream }> {
  const [upload] = await findUploads(ctx.database.db, [id]);
  if (!upload || !(await mayRead(ctx.database.db, actor, upload))) throw uploadNotFound();
  // an officer reading an applicant's file reads personal data: audited with its cause
  if (upload.owner_id !== actor.id && actor.role === 'officer')
    await recordAudit(ctx.database.db, {
      actorId: actor.id, actorRole: actor.role, action: 'material.upload.read', targetType: 'upload', targetId: upload.id,
      reason: '办理本单位承办的子件 / handling a sub-case of the unit', detail: { unitCode: actor.unitCode, name: upload.name },
    });
  return { upload, stream: await openStored(ctx, upload) };
}

/**
 * A unit's system following a material link of its task envelope (the caller checked the link):
 * the file only if a sub-case of the unit has a matter that uses it, as for the unit's officers;
 * audited as the unit's adapter (no user of ours is the actor).
 */
export async function openUploadForUnit(ctx: AppContext, unitCode: string, id: string, subcaseId: string, ip?: string): Promise<{ upload: UploadRow; stream: NodeJS.ReadableStream }> {
  const [upload] = await findUploads(ctx.database.db, [id]);
  const asUnit: Actor = { id: 0, username: `adapter.${unitCode}`, role: 'officer', name: unitCode, unitCode, creditCode: null };
  if (!upload || !(await mayRead(ctx.database.db, asUnit, upload))) throw uploadNotFound();
  await recordAudit(ctx.database.db, {
    actorId: null, actorRole: 'adapter', action: 'material.upload.read', targetType: 'upload', targetId: upload.id,
    reason: '单位系统办理子件 / a unit\'s system handling its sub-case', detail: { unitCode, subcaseId, name: upload.name }, ip: ip ?? null,
  });
  return { upload, stream: await openStored(ctx, upload) };
}

async function openStored(ctx: AppContext, upload: UploadRow): Promise<NodeJS.ReadableStream> {
  const file = storedPath(ctx.config.uploadDir, upload.sha256);
  if (!(await access(file).then(() => true, () => false))) {
    ctx.log.error({ uploadId: upload.id, sha256: upload.sha256 }, 'upload file missing from the upload directory');
    throw uploadNotFound();
  }
  return createReadStream(file);
}

/** RFC 6266 / 5987: an ASCII fallback and the UTF-8 name. */
export function contentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
