// Administrative divisions (行政区划) and government units (单位) as the API shows them.
import { z } from 'zod';

const ZLevel = z.enum(['province', 'city', 'district', 'street', 'community']);

export const ZDivisionView = z.object({
  code: z.string(),
  name: z.string(),
  nameEn: z.string(),
  parentCode: z.string().nullable(),
  level: ZLevel,
});
export type TDivisionView = z.infer<typeof ZDivisionView>;

export const ZUnitView = z.object({
  code: z.string(),
  name: z.string(),
  nameEn: z.string(),
  level: ZLevel,
  kind: z.string(),
  divisionCode: z.string(),
  divisionName: z.string(),
  parentCode: z.string().nullable(),
  creditCode: z.string(),
  address: z.string().nullable(),
  phone: z.string().nullable(),
});
export type TUnitView = z.infer<typeof ZUnitView>;

export const ZDivisionQuery = z.object({
  parent: z.string().regex(/^\d{6}(\d{3}){0,2}$/).optional().describe('only the direct children of this division'),
  level: ZLevel.optional(),
});

export const ZUnitQuery = z.object({
  level: ZLevel.optional(),
  division: z.string().regex(/^\d{6}(\d{3}){0,2}$/).optional().describe('units in this division and in every division below it'),
  kind: z.string().min(1).optional().describe('government, department, service-centre, police-station, social-security-branch, …'),
});
export type TUnitQuery = z.infer<typeof ZUnitQuery>;

/** A unit as a platform admin creates or edits it (单位管理). The credit code is checked against GB 32100. */
export const ZUnitBody = z.object({
  name: z.string().trim().min(2).max(100),
  nameEn: z.string().trim().min(2).max(200),
  level: ZLevel,
  kind: z.string().trim().regex(/^[a-z][a-z-]{1,39}$/, 'lower-case words joined by "-", e.g. department'),
  divisionCode: z.string().regex(/^\d{6}(\d{3}){0,2}$/),
  parentCode: z.string().trim().min(1).max(64).nullable(),
  creditCode: z.string().trim().toUpperCase().length(18),
  address: z.string().trim().max(200).nullable().optional(),
  phone: z.string().trim().max(40).nullable().optional(),
});
export type TUnitBody = z.infer<typeof ZUnitBody>;
export const ZCreateUnitBody = ZUnitBody.extend({
  code: z.string().trim().regex(/^[a-z][a-z0-9-]{1,63}$/, 'lower-case letters, digits and "-", e.g. furong-housing'),
});
export type TCreateUnitBody = z.infer<typeof ZCreateUnitBody>;
