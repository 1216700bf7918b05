// The first unified-identity sign-in of a person: the provider's subject is linked to the account of
// the same resident ID number (the provider has done real-name verification), or a citizen account is
// made from the provider's real-name claims. Staff accounts are never linked or made this way.
import { randomBytes } from 'node:crypto';
import type { AppContext } from '../../platform/context.ts';
import { isValidResidentId } from '../../platform/identifiers.ts';
import { recordAudit } from '../audit/index.ts';
import { findDivision } from '../org/index.ts';
import type { AuthenticatedIdentity } from './identity-provider.ts';
import { findUserByExternalSubject, findUserByIdNumber, findUserByUsername, insertUserIfAbsent, linkExternalSubject, type UserRow } from './identity.repo.ts';
import { hashPassword } from './password.ts';
import { maskIdNumber, verifyRealName } from './verify-real-name.ts';

export type LinkOutcome = { ok: true; user: UserRow; linked: 'existing' | 'linked' | 'created' } | { ok: false; reason: 'no_real_name' | 'staff_account' | 'linked_elsewhere' };

const PEOPLE_ROLES = new Set(['citizen', 'enterprise']);

export async function linkExternalIdentity(ctx: AppContext, identity: AuthenticatedIdentity, ip: string): Promise<LinkOutcome> {
  const db = ctx.database.db;
  const known = await findUserByExternalSubject(db, identity.subject);
  if (known) return { ok: true, user: known, linked: 'existing' };
  const { idNumber, name, phone } = identity.claims;
  if (!idNumber || !name || !isValidResidentId(idNumber)) return { ok: false, reason: 'no_real_name' };

  const same = await findUserByIdNumber(db, idNumber);
  if (same) {
    if (!PEOPLE_ROLES.has(same.role)) return { ok: false, reason: 'staff_account' };
    if (same.external_subject) return { ok: false, reason: 'linked_elsewhere' };
    await db.transaction().execute(async (tx) => {
      await linkExternalSubject(tx, same.id, identity.subject, { name, phone });
      await recordAudit(tx, { actorId: same.id, actorRole: same.role, action: 'user.external.link', targetType: 'user', targetId: same.id, detail: { subject: identity.subject, provider: 'oidc' }, ip });
    });
    const user = await findUserByExternalSubject(db, identity.subject);
    return user ? { ok: true, user, linked: 'linked' } : { ok: false, reason: 'linked_elsewhere' };
  }

  // address and division for routing and prefill from the household registry, when it answers
  let home: { address: string | null; divisionCode: string | null } = { address: null, divisionCode: null };
  try {
    home = await verifyRealName(ctx, { name, idNumber }, ip);
  } catch {
    // the provider's real name stands on its own; the person can still apply and type their address
  }
  const divisionCode = home.divisionCode && (await findDivision(db, home.divisionCode)) ? home.divisionCode : null;
  const username = phone && !(await findUserByUsername(db, phone)) ? phone : `uid-${randomBytes(6).toString('hex')}`;
  // no password: this account signs in through the unified identity (a password can be set later)
  const passwordHash = await hashPassword(randomBytes(32).toString('base64'));
  const id = await db.transaction().execute(async (tx) => {
    const newId = await insertUserIfAbsent(tx, {
      username, passwordHash, role: 'citizen', name, idNumber, phone: phone ?? null, address: home.address, divisionCode, externalSubject: identity.subject,
    });
    if (newId === undefined) return undefined;
    await recordAudit(tx, { actorId: newId, actorRole: 'citizen', action: 'user.external.create', targetType: 'user', targetId: newId, detail: { subject: identity.subject, provider: 'oidc', idNumber: maskIdNumber(idNumber) }, ip });
    return newId;
  });
  const user = id === undefined ? undefined : await findUserByExternalSubject(db, identity.subject);
  return user ? { ok: true, user, linked: 'created' } : { ok: false, reason: 'linked_elsewhere' };
}
