// zod schemas (Z…) of the joint-handling API and their types (T…); the web UI imports these too.
import { z } from 'zod';
import { ZApplicationMaterial, ZSubmitMaterials } from './forms.ts';

const scalar = z.union([z.string().max(2000), z.number(), z.boolean()]);
const note = z.string().trim().min(1).max(2000);

export const ZDelivery = z.discriminatedUnion('way', [
  z.object({ way: z.literal('online') }), // 网上下载
  z.object({ way: z.literal('express'), address: z.string().trim().min(5).max(300) }), // 邮寄
  z.object({ way: z.literal('counter'), counter: z.string().trim().min(1).max(80) }), // 窗口领取
]);
export type TDelivery = z.infer<typeof ZDelivery>;

export const ZSubmitApplication = z.object({
  themeCode: z.string().min(1).max(80),
  answers: z.record(z.string().max(80), z.array(z.string().max(80)).max(30)).default({}),
  values: z.record(z.string().max(120), z.unknown()).refine((v) => Object.keys(v).length <= 300, 'too many values'),
  delivery: ZDelivery,
  idempotencyKey: z.string().min(8).max(100),
  /** how each material of the merged list is provided (upload, 容缺 deferred, 告知承诺 commitment, fetched, paper) */
  materials: ZSubmitMaterials.shape.materials,
  /** the signed promise (承诺书), required when any material is deferred or replaced by a promise */
  promise: ZSubmitMaterials.shape.promise,
});
export type TSubmitApplication = z.infer<typeof ZSubmitApplication>;

export const ZNote = z.object({ note: note.optional() });
export const ZReason = z.object({ reason: note });
export const ZSupplementRequest = z.object({ note });
export const ZSupplementAnswer = z.object({
  note: note.optional(),
  /** corrected or completed values; only the elements of this sub-case's matter */
  values: z.record(z.string().max(120), z.unknown()).default({}),
  /** files handed in with the answer: the applicant's own uploads (POST /api/uploads first), at most 10 */
  uploadIds: z.array(z.string().uuid()).max(10).default([]),
});

/** a file an applicant handed in with a supplement answer (补齐补正), to download at `url` */
export const ZSupplementFile = z.object({
  uploadId: z.string(),
  name: z.string(),
  contentType: z.string(),
  size: z.number(),
  answeredAt: z.string(),
  url: z.string(),
});
export type TSupplementFile = z.infer<typeof ZSupplementFile>;
export const ZApprove = z.object({
  /** result fields the matter declares, e.g. certificateNo; dependents receive the ones they need */
  fields: z.record(z.string().min(1).max(60), scalar).refine((f) => Object.keys(f).length <= 50, 'too many fields'),
  documentName: z.string().trim().min(1).max(200).optional(),
  /** the result document (PDF, JPEG or PNG) the officer uploaded first through POST /api/uploads: delivered online */
  documentUploadId: z.string().uuid().optional(),
  note: note.optional(),
});
export type TApprove = z.infer<typeof ZApprove>;

export const ZStatus = z.object({ code: z.string(), zh: z.string(), en: z.string() });
export type TStatus = z.infer<typeof ZStatus>;

export const ZHistoryEntry = z.object({
  caseKind: z.enum(['application', 'subcase']),
  caseId: z.string(),
  from: z.string().nullable(),
  to: z.string(),
  event: z.string(),
  actorId: z.number().nullable(),
  actorRole: z.string().nullable(),
  /** in Chinese, or as the person wrote it (an officer's reason, the applicant's answer) */
  note: z.string().nullable(),
  /** the English of a note the platform wrote; null when the note is a person's own words (show `note` in either language) */
  noteEn: z.string().nullable(),
  at: z.string(),
});
export type THistoryEntry = z.infer<typeof ZHistoryEntry>;

/** the result document stored in a sub-case's result (`result.document`): a file of the uploads */
export const ZResultDocument = z.object({
  uploadId: z.string(),
  name: z.string(),
  contentType: z.string(),
  size: z.number(),
  sha256: z.string(),
});
export type TResultDocument = z.infer<typeof ZResultDocument>;

/** the case clock of a sub-case, from the server (promisedDueAt = promisedAt; both due times null while paused) */
const ZCaseClock = {
  promisedDueAt: z.string().nullable(),
  legalDueAt: z.string().nullable(),
  pausedSince: z.string().nullable(),
  /** none → notice (N working days before the promised due time) → yellow (past it) → red (past the legal due time) */
  warningLevel: z.enum(['none', 'notice', 'yellow', 'red']),
  /**
   * the due times were computed on a provisional calendar year (calendar/YYYY.yaml before the State
   * Council's holiday notice: statutory days off only), so they may still move: show them as 暂定
   */
  dueProvisional: z.boolean(),
};

export const ZSubcaseView = z.object({
  id: z.string(),
  matterCode: z.string(),
  matterVersion: z.number(),
  matterName: z.string(),
  unitCode: z.string(),
  status: ZStatus,
  promisedAt: z.string().nullable(),
  clockPaused: z.boolean().nullable(),
  ...ZCaseClock,
  releasedAt: z.string().nullable(),
  needs: z.array(z.string()),
  result: z.record(z.string(), z.unknown()).nullable(),
  /** the result document to download (GET `url`), null when the result has none (older results never do) */
  resultDocument: ZResultDocument.omit({ sha256: true }).extend({ url: z.string() }).nullable(),
});

export const ZApplicationSummary = z.object({
  id: z.string(),
  number: z.string(),
  themeCode: z.string(),
  themeVersion: z.number(),
  channel: z.string(),
  status: ZStatus,
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type TApplicationSummary = z.infer<typeof ZApplicationSummary>;

/** For whom the application was made and on what basis (null on applications made before this was recorded). */
export const ZActing = z.object({
  /** person, enterprise or project owner */
  applicantKind: z.enum(['person', 'enterprise', 'project-owner']).nullable(),
  /** the enterprise the account acted for */
  subjectCreditCode: z.string().nullable(),
  /** self; legal representative or authorised agent (from the enterprise registry); counter staff or help on behalf; null: not checked against a registry */
  basis: z.enum(['self', 'legal-representative', 'authorised-agent', 'counter', 'on-behalf']).nullable(),
  /** the counter staff member who took it in */
  staffId: z.number().nullable(),
  /** why staff helped on behalf (帮代办) */
  note: z.string().nullable(),
});
export type TActing = z.infer<typeof ZActing>;

export const ZApplicationView = ZApplicationSummary.extend({
  applicantId: z.number(),
  acting: ZActing.optional(),
  delivery: z.object({ way: z.string(), address: z.string().nullable(), counter: z.string().nullable() }),
  subcases: z.array(ZSubcaseView.extend({
    history: z.array(ZHistoryEntry),
    /** names of the fields in `result.fields` from the result field dictionary (catalog/result-fields.yaml); a field without one shows its code */
    resultFieldLabels: z.record(z.string(), z.object({ zh: z.string(), en: z.string() })),
    /** the data this sub-case holds (its slice), labelled: what a supplement answer may correct */
    fields: z.array(z.object({
      code: z.string(),
      label: z.object({ zh: z.string(), en: z.string() }),
      type: z.string(),
      options: z.array(z.object({ value: z.string(), label: z.object({ zh: z.string(), en: z.string() }) })).optional(),
      value: z.unknown(),
    })).optional(),
  })),
  /** the materials as provided: uploads, 容缺 deadlines (deferredUntil), promises */
  materials: z.array(ZApplicationMaterial).optional(),
  history: z.array(ZHistoryEntry),
});
export type TApplicationView = z.infer<typeof ZApplicationView>;
export type TSubcaseView = TApplicationView['subcases'][number];

/** the applicant's sub-cases that wait for them (a supplement asked), newest first */
export const ZAwaitingApplicant = z.array(z.object({
  applicationId: z.string(),
  number: z.string(),
  themeCode: z.string(),
  subcaseId: z.string(),
  matterName: z.string(),
  status: ZStatus,
  /** when it began to wait */
  since: z.string(),
}));
export type TAwaitingApplicant = z.infer<typeof ZAwaitingApplicant>;

export const ZWorklistQuery = z.object({
  status: z.string().regex(/^\d{2}$/).optional(),
  sort: z.enum(['deadline', 'newest']).default('deadline'),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
  /** keyset paging: the previous page's nextCursor (opaque); when given, offset is ignored */
  cursor: z.string().max(200).regex(/^[A-Za-z0-9_-]+$/).optional(),
});
export type TWorklistQuery = z.infer<typeof ZWorklistQuery>;

export const ZWorklistItem = z.object({
  id: z.string(),
  applicationId: z.string(),
  applicationNumber: z.string(),
  matterCode: z.string(),
  matterName: z.string(),
  status: ZStatus,
  promisedAt: z.string().nullable(),
  releasedAt: z.string().nullable(),
  ...ZCaseClock,
});
export const ZWorklistPage = z.object({
  items: z.array(ZWorklistItem),
  /** exact up to WORKLIST_COUNT_CAP, then the cap (totalCapped true: show "1000+") */
  total: z.number(),
  totalCapped: z.boolean(),
  limit: z.number(),
  offset: z.number(),
  /** pass as `cursor` for the next page; null on the last page */
  nextCursor: z.string().nullable(),
});
export type TWorklistPage = z.infer<typeof ZWorklistPage>;
export type TWorklistItem = TWorklistPage['items'][number];

export const ZSubcaseDetail = ZSubcaseView.extend({
  applicationId: z.string(),
  applicationNumber: z.string(),
  themeCode: z.string(),
  data: z.record(z.string(), z.unknown()),
  history: z.array(ZHistoryEntry),
  allowedEvents: z.array(z.string()),
  /** only the materials this sub-case's matter uses */
  materials: z.array(ZApplicationMaterial).optional(),
  /** the files the applicant handed in with supplement answers, oldest first */
  supplementFiles: z.array(ZSupplementFile),
  /** what approval records: the matter's declared result; `needed` = fields later sub-cases wait for (required) */
  expectedResult: z.object({
    type: z.string(),
    name: z.string().nullable(),
    fields: z.array(z.string()),
    needed: z.array(z.string()),
    /** names of the fields from the result field dictionary (catalog/result-fields.yaml); a field without one shows its code */
    fieldLabels: z.record(z.string(), z.object({ zh: z.string(), en: z.string() })),
  }).optional(),
  /** labels of the data elements in `data` (and of enum values), for showing the slice */
  dataLabels: z.record(z.string(), z.object({
    zh: z.string(),
    en: z.string(),
    options: z.record(z.string(), z.object({ zh: z.string(), en: z.string() })).optional(),
  })).optional(),
});
export type TSubcaseDetail = z.infer<typeof ZSubcaseDetail>;
