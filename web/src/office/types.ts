// API shapes the office pages use, from the server's zod schemas (type-only: no zod in the bundle).
import type { z } from 'zod';
import type { ZSubcaseDetail, ZWorklistPage, ZApplicationSummary, ZHistoryEntry } from '@server/modules/cases/cases.schemas.ts';
import type { TApplicationMaterial, TThemeFormView, TFormElementView, TFormMaterialView, TUpload } from '@server/modules/forms/forms.schemas.ts';

export type { TApplicationMaterial, TThemeFormView, TFormElementView, TFormMaterialView, TUpload };

export type TWorklistPage = z.infer<typeof ZWorklistPage>;
export type TWorklistItem = TWorklistPage['items'][number];
/** the sub-case page; `materials` comes with the forms work (optional until every server has it) */
export type TSubcaseDetail = z.infer<typeof ZSubcaseDetail> & { materials?: TApplicationMaterial[] };
export type THistory = z.infer<typeof ZHistoryEntry>;
export type TApplicationSummary = z.infer<typeof ZApplicationSummary>;

type Name = { zh: string; en: string };

/** POST /api/counter/applications (src/modules/counter/counter.schemas.ts ZIntakeCreated) */
export interface TCounterCreated {
  id: string;
  status: string;
  applicant: { name: string };
  expiresAt?: string;
  /** masked phone the confirmation code went to; null: the citizen confirms signed in */
  codeSentTo?: string | null;
  codeExpiresAt?: string | null;
}

export interface TIntakeSummary {
  matters: Array<{ code: string; name: Name }>;
  values: Array<{ code: string; label: Name; value: string }>;
  delivery?: { way: string; address: string | null; counter: string | null };
}

/** GET /api/counter/applications: one intake (ZCounterIntakeView) */
export interface TCounterIntake {
  id: string;
  status: string;
  themeCode: string;
  themeName: Name;
  channel: string;
  onBehalfReason?: string | null;
  applicant: { name: string };
  createdAt: string;
  codeSentTo?: string | null;
  confirmation?: { at: string; method: string } | null;
  declined?: { at: string; reason: string | null } | null;
  application: { id: string; number: string } | null;
  summary?: TIntakeSummary;
}

/** GET /api/me/confirmations (ZConfirmationView) */
export interface TConfirmation {
  id: string;
  themeCode: string;
  themeName: Name;
  channel?: string;
  onBehalfReason?: string | null;
  staffName: string;
  unitName?: Name | null;
  createdAt: string;
  expiresAt?: string;
  summary: TIntakeSummary;
}
