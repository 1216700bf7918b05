// zod schemas (Z…) and types (T…) of the one-form API: the prefilled form of a theme, drafts,
// uploads and the materials / promise part of a submit. The web UI imports these too.
import { z } from 'zod';
import { ZMaterialProvision, ZUploadId } from './materials.ts';

// the materials module owns uploads and an application's materials; their schemas stay importable from here
export {
  ZMaterialProvision, ZUploadId, ZApplicationMaterial, ZUpload, ZUploadQuery, ZUploadParams,
  type TMaterialProvision, type TApplicationMaterial, type TUpload,
} from './materials.ts';

const ZName = z.object({ zh: z.string(), en: z.string() });
const code = z.string().min(1).max(120);

// ---------- the one form ----------

export const ZAnswers = z.record(z.string().max(80), z.array(z.string().max(80)).max(30));

/** the people's real ID number shape (18 characters, last may be X); checked in full by the identity module */
const idNumber = z.string().trim().regex(/^\d{17}[\dXx]$/, 'an 18-character ID number').transform((s) => s.toUpperCase());

export const ZFormRequest = z.object({
  answers: ZAnswers.default({}),
  /** counter staff only: the present citizen whose data prefill the form (audited) */
  applicantIdNumber: idNumber.optional(),
});
export type TFormRequest = z.infer<typeof ZFormRequest>;

/** the one form as filled so far, for a generated form (申请表) printed from it */
export const ZFilledFormRequest = z.object({
  answers: ZAnswers.default({}),
  values: z.record(z.string().max(120), z.unknown()).refine((v) => Object.keys(v).length <= 300, 'too many values').default({}),
});

export const ZElementOrigin = z.object({
  kind: z.enum(['profile', 'datahub', 'matterResult']),
  /** 'profile', the data-hub resource (e.g. 'household') or the matter code */
  source: z.string(),
  name: ZName,
});
export type TElementOrigin = z.infer<typeof ZElementOrigin>;

export const ZFormElementView = z.object({
  code: z.string(),
  label: ZName,
  type: z.string(),
  required: z.boolean(),
  hint: ZName.nullable().optional(),
  options: z.array(z.object({ value: z.string(), label: ZName })).optional(),
  maxLength: z.number().optional(),
  /** the selected matters that ask for it */
  matters: z.array(z.string()),
  /** made by an earlier matter's result: not asked */
  producedBy: z.string().nullable(),
  /** the applicant's own identity (from the real-name profile or the account's enterprise): shown, not changeable */
  readOnly: z.boolean().optional(),
  value: z.union([z.string(), z.number(), z.boolean()]).nullable(),
  origin: ZElementOrigin.nullable(),
});
export type TFormElementView = z.infer<typeof ZFormElementView>;

/** 'generated': filled from the one form and signed online by the signed-in applicant (or downloaded filled in, signed and uploaded) */
export const ZProvisionOffered = z.enum(['upload', 'datahub', 'certificate', 'previousResult', 'paper', 'generated']);

export const ZFormMaterialView = z.object({
  /** the merged material key of the notice (shared key, or "matterCode.materialCode") */
  code: z.string(),
  name: ZName,
  required: z.boolean(),
  /** how the material reaches the units when nothing is deferred */
  provision: ZProvisionOffered,
  /** 容缺: may be handed in later, within the deadline */
  deferrable: z.boolean(),
  /** 告知承诺: a signed promise may replace it */
  commitmentAllowed: z.boolean(),
  matters: z.array(z.string()),
});
export type TFormMaterialView = z.infer<typeof ZFormMaterialView>;

export const ZPrefillProblem = z.object({ source: z.string(), code: z.string(), zh: z.string(), en: z.string() });
export type TPrefillProblem = z.infer<typeof ZPrefillProblem>;

export const ZThemeFormView = z.object({
  theme: z.object({ code: z.string(), version: z.number(), name: ZName }),
  matters: z.array(z.object({ code: z.string(), name: ZName, unit: z.object({ code: z.string(), name: ZName }) })),
  groups: z.array(z.object({ code: z.string(), name: ZName, elements: z.array(z.string()) })),
  elements: z.array(ZFormElementView),
  materials: z.array(ZFormMaterialView),
  prefillProblems: z.array(ZPrefillProblem),
});
export type TThemeFormView = z.infer<typeof ZThemeFormView>;

// ---------- materials and the promise of a submit ----------

export const ZMaterialChoice = z.object({
  code,
  provision: ZMaterialProvision,
  uploadIds: z.array(ZUploadId).max(20).optional(),
});
export type TMaterialChoice = z.infer<typeof ZMaterialChoice>;

/** 承诺书: signed with the applicant's real name; needed when any material is deferred or replaced by a promise */
export const ZPromise = z.object({
  signedName: z.string().trim().min(1).max(60),
  agreed: z.literal(true),
});
export type TPromise = z.infer<typeof ZPromise>;

/** additive fields of ZSubmitApplication */
export const ZSubmitMaterials = z.object({
  materials: z.array(ZMaterialChoice).max(100).optional(),
  promise: ZPromise.optional(),
});

// ---------- drafts ----------

export const DRAFT_MAX_BYTES = 256 * 1024;

export const ZThemeCodeParams = z.object({ themeCode: z.string().regex(/^[a-z0-9]+(?:[.-][a-z0-9]+)*$/).max(80) });

export const ZDraftBody = z.object({
  answers: ZAnswers.default({}),
  /** partial values are fine in a draft: they are validated in full at submit */
  values: z.record(z.string().max(120), z.union([z.string().max(4000), z.number(), z.boolean(), z.null()]))
    .refine((v) => Object.keys(v).length <= 300, 'too many values').default({}),
  materials: z.array(ZMaterialChoice).max(100).optional(),
  delivery: z.record(z.string().max(40), z.string().max(300)).optional(),
});
export type TDraftBody = z.infer<typeof ZDraftBody>;

export const ZDraft = ZDraftBody.extend({ themeCode: z.string(), updatedAt: z.string() });
export type TDraft = z.infer<typeof ZDraft>;

export const ZDraftSaved = z.object({ themeCode: z.string(), updatedAt: z.string() });
export const ZDraftList = z.array(ZDraftSaved);
