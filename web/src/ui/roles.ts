// Which roles see which back-office pages (the server decides what they may do; this only hides links).
import type { TRoleName as TRole } from '@contract/identity.ts';

export const CATALOG_ADMIN_ROLES: readonly TRole[] = ['catalog_admin', 'platform_admin'];

export const isCatalogAdmin = (role: TRole): boolean => CATALOG_ADMIN_ROLES.includes(role);

export const isApplicant = (role: TRole): boolean => role === 'citizen' || role === 'enterprise';
export const isOfficer = (role: TRole): boolean => role === 'officer';
export const isCounterStaff = (role: TRole): boolean => role === 'counter';
/** Platform admins manage every unit's staff; unit admins (单位管理员) their own unit's. */
export const isStaffAdmin = (role: TRole): boolean => role === 'platform_admin' || role === 'unit_admin';
export const isPlatformAdmin = (role: TRole): boolean => role === 'platform_admin';
