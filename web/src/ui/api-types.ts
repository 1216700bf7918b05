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

// ---- the one form, drafts, uploads (src/modules/forms/forms.schemas.ts) ----
export type {
  TThemeFormView,
  TFormElementView,
  TFormMaterialView,
  TElementOrigin,
  TPrefillProblem,
  TMaterialChoice,
  TMaterialProvision,
  TDraft,
  TDraftBody,
  TUpload,
  TApplicationMaterial,
} from '@server/modules/forms/forms.schemas.ts';
import type { TApplicationMaterial } from '@server/modules/forms/forms.schemas.ts';
import type { TApplicationView as TApplicationViewBase } from '@server/modules/cases/cases.schemas.ts';

// ---- applications (src/modules/cases/cases.schemas.ts) ----
export interface TStatus {
  code: string;
  zh: string;
  en: string;
}
export interface TApplicationSummary {
  id: string;
  number: string;
  themeCode: string;
  themeVersion: number;
  channel: string;
  status: TStatus;
  createdAt: string;
  updatedAt: string;
}
/** GET /api/applications/:id; `materials` is added by the forms work (容缺 deadlines), optional until then */
export type TApplicationView = TApplicationViewBase & { materials?: TApplicationMaterial[] };
export type TSubcaseView = TApplicationView['subcases'][number];
export type THistoryEntry = TSubcaseView['history'][number];

// ---- notifications (src/modules/notify) ----
export interface TNotification {
  id: string;
  kind: string;
  title: { zh: string; en: string };
  body: { zh: string; en: string };
  link: string | null;
  createdAt: string;
  readAt: string | null;
}
export interface TNotificationList {
  items: TNotification[];
  unread: number;
}
export interface TNotificationSettings {
  email: string | null;
  phone: string | null;
  channels: { email: boolean; sms: boolean };
}

/** GET /api/units?kind=government: the service centres where results can be picked up */
export interface TUnit {
  code: string;
  name: string;
  nameEn?: string;
}

// ---- routing rules (办件智能分发) ----
export type TRoutingTable = import('zod').infer<typeof import('@server/modules/routing/routing.schemas.ts').ZRoutingTable>;
export type TRoutingRow = TRoutingTable['rows'][number];
export type TRoutingCheck = import('zod').infer<typeof import('@server/modules/routing/routing.schemas.ts').ZRoutingCheck>;
export type TUnitOption = import('@server/modules/org/org.schemas.ts').TUnitView;
