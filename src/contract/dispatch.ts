// zod schemas (Z…) of the dispatch API — admin, back office and the adapter API department systems
// call — with the examples shown in the OpenAPI document, and their types (T…).
import { z } from 'zod';

export const ADAPTER_KINDS = ['back-office', 'push', 'pull', 'manual'] as const;
export type TAdapterKind = (typeof ADAPTER_KINDS)[number];
export const DISPATCH_EVENTS = ['subcase.released', 'subcase.withdrawn', 'subcase.supplement-answered'] as const;
export type TDispatchEvent = (typeof DISPATCH_EVENTS)[number];
export const RESULT_EVENT_TYPES = ['accept', 'not-accept', 'request-supplement', 'start-special', 'end-special', 'approve', 'reject'] as const;

const unitCode = z.string().regex(/^[a-z0-9][a-z0-9-]{0,79}$/, 'a unit code such as city-housing-fund');
const keyId = z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, 'letters, digits, dot, dash and underscore, at most 64');
const uuid = z.uuid();
const iso = z.string().describe('ISO 8601');
const text = z.object({ zh: z.string(), en: z.string() });

// ---------- admin: adapters and keys ----------

export const ZUnitCodeParams = z.object({ unitCode });
export const ZKeyParams = z.object({ unitCode, keyId });

export const ZAdapterKey = z.object({ keyId: z.string(), createdAt: iso, retiredAt: iso.nullable() });
export const ZAdapter = z.object({
  unitCode: z.string(),
  unitName: z.string(),
  kind: z.enum(ADAPTER_KINDS),
  endpointUrl: z.string().nullable(),
  settings: z.record(z.string(), z.unknown()),
  keys: z.array(ZAdapterKey),
  updatedAt: iso.nullable(),
}).meta({ examples: [{ unitCode: 'city-housing-fund', unitName: '长沙住房公积金管理中心', kind: 'push', endpointUrl: 'https://hf.example.gov.cn/yijian', settings: { timeoutMs: 10000 }, keys: [{ keyId: 'k2026-11', createdAt: '2026-11-01T00:00:00.000Z', retiredAt: null }], updatedAt: '2026-11-01T00:00:00.000Z' }] });
export type TAdapter = z.infer<typeof ZAdapter>;

export const ZAdapterInput = z.object({
  kind: z.enum(ADAPTER_KINDS),
  endpointUrl: z.url({ protocol: /^https?$/ }).max(500).nullable().default(null),
  /** push only: timeoutMs (1 000–30 000) per request; batchSize (2–500) to send a unit that takes batches up to that many tasks per request */
  settings: z.object({
    timeoutMs: z.number().int().min(1000).max(30_000).optional(),
    batchSize: z.number().int().min(2).max(500).optional(),
  }).strict().default({}),
}).refine((a) => a.kind !== 'push' || a.endpointUrl !== null, { path: ['endpointUrl'], message: 'a push adapter needs the endpoint URL' })
  .meta({ examples: [{ kind: 'push', endpointUrl: 'https://hf.example.gov.cn/yijian', settings: { timeoutMs: 10000 } }, { kind: 'push', endpointUrl: 'https://amr.example.gov.cn/yijian', settings: { timeoutMs: 15000, batchSize: 100 } }] });
export type TAdapterInput = z.infer<typeof ZAdapterInput>;

export const ZNewKeyInput = z.object({ keyId: keyId.optional() }).default({});
export const ZNewKey = z.object({
  unitCode: z.string(), keyId: z.string(),
  /** shown once: store it in the unit's system now */
  secret: z.string(), createdAt: iso,
}).meta({ examples: [{ unitCode: 'city-housing-fund', keyId: 'k2026-11', secret: '5f1c…(64 hex)', createdAt: '2026-11-01T00:00:00.000Z' }] });

// ---------- the task envelope (push body and pull item) ----------

export const ZTaskFile = z.object({
  name: z.string(), contentType: z.string(), size: z.number(), sha256: z.string(),
  /** signed, expiring absolute link under Yijian's public URL (PUBLIC_URL); no other credential needed */
  url: z.string(),
});
export const ZTaskMaterial = z.object({
  code: z.string(), name: text, provision: z.string(), deferredUntil: z.string().nullable(), files: z.array(ZTaskFile),
});
export const ZTaskEnvelope = z.object({
  taskId: uuid,
  event: z.enum(DISPATCH_EVENTS),
  sequence: z.number().int().min(1),
  subcase: z.object({
    id: uuid, applicationId: uuid, applicationNumber: z.string(), themeCode: z.string(), matterCode: z.string(), matterVersion: z.number(),
    matterName: z.string(), unitCode: z.string(), status: z.string(), promisedAt: iso.nullable(),
    data: z.record(z.string(), z.unknown()),
    materials: z.array(ZTaskMaterial),
    /** files the applicant handed in with supplement answers (补齐补正), oldest first; links as for materials */
    supplementFiles: z.array(ZTaskFile.extend({ answeredAt: iso })),
    /**
     * type: text | certificateNo | code | date | money (catalog/result-fields.yaml); for a code, how its
     * value is checked: format residentId | creditCode (check character), values (its code table) or
     * pattern (a regular expression, with an example). An approval whose values fail is refused with 422
     * RESULT_FIELD_INVALID (docs/integration.md).
     */
    resultFields: z.array(z.object({
      code: z.string(), name: text, type: z.string(),
      format: z.enum(['residentId', 'creditCode']).optional(),
      values: z.array(z.string()).optional(),
      pattern: z.string().optional(),
      example: z.string().optional(),
    })),
    /** what the matter delivers (实施清单 result): type certificate | approval | other | none, and the document's name */
    result: z.object({ type: z.string(), name: z.string() }),
    /**
     * the matter's fee, in fen, and whether the applicant has paid it through Yijian (online or at the
     * counter) when the envelope was made; null when nothing is due. A unit whose own system collects
     * the fee reports its receipt with the approval (ResultEvent.payment).
     */
    fee: z.object({ amountFen: z.number().int(), paid: z.boolean() }).nullable(),
  }),
  sentAt: iso,
}).meta({ examples: [{
  taskId: '0b6f3c0e-5d7e-4a43-9d55-3f1f0c1d2e3a', event: 'subcase.released', sequence: 1,
  subcase: {
    id: '6c1e0c4a-2d0b-4b8e-8b7c-1f2e3d4c5b6a', applicationId: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d', applicationNumber: 'YJ20261128000123',
    themeCode: 'newborn', matterCode: 'birth-medical-certificate', matterVersion: 1, matterName: '出生医学证明签发', unitCode: 'city-health', status: '02',
    promisedAt: '2026-12-01T09:00:00.000Z', data: { 'child.name': '张小禾', 'child.birth-date': '2026-11-20' },
    materials: [{ code: 'birth-info-form', name: { zh: '《出生医学证明》首次签发登记表', en: 'First-issue registration form' }, provision: 'upload', deferredUntil: null,
      files: [{ name: '登记表.pdf', contentType: 'application/pdf', size: 18234, sha256: '3b1f…', url: 'https://yijian.example.gov.cn/api/adapter/v1/files/…?subcase=…&expires=1764900000&sig=…' }] }],
    resultFields: [
      { code: 'certificateNo', name: { zh: '证书编号', en: 'Certificate number' }, type: 'certificateNo' },
      { code: 'childName', name: { zh: '新生儿姓名', en: "Child's name" }, type: 'text' },
      { code: 'birthDate', name: { zh: '出生日期', en: 'Date of birth' }, type: 'date' },
      { code: 'gender', name: { zh: '性别', en: 'Gender' }, type: 'code', values: ['0', '1', '2', '9'] },
    ],
    result: { type: 'certificate', name: '出生医学证明' },
    fee: null,
  },
  sentAt: '2026-11-28T06:00:00.000Z',
}] });
export type TTaskEnvelope = z.infer<typeof ZTaskEnvelope>;

// ---------- pull ----------

export const ZTasksQuery = z.object({
  wait: z.coerce.number().int().min(0).max(30).default(0).describe('seconds to wait for a task (long-poll)'),
  limit: z.coerce.number().int().min(1).max(50).default(10),
});
export const ZTasks = z.object({ tasks: z.array(ZTaskEnvelope) });
export const ZTaskParams = z.object({ taskId: uuid });
export const ZAck = z.object({ caseNo: z.string().trim().min(1).max(100).optional() }).default({})
  .meta({ examples: [{ caseNo: 'GJJ-2026-000123' }] });

// ---------- results back ----------

export const ZSubcaseParams = z.object({ id: uuid });
const note = z.string().trim().min(1).max(2000);
const scalar = z.union([z.string().max(2000), z.number(), z.boolean()]);
export const ZResultEvent = z.object({
  eventId: z.string().regex(/^[A-Za-z0-9._:-]{1,200}$/, 'letters, digits and . _ : -, at most 200'),
  sequence: z.number().int().min(1).max(1_000_000),
  type: z.enum(RESULT_EVENT_TYPES),
  note: note.optional(),
  reason: note.optional(),
  result: z.object({
    fields: z.record(z.string().min(1).max(60), scalar).refine((f) => Object.keys(f).length <= 50, 'too many fields'),
    documentName: z.string().trim().min(1).max(200).optional(),
    /** the result document, uploaded first with POST /api/adapter/v1/documents */
    documentUploadId: uuid.optional(),
  }).optional(),
  caseNo: z.string().trim().min(1).max(100).optional(),
  /**
   * approve only: the fee the unit's own system collected (税务 collects the 医保 contribution), with its
   * receipt number (票据号) and the amount in fen, which must be the amount due (the envelope's fee).
   * Recorded as paid before the approval; ignored when the applicant has paid through Yijian already.
   * An approval of a matter with an unpaid fee and no payment is answered 409 PAYMENT_PENDING and not
   * kept: send it again, with the same sequence, once the fee is paid.
   */
  payment: z.object({ receiptNo: z.string().trim().min(1).max(64), amountFen: z.number().int().min(1).max(1_000_000_000) }).optional(),
  occurredAt: z.iso.datetime({ offset: true }),
}).superRefine((e, c) => {
  if ((e.type === 'not-accept' || e.type === 'reject') && !e.reason) c.addIssue({ code: 'custom', path: ['reason'], message: `a ${e.type} event needs a reason` });
  if ((e.type === 'request-supplement' || e.type === 'start-special') && !e.note) c.addIssue({ code: 'custom', path: ['note'], message: `a ${e.type} event needs a note` });
  if (e.type === 'approve' && !e.result) c.addIssue({ code: 'custom', path: ['result'], message: 'an approve event needs the result' });
  if (e.type !== 'approve' && e.payment) c.addIssue({ code: 'custom', path: ['payment'], message: 'only an approve event reports a payment' });
}).meta({ examples: [
  { eventId: 'hf-000123-1', sequence: 1, type: 'accept', caseNo: 'GJJ-2026-000123', occurredAt: '2026-11-28T06:01:00+08:00' },
  { eventId: 'hf-000123-2', sequence: 2, type: 'approve', result: { fields: { certificateNo: 'T430123456' }, documentName: '准予提取通知书' }, occurredAt: '2026-11-28T09:30:00+08:00' },
] });
export type TResultEvent = z.infer<typeof ZResultEvent>;

export const ZDocumentQuery = z.object({ name: z.string().trim().min(1).max(200).describe('the file name, e.g. 不动产权证书.pdf') });
export const ZDocumentUploaded = z.object({ uploadId: uuid, name: z.string(), contentType: z.string(), size: z.number(), sha256: z.string() })
  .meta({ examples: [{ uploadId: '2f4c9a1e-7b3d-4e5f-8a6b-0c1d2e3f4a5b', name: '不动产权证书.pdf', contentType: 'application/pdf', size: 48213, sha256: '9c0e…' }] });

export const ZEventApplied = z.object({ applied: z.literal(true), status: z.string() }).meta({ examples: [{ applied: true, status: '05' }] });
export const ZEventDuplicate = z.object({ applied: z.literal(false), duplicate: z.literal(true), status: z.string() });
export const ZEventAnswer = z.union([ZEventApplied, ZEventDuplicate]);
export const ZEventParked = z.object({ parked: z.literal(true), expecting: z.number() }).meta({ examples: [{ parked: true, expecting: 1 }] });
export const ZSubcaseState = z.object({ id: z.string(), status: z.string(), lastSequence: z.number() })
  .meta({ examples: [{ id: '6c1e0c4a-2d0b-4b8e-8b7c-1f2e3d4c5b6a', status: '05', lastSequence: 1 }] });

// ---------- dead letters, re-entry, reconciliation ----------

export const ZOutboxIdParams = z.object({ id: z.coerce.number().int().min(1).max(2 ** 53 - 1) });
export const ZDeadLetter = z.object({
  id: z.number(), topic: z.string(), subscriber: z.string(), key: z.string(), payload: z.record(z.string(), z.unknown()), attempts: z.number(),
  lastError: z.string().nullable(), createdAt: iso, deadAt: iso,
});
export const ZDeadLetters = z.object({ items: z.array(ZDeadLetter) });
export const ZListQuery = z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) });

export const ZReentryItem = z.object({
  taskId: z.string(), event: z.string(), sequence: z.number(), createdAt: iso, subcase: ZTaskEnvelope.shape.subcase,
});
export const ZReentryList = z.object({ items: z.array(ZReentryItem) });
export const ZReentryQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  /** platform admins: which unit's queue */
  unit: unitCode.optional(),
});
export const ZReentryRecord = z.object({ externalCaseNo: z.string().trim().min(1).max(100) }).meta({ examples: [{ externalCaseNo: 'ZJ-2026-004711' }] });
export const ZReentryStats = z.object({
  units: z.array(z.object({ unitCode: z.string(), unitName: z.string(), pending: z.number(), entered: z.number() })),
}).meta({ examples: [{ units: [{ unitCode: 'city-civil-affairs', unitName: '长沙市民政局', pending: 3, entered: 41 }] }] });

export const ZFinding = z.object({
  id: z.number(), unitCode: z.string(), subcaseId: z.string(), kind: z.string(), yijianStatus: z.string().nullable(), unitStatus: z.string().nullable(),
  yijianSequence: z.number().nullable(), unitSequence: z.number().nullable(), detail: z.record(z.string(), z.unknown()), foundAt: iso,
});
export const ZFindings = z.object({ items: z.array(ZFinding) });
