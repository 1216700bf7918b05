// A unit system's account (单位系统对接账号): the officer a department system acts as when it reports
// results, so history and audit name it and the unit policy holds as for a person. It cannot sign in
// (disabled, random password). Made on first use; concurrent first uses make one account.
import { randomBytes } from 'node:crypto';
import type { Actor } from '../../platform/actor.ts';
import type { Db } from '../../platform/db.ts';
import { findUserByUsername, insertUserIfAbsent } from './identity.repo.ts';
import { hashPassword } from './password.ts';

export async function ensureUnitSystemAccount(db: Db, unitCode: string, unitName: string): Promise<Actor> {
  const username = `adapter.${unitCode}`;
  let row = await findUserByUsername(db, username);
  if (!row) {
    const passwordHash = await hashPassword(randomBytes(24).toString('base64url'));
    await insertUserIfAbsent(db, { username, passwordHash, role: 'officer', name: `${unitName}（系统对接）`, unitCode, disabled: true });
    row = await findUserByUsername(db, username);
    if (!row) throw new Error(`unit system account ${username} was not created`);
  }
  return { id: row.id, username, role: 'officer', name: row.display_name, unitCode, creditCode: null };
}
