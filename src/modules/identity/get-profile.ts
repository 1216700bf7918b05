// The real-name profile of one person, for modules that prefill forms from it (guidance, forms).
import type { Db } from '../../platform/db.ts';
import { findUserById } from './identity.repo.ts';
import { toProfile } from './identity.presenters.ts';
import type { TProfile } from '../../contract/identity.ts';

export async function getProfile(db: Db, userId: number): Promise<TProfile | undefined> {
  const user = await findUserById(db, userId);
  return user && toProfile(user);
}
