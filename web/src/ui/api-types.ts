// The API's types, taken from the server's zod schemas (type-only imports: no zod code in the bundle).
// JSON turns the server's Date values into strings; types that carry dates say so here.
import type { TThemeSummary } from '@server/modules/catalog/catalog.presenters.ts';
import type { TMatter, TTheme } from '@server/modules/catalog/catalog.schemas.ts';
import type { TUserView } from '@server/modules/identity/identity.schemas.ts';

export type { TThemeSummary } from '@server/modules/catalog/catalog.presenters.ts';
export type { TNotice, TNoticeMaterial, TReform } from '@server/modules/guidance/guidance.schemas.ts';
export type { TMatter, TTheme } from '@server/modules/catalog/catalog.schemas.ts';

export type TLifecycle = TThemeSummary['lifecycle'];

/** GET /api/themes/:code */
export type TThemeDetail = TThemeSummary & {
  questions: Array<{ code: string; text: string; textEn: string; root: boolean; multiple: boolean }>;
};

/** who is signed in (no personal data) */
export type TSessionUser = TUserView;
export type TRole = TUserView['role'];

/** POST /api/auth/login, GET /api/auth/me */
export interface TSession {
  user: TSessionUser;
  csrfToken: string;
}

// ---- catalog admin ----
interface TCatalogRow {
  code: string;
  name: string;
  publishedVersion: number | null;
  draftUpdatedAt: string;
  unpublishedChanges: boolean;
}
export type TMatterRow = TCatalogRow & { unitCode: string };
export type TThemeRow = TCatalogRow & { seq: number; lifecycle: string };

export interface TVersion {
  version: number;
  publishedAt: string;
  publishedBy: number | null;
}

export interface TMatterDetail {
  draft: TMatter;
  published: TMatter | null;
  publishedVersion: number | null;
  versions: TVersion[];
}

export interface TThemeAdminDetail {
  draft: TTheme;
  published: TTheme | null;
  publishedVersion: number | null;
  matterVersions: Record<string, number> | null;
  versions: TVersion[];
}

export interface TPublishResult {
  code: string;
  version: number;
  republishedThemes: Array<{ code: string; version: number }>;
}
