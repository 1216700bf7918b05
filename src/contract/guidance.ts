// The one notice (一次告知) as the API returns it.
import { z } from 'zod';

const ZName = z.object({ zh: z.string(), en: z.string() });

export const ZNoticeMatter = z.object({
  code: z.string(),
  name: ZName,
  unit: z.object({ code: z.string(), name: ZName }),
  caseType: z.enum(['immediate', 'promised']),
  promisedDays: z.number(),
  legalDays: z.number(),
  visits: z.number(),
  onlineDepth: z.number(),
  result: z.object({ type: z.string(), name: z.string().optional() }),
  needs: z.array(z.string()),
});

export const ZNoticeMaterial = z.object({
  key: z.string(),
  name: ZName,
  required: z.boolean(),
  kind: z.string(),
  form: z.string(),
  copies: z.number(),
  /** 'applicant': the person brings it; 'certificateLibrary' / 'dataSharing': Yijian fetches it;
   *  'produced': made by an earlier matter of the same theme; 'issuedByUnit': another unit issues it;
   *  'generated': a form to fill (申请表) that Yijian fills from the one form, signed online or printed */
  obtain: z.enum(['applicant', 'issuedByUnit', 'certificateLibrary', 'dataSharing', 'produced', 'generated']),
  producedBy: z.string().optional(),
  allowMissing: z.boolean(),
  allowCommitment: z.boolean(),
  matters: z.array(z.string()),
  note: z.string().optional(),
});

export const ZNoticeFee = z.object({ matter: z.string(), name: z.string(), standard: z.string(), basis: z.string(), reducible: z.boolean() });

export const ZFigures = z.object({
  matters: z.number(),
  materials: z.number(),
  fields: z.number(),
  visits: z.number(),
  days: z.number(),
  forms: z.number(),
});
export const ZReform = z.object({ before: ZFigures, after: ZFigures });
export type TReform = z.infer<typeof ZReform>;

export const ZNotice = z.object({
  theme: z.object({ code: z.string(), name: ZName, version: z.number() }),
  questions: z.array(
    z.object({
      code: z.string(),
      text: ZName,
      multiple: z.boolean(),
      options: z.array(z.object({ code: z.string(), label: ZName })),
    }),
  ),
  answers: z.record(z.string(), z.array(z.string())),
  pending: z.array(z.string()),
  complete: z.boolean(),
  matters: z.array(ZNoticeMatter),
  materials: z.array(ZNoticeMaterial),
  fields: z.array(z.object({ element: z.string(), required: z.boolean() })),
  timeLimit: z.object({ workdays: z.number(), path: z.array(z.string()), legalWorkdays: z.number() }),
  fees: z.array(ZNoticeFee),
  visits: z.object({ count: z.number(), reasons: z.array(z.string()) }),
  /** figures for the situation answered */
  figures: ZReform,
  /** figures for the whole theme (every matter and material) */
  themeFigures: ZReform,
});
export type TNotice = z.infer<typeof ZNotice>;
export type TNoticeMaterial = z.infer<typeof ZNoticeMaterial>;
