// The catalog as the API shows it: the public theme list and page, and the catalog admin's views.
// Kept apart from the catalog documents (catalog.ts), whose schemas the admin pages run in the browser.
import { z } from 'zod';
import { ZMatter, ZTheme } from './catalog.ts';
import type { Wire } from './wire.ts';

// ---- the public theme list and theme page ----

export const ZThemeSummary = z.object({
  code: z.string(),
  seq: z.number(),
  name: z.string(),
  nameEn: z.string(),
  lifecycle: z.enum(['person', 'enterprise', 'project']),
  /** name of the (first) lead unit, as in the annex */
  leadUnit: z.string(),
  leadUnits: z.array(z.object({ code: z.string(), name: z.string(), nameEn: z.string() })),
  targetDate: z.string(),
  summary: z.string(),
  summaryEn: z.string(),
  version: z.number(),
  matters: z.array(z.object({ code: z.string(), name: z.string(), nameEn: z.string(), unit: z.string(), unitCode: z.string(), unitEn: z.string() })),
});
export type TThemeSummary = z.infer<typeof ZThemeSummary>;
export type TLifecycle = TThemeSummary['lifecycle'];

/** GET /api/themes/:code */
export const ZThemeDetail = ZThemeSummary.extend({ questions: z.array(z.object({ code: z.string(), text: z.string(), textEn: z.string(), root: z.boolean(), multiple: z.boolean() })) });
export type TThemeDetail = z.infer<typeof ZThemeDetail>;

// ---- catalog admin (dates are Date on the server, strings in JSON: Wire<T>) ----

export const ZPublishResult = z.object({ code: z.string(), version: z.number(), republishedThemes: z.array(z.object({ code: z.string(), version: z.number() })) });
export type TPublishResult = z.infer<typeof ZPublishResult>;
const ZCatalogRow = z.object({ code: z.string(), name: z.string(), publishedVersion: z.number().nullable(), draftUpdatedAt: z.date(), unpublishedChanges: z.boolean() });
export const ZCatalogMatterRow = ZCatalogRow.extend({ unitCode: z.string() });
export const ZCatalogThemeRow = ZCatalogRow.extend({ seq: z.number(), lifecycle: z.string() });
export type TMatterRow = Wire<z.infer<typeof ZCatalogMatterRow>>;
export type TThemeRow = Wire<z.infer<typeof ZCatalogThemeRow>>;
const ZVersion = z.object({ version: z.number(), publishedAt: z.date(), publishedBy: z.number().nullable() });
export type TVersion = Wire<z.infer<typeof ZVersion>>;
export const ZMatterDetail = z.object({ draft: ZMatter, published: ZMatter.nullable(), publishedVersion: z.number().nullable(), versions: z.array(ZVersion) });
export type TMatterDetail = Wire<z.infer<typeof ZMatterDetail>>;
export const ZThemeAdminDetail = z.object({ draft: ZTheme, published: ZTheme.nullable(), publishedVersion: z.number().nullable(), matterVersions: z.record(z.string(), z.number()).nullable(), versions: z.array(ZVersion) });
export type TThemeAdminDetail = Wire<z.infer<typeof ZThemeAdminDetail>>;
