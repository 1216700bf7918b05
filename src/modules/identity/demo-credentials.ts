// A production start refuses to run while an account of the demo city still opens with the published
// demo password (bootstrap.ts): such an account (the platform admin among them) is anyone's.
import type { Db } from '../../platform/db.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './demo-accounts.ts';
import { passwordHashesOf } from './identity.repo.ts';
import { verifyPassword } from './password.ts';

/** The usernames of enabled demo accounts whose password is still the published one. */
export async function accountsWithDemoPassword(db: Db): Promise<string[]> {
  const rows = await passwordHashesOf(db, DEMO_ACCOUNTS.map((a) => a.username));
  const open = await Promise.all(rows.map(async (r) => ((await verifyPassword(DEMO_PASSWORD, r.passwordHash)) ? r.username : undefined)));
  return open.filter((u): u is string => u !== undefined).sort();
}
