// Shapes of joining: registration with an SMS code and real-name verification, the sign-in options
// (password, the city's unified identity), and the public progress look-up by receipt.
import { z } from 'zod';
import { isValidResidentId } from './resident-id.ts';

const mobile = z.string().trim().transform((v) => v.replace(/[\s-]/g, '').replace(/^(\+86|0086)/, '')).pipe(z.string().regex(/^1[3-9]\d{9}$/));

export const ZSmsCodeRequest = z.object({ phone: mobile });
export type TSmsCodeRequest = z.input<typeof ZSmsCodeRequest>;

export const ZSmsCodeSent = z.object({
  challengeId: z.string(),
  /** e.g. 138****0001 */
  maskedPhone: z.string(),
  expiresAt: z.string(),
  /** seconds before another code may be asked for this phone */
  resendAfterSeconds: z.number(),
});
export type TSmsCodeSent = z.infer<typeof ZSmsCodeSent>;

/** 法定代表人 or 授权经办人 of the enterprise, as the enterprise registry records them. */
export const ENTERPRISE_CAPACITIES = ['legal-representative', 'agent'] as const;
export const ZEnterpriseCapacity = z.enum(ENTERPRISE_CAPACITIES);
export type TEnterpriseCapacity = z.infer<typeof ZEnterpriseCapacity>;

export const ZRegisterBody = z.object({
  kind: z.enum(['citizen', 'enterprise']),
  phone: mobile,
  challengeId: z.string().uuid(),
  code: z.string().trim().regex(/^\d{6}$/),
  name: z.string().trim().min(1).max(50),
  idNumber: z.string().trim().toUpperCase().refine((v) => isValidResidentId(v), 'not a valid resident ID number'),
  password: z.string().min(1).max(256),
  enterprise: z.object({
    creditCode: z.string().trim().toUpperCase().regex(/^[0-9A-HJ-NPQRTUWXY]{18}$/),
    capacity: ZEnterpriseCapacity,
  }).optional(),
});
export type TRegisterBody = z.input<typeof ZRegisterBody>;

export const ZAuthOptions = z.object({
  /** the city's unified identity (统一身份认证), when one is configured */
  unifiedIdentity: z.object({ name: z.object({ zh: z.string(), en: z.string() }), startUrl: z.string() }).nullable(),
  registration: z.boolean(),
});
export type TAuthOptions = z.infer<typeof ZAuthOptions>;

// ---------- 办件进度查询: by number and the receipt's query code, no sign-in ----------

export const ZProgressQuery = z.object({
  number: z.string().trim().toUpperCase().regex(/^YJ\d{8,20}$/),
  code: z.string().trim().toUpperCase().regex(/^(\d{10}|[0-9A-Z]{8})$/), // 10 digits (earlier: 8 letters and digits)
});
export type TProgressQuery = z.input<typeof ZProgressQuery>;

const ZText = z.object({ zh: z.string(), en: z.string() });

/** Only the status and the steps: no name, no ID number, no data. */
export const ZProgressView = z.object({
  number: z.string(),
  theme: ZText,
  status: z.object({ code: z.string(), name: ZText }),
  submittedAt: z.string(),
  updatedAt: z.string(),
  steps: z.array(z.object({
    matter: ZText,
    unit: ZText,
    status: z.object({ code: z.string(), name: ZText }),
    /** 承诺办结时间, once the step is released */
    promisedAt: z.string().nullable(),
  })),
});
export type TProgressView = z.infer<typeof ZProgressView>;

export const ZReceipt = z.object({
  number: z.string(),
  /** 查询码: with the number, anyone may look up the progress at /progress */
  queryCode: z.string(),
});
export type TReceipt = z.infer<typeof ZReceipt>;
