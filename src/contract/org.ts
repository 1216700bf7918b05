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
