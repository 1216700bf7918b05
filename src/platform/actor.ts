// Who is acting: the platform-level view of a signed-in person (the identity module fills it in).
import type { TRoleName } from '../contract/identity.ts';
export { ROLES, type TRoleName } from '../contract/identity.ts';

export interface Actor {
  id: number;
  username: string;
  role: TRoleName;
  name: string;
  /** officer, counter staff: their unit */
  unitCode: string | null;
  /** enterprise: the company the person acts for */
  creditCode: string | null;
}
