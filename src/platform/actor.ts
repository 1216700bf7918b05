// Who is acting: the platform-level view of a signed-in person (the identity module fills it in).
export const ROLES = ['citizen', 'enterprise', 'counter', 'officer', 'supervisor', 'hotline', 'catalog_admin', 'platform_admin'] as const;
export type TRoleName = (typeof ROLES)[number];

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
