// What the simulator accepts from Yijian: the Task envelope of the adapter contract (push body and
// pull task alike), and its fault settings. Lenient about fields it does not use, strict about the
// ones it does.
import { z } from 'zod';

export const ZResultField = z.object({
  code: z.string().min(1).max(60),
  name: z.union([z.string(), z.object({ zh: z.string(), en: z.string() })]).optional(),
  type: z.string().max(40).optional(),
  format: z.string().max(40).optional(),
  values: z.array(z.string()).optional(),
  example: z.string().max(200).optional(),
});

export const ZTask = z.object({
  taskId: z.string().min(1).max(200),
  event: z.enum(['subcase.released', 'subcase.withdrawn', 'subcase.supplement-answered']),
  sequence: z.number().int().min(1),
  subcase: z.object({
    id: z.string().min(1).max(100),
    applicationId: z.string().min(1).max(100),
    applicationNumber: z.string().max(100).optional(),
    themeCode: z.string().max(100).optional(),
    matterCode: z.string().min(1).max(100),
    unitCode: z.string().min(1).max(100),
    status: z.string().max(10).optional(),
    promisedAt: z.string().nullable().optional(),
    data: z.record(z.string(), z.unknown()).optional(),
    materials: z.array(z.unknown()).optional(),
    resultFields: z.array(ZResultField).default([]),
    /** what the matter delivers: certificate | approval | other | none, and its name */
    result: z.object({ type: z.string().max(40), name: z.string().max(200) }).optional(),
    /** the matter's fee in fen and whether the applicant paid it through Yijian; null: nothing due */
    fee: z.object({ amountFen: z.number().int().min(0), paid: z.boolean() }).nullable().optional(),
    /** Yijian sends the name as text; older senders as {zh, en} */
    matterName: z.union([z.string().max(200), z.object({ zh: z.string().max(200) }).passthrough()]).optional(),
  }).passthrough(),
  sentAt: z.string().optional(),
}).passthrough();
export type TTask = z.infer<typeof ZTask>;

/** POST /subcases/batch: several tasks, each with the idempotency key a single push sends as a header. */
export const ZTaskBatch = z.object({
  tasks: z.array(z.object({ idempotencyKey: z.string().min(1).max(200), task: ZTask })).min(1).max(500),
});

export const ZFaults = z.object({
  /** unavailable for this long from now: answering 503, or with its port closed */
  downMs: z.number().int().min(0).max(3_600_000).optional(),
  downMode: z.enum(['503', 'close']).optional(),
  /** extra delay before answering a delivery and before processing */
  slowMs: z.number().int().min(0).max(120_000).optional(),
  /** share of deliveries answered 500 (in a batch: tasks refused; in pull mode: tasks not acknowledged) */
  errorRatio: z.number().min(0).max(1).optional(),
  /** share of callbacks sent twice */
  duplicateCallbacks: z.number().min(0).max(1).optional(),
  /** share of sub-cases whose later callback is sent before the earlier one */
  outOfOrder: z.number().min(0).max(1).optional(),
  /** back to no faults before applying the rest */
  reset: z.boolean().optional(),
}).strict();
export type TFaults = z.infer<typeof ZFaults>;

/** POST /faults: the department's faults, and failNext — the next n deliveries fail (a single push answers 500, a task in a batch is refused). */
export const ZFaultsInput = ZFaults.extend({ failNext: z.number().int().min(0).max(100_000).optional() }).strict();
export type TFaultsInput = z.infer<typeof ZFaultsInput>;
