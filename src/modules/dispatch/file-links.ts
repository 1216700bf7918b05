// Material files in a task envelope are links a unit's system can follow without any other
// credential: the upload, the sub-case it is for and an expiry, signed with a secret of Yijian's
// (HMAC-SHA256). The link only opens a file the sub-case's matter uses, and only until it expires.
// Links are absolute under Yijian's public URL (config PUBLIC_URL); the signature covers only the
// upload, sub-case and expiry, so a link stays valid whichever address it was made for.
import { createHmac } from 'node:crypto';
import type { Db } from '../../platform/db.ts';
import { sameSignature } from './signing.ts';
import { dispatchSecret } from './dispatch.repo.ts';

export const FILE_LINK_TTL_S = 14 * 24 * 3600;
export const FILE_LINK_PATH = '/api/adapter/v1/files';

const cached = new WeakMap<Db, Promise<string>>();
/** The link secret, made once per database and kept in memory. */
export function fileLinkSecret(db: Db): Promise<string> {
  let secret = cached.get(db);
  if (!secret) {
    secret = dispatchSecret(db, 'file-links');
    secret.catch(() => cached.delete(db));
    cached.set(db, secret);
  }
  return secret;
}

const mac = (secret: string, uploadId: string, subcaseId: string, expires: number) =>
  createHmac('sha256', secret).update(`${uploadId}\n${subcaseId}\n${expires}`).digest('hex');

/** An absolute link under `publicUrl` (no trailing slash, e.g. https://yijian.example.gov.cn). */
export function fileLink(publicUrl: string, secret: string, uploadId: string, subcaseId: string, now: Date, ttlS = FILE_LINK_TTL_S): string {
  const expires = Math.floor(now.getTime() / 1000) + ttlS;
  return `${publicUrl}${FILE_LINK_PATH}/${uploadId}?subcase=${subcaseId}&expires=${expires}&sig=${mac(secret, uploadId, subcaseId, expires)}`;
}

export function fileLinkValid(secret: string, uploadId: string, subcaseId: string, expires: number, sig: string, now: Date): boolean {
  if (expires < now.getTime() / 1000) return false;
  return sameSignature(sig, mac(secret, uploadId, subcaseId, expires));
}
