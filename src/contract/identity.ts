// Shapes of the identity API. One zod schema gives validation, the type and the OpenAPI document.
import { z } from 'zod';

export const ROLES = ['citizen', 'enterprise', 'counter', 'officer', 'unit_admin', 'supervisor', 'hotline', 'catalog_admin', 'platform_admin'] as const;
export type TRoleName = (typeof ROLES)[number];

export const ZRole = z.enum(ROLES);

/** Who someone is, without personal data: safe to show in headers, lists and case histories. */
export const ZUserView = z.object({
  id: z.number(),
  username: z.string(),
  role: ZRole,
  name: z.string(),
  /** officer, counter staff: their unit */
  unitCode: z.string().nullable(),
  /** enterprise: the company the person acts for */
  creditCode: z.string().nullable(),
  enterpriseName: z.string().nullable(),
});
export type TUserView = z.infer<typeof ZUserView>;

/** The real-name profile (实名信息): personal data, shown to its owner and, with a reason, to admins. */
export const ZProfile = ZUserView.extend({
  idNumber: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  address: z.string().nullable(),
  divisionCode: z.string().nullable(),
});
export type TProfile = z.infer<typeof ZProfile>;

export const ZAdminUserDetail = ZProfile.extend({
  disabled: z.boolean(),
  externalSubject: z.string().nullable(),
  createdAt: z.string(),
});
export type TAdminUserDetail = z.infer<typeof ZAdminUserDetail>;

export const ZLoginBody = z.object({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(256),
});

export const ZSessionView = z.object({
  user: ZUserView,
  /** send back as the x-csrf-token header on every POST/PUT/PATCH/DELETE */
  csrfToken: z.string(),
  /** an admin set the password: every call but POST /api/auth/password answers 403 PASSWORD_CHANGE_REQUIRED until it is changed */
  mustChangePassword: z.boolean(),
  /** every role the person holds in a unit; POST /api/auth/acting-unit picks the one the session acts for */
  unitRoles: z.array(z.object({ role: ZRole, unitCode: z.string() })),
});

export const ZAdminUserQuery = z.object({
  q: z.string().trim().min(1).max(50).optional().describe('part of the name or username'),
  role: ZRole.optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

export const ZAdminUserListItem = ZUserView.extend({ disabled: z.boolean(), createdAt: z.string() });

export const ZAdminUserList = z.object({
  items: z.array(ZAdminUserListItem),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
});

export const ZReasonQuery = z.object({
  reason: z.string().trim().max(200).optional().describe('why the personal data is read (required, recorded in the audit log)'),
});
export type TSessionView = z.infer<typeof ZSessionView>;
