// The audit trail: who did what to which record, when, from where and — for reads of personal data — why.
import { z } from 'zod';

export const ZAuditEntry = z.object({
  /** null for the system (loaders, jobs) and for anonymous attempts such as a failed login */
  actorId: z.number().int().positive().nullable(),
  /** a role name, or "system" */
  actorRole: z.string().min(1).nullable(),
  /** dotted, lower case: "auth.login", "user.profile.read", "catalog.matter.publish" */
  action: z.string().regex(/^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_-]*)+$/, 'action must be dotted lower case, e.g. "case.accept"'),
  targetType: z.string().min(1),
  targetId: z.union([z.string(), z.number()]).transform(String).nullable().optional(),
  /** mandatory when personal data of someone else is read */
  reason: z.string().trim().min(1).optional(),
  detail: z.record(z.string(), z.unknown()).optional(),
  ip: z.string().nullable().optional(),
});
/** What callers pass (ids may be numbers). */
export type TAuditEntry = z.input<typeof ZAuditEntry>;

export const ZAuditRecord = z.object({
  id: z.number(),
  at: z.string().describe('ISO 8601'),
  actorId: z.number().nullable(),
  actorRole: z.string().nullable(),
  action: z.string(),
  targetType: z.string(),
  targetId: z.string().nullable(),
  reason: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()),
  ip: z.string().nullable(),
});
export type TAuditRecord = z.infer<typeof ZAuditRecord>;

export const ZAuditQuery = z.object({
  actorId: z.coerce.number().int().positive().optional(),
  action: z.string().min(1).optional().describe('exact action, or a prefix ending in ".*" such as "auth.*"'),
  targetType: z.string().min(1).optional(),
  targetId: z.string().min(1).optional(),
  from: z.iso.datetime({ offset: true }).optional().describe('inclusive'),
  to: z.iso.datetime({ offset: true }).optional().describe('exclusive'),
  cursor: z.string().min(1).optional().describe('nextCursor of the previous page'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type TAuditQuery = z.infer<typeof ZAuditQuery>;

export const ZAuditPage = z.object({
  items: z.array(ZAuditRecord),
  nextCursor: z.string().nullable().describe('null on the last page'),
});
export type TAuditPage = z.infer<typeof ZAuditPage>;
