// Staff administration (人员管理): accounts of a unit's staff, their roles per unit, the bulk import,
// and the password a person must change after an admin set it.
import { z } from 'zod';

/** Roles held in a unit (staff_roles); a person may hold them in several units. */
export const UNIT_ROLES = ['officer', 'counter', 'unit_admin'] as const;
export const ZUnitRole = z.enum(UNIT_ROLES);
export type TUnitRole = z.infer<typeof ZUnitRole>;

/** Roles of the whole platform, not of a unit: only a platform administrator grants them, as an account's own role. */
export const PLATFORM_STAFF_ROLES = ['supervisor', 'hotline', 'catalog_admin', 'platform_admin'] as const;
export const ZStaffRole = z.enum([...UNIT_ROLES, ...PLATFORM_STAFF_ROLES]);
export type TStaffRole = z.infer<typeof ZStaffRole>;

/** The Chinese names a file may use for the unit roles (the import accepts these and the codes). */
export const UNIT_ROLE_NAMES: Record<TUnitRole, { zh: string; en: string }> = {
  officer: { zh: '审批人员', en: 'Officer' },
  counter: { zh: '综合窗口', en: 'Counter staff' },
  unit_admin: { zh: '单位管理员', en: 'Unit administrator' },
};

export const USERNAME_RE = /^[a-z][a-z0-9._-]{2,31}$/;
export const ZUsername = z
  .string()
  .trim()
  .toLowerCase()
  .regex(USERNAME_RE, '3–32 lower-case letters, digits, ".", "_" or "-", starting with a letter')
  .refine((u) => !u.startsWith('adapter.'), '"adapter." names the accounts of unit systems');

export const ZMobile = z
  .string()
  .trim()
  .transform((v) => v.replace(/[\s-]/g, '').replace(/^(\+86|0086)/, ''))
  .pipe(z.string().regex(/^1[3-9]\d{9}$/, 'a mainland mobile number of 11 digits'));

export const ZRoleGrant = z.object({
  role: ZStaffRole,
  /** required for the unit roles; null for the platform roles */
  unitCode: z.string().trim().min(1).max(64).nullable(),
});
export type TRoleGrant = z.infer<typeof ZRoleGrant>;

export const ZCreateStaffBody = z.object({
  username: ZUsername,
  name: z.string().trim().min(1).max(50),
  phone: ZMobile,
  roles: z.array(ZRoleGrant).min(1).max(20),
  /** omitted: a random one, shown once in the answer */
  password: z.string().min(1).max(128).optional(),
});
export type TCreateStaffBody = z.input<typeof ZCreateStaffBody>;

export const ZStaffGrant = z.object({ role: ZUnitRole, unitCode: z.string() });

export const ZStaffMember = z.object({
  id: z.number(),
  username: z.string(),
  name: z.string(),
  /** masked: 138****0001 */
  phone: z.string().nullable(),
  disabled: z.boolean(),
  mustChangePassword: z.boolean(),
  /** the account's own role (the one a session starts with) */
  role: z.string(),
  /** every role the person holds in a unit, this one and others */
  unitRoles: z.array(ZStaffGrant),
});
export type TStaffMember = z.infer<typeof ZStaffMember>;

export const ZStaffQuery = z.object({
  unit: z.string().trim().min(1).max(64).describe('the unit code'),
});

export const ZStaffList = z.object({ unit: z.object({ code: z.string(), name: z.string(), nameEn: z.string() }), items: z.array(ZStaffMember) });
export type TStaffList = z.infer<typeof ZStaffList>;

/** The answer of a create or a reset: the initial password, shown this once. */
export const ZStaffPasswordIssued = z.object({
  id: z.number(),
  username: z.string(),
  /** null when the admin chose it */
  initialPassword: z.string().nullable(),
});
export type TStaffPasswordIssued = z.infer<typeof ZStaffPasswordIssued>;

export const ZResetPasswordBody = z.object({ password: z.string().min(1).max(128).optional() });
export const ZUnitRoleBody = z.object({ role: ZUnitRole, unitCode: z.string().trim().min(1).max(64) });
export const ZStaffIdParams = z.object({ id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) });

export const ZChangePasswordBody = z.object({
  currentPassword: z.string().min(1).max(256),
  newPassword: z.string().min(1).max(128),
});
export const ZActingUnitBody = z.object({ role: ZUnitRole, unitCode: z.string().trim().min(1).max(64) });

// ---------- bulk import ----------

/** One row of a staff file as read (1-based row number in the file, the header being row 1). */
export const ZStaffImportRow = z.object({
  row: z.number().int().min(2),
  username: z.string(),
  name: z.string(),
  phone: z.string(),
  unitCode: z.string(),
  roles: z.string().describe('one or more of officer, counter, unit_admin (or 审批人员, 综合窗口, 单位管理员), separated by , ; 、 or spaces'),
  password: z.string().optional(),
});
export type TStaffImportRow = z.infer<typeof ZStaffImportRow>;

export const ZStaffImportProblem = z.object({
  row: z.number().describe('the row in the file (the header is row 1); 0 for the file itself'),
  column: z.string().nullable(),
  code: z.string(),
  zh: z.string(),
  en: z.string(),
});
export type TStaffImportProblem = z.infer<typeof ZStaffImportProblem>;

export const ZStaffImportCheck = z.object({
  rows: z.array(ZStaffImportRow),
  problems: z.array(ZStaffImportProblem),
});
export type TStaffImportCheck = z.infer<typeof ZStaffImportCheck>;

export const ZStaffImportRowsBody = z.object({ rows: z.array(ZStaffImportRow).min(1).max(200) });
export const ZStaffImportResult = z.object({
  created: z.array(ZStaffPasswordIssued),
});
export type TStaffImportResult = z.infer<typeof ZStaffImportResult>;
