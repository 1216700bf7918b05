// zod schemas (Z…) and types (T…) of what the materials module owns: uploads and the materials of a
// stored application. contract/forms.ts re-exports them (the submit's material choices use the same provisions).
import { z } from 'zod';

const ZName = z.object({ zh: z.string(), en: z.string() });

export const ZMaterialProvision = z.enum(['upload', 'deferred', 'commitment', 'datahub', 'certificate', 'previousResult', 'paper', 'generated']);
export type TMaterialProvision = z.infer<typeof ZMaterialProvision>;

export const ZUploadId = z.string().uuid();

/** one material of a stored application, as the application view and a sub-case detail show it */
export const ZApplicationMaterial = z.object({
  code: z.string(),
  name: ZName,
  provision: ZMaterialProvision,
  uploads: z.array(z.object({ id: z.string(), name: z.string(), size: z.number(), contentType: z.string() })),
  /** 容缺: the date by which the material must be handed in (YYYY-MM-DD, China time) */
  deferredUntil: z.string().nullable(),
  /** a generated form (申请表) signed online by the applicant: when; null otherwise */
  signedAt: z.string().nullable().optional(),
  matters: z.array(z.string()),
});
export type TApplicationMaterial = z.infer<typeof ZApplicationMaterial>;

// ---------- uploads ----------

export const ZUploadQuery = z.object({ name: z.string().min(1).max(255) });

export const ZUpload = z.object({
  id: z.string(),
  name: z.string(),
  size: z.number(),
  contentType: z.enum(['application/pdf', 'image/jpeg', 'image/png']),
  sha256: z.string(),
});
export type TUpload = z.infer<typeof ZUpload>;

export const ZUploadParams = z.object({ id: ZUploadId });
