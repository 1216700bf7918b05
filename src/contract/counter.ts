// zod schemas (Z…) of the counter channel (窗口收件 / 帮代办) and the citizen's confirmations.
import { z } from 'zod';
import { isValidResidentId } from './resident-id.ts';
import { ZSubmitApplication } from './cases.ts';

const bilingual = z.object({ zh: z.string(), en: z.string() });

export const INTAKE_CHANNELS = ['counter', 'on-behalf'] as const;

/** The submit body, plus who the application is for and how it came in. */
export const ZCounterIntake = ZSubmitApplication.safeExtend({
  /** the present citizen's resident ID number (公民身份号码), as on their real-name profile */
  applicantIdNumber: z.string().trim().toUpperCase().refine((v) => isValidResidentId(v), 'not a valid resident ID number (check digit, birth date, division)'),
  /** 'counter': the citizen applies at the counter; 'on-behalf': 帮代办 for an elderly or disabled person */
  channel: z.enum(INTAKE_CHANNELS),
  onBehalfReason: z.string().trim().min(2).max(500).optional(),
}).superRefine((v, c) => {
  if (v.channel === 'on-behalf' && !v.onBehalfReason)
    c.addIssue({ code: 'custom', path: ['onBehalfReason'], message: 'give the reason for handling on behalf (帮代办), e.g. age or disability' });
});
export type TCounterIntake = z.infer<typeof ZCounterIntake>;

export const ZIntakeStatus = z.enum(['awaiting-confirmation', 'confirmed', 'declined', 'expired']);
export type TIntakeStatus = z.infer<typeof ZIntakeStatus>;

export const ZIntakeSummary = z.object({
  matters: z.array(z.object({ code: z.string(), name: bilingual })),
  /** the values the citizen confirms, with their labels (enum values shown by their label) */
  values: z.array(z.object({ code: z.string(), label: bilingual, value: z.string(), text: bilingual.nullable() })),
  delivery: z.object({ way: z.string(), address: z.string().nullable(), counter: z.string().nullable() }),
});
export type TIntakeSummary = z.infer<typeof ZIntakeSummary>;

export const ZIntakeCreated = z.object({
  id: z.string(),
  status: ZIntakeStatus,
  applicant: z.object({ name: z.string() }),
  expiresAt: z.string(),
  /** the masked phone the confirmation code was sent to; null: no phone on the profile, the citizen confirms signed in */
  codeSentTo: z.string().nullable(),
  codeExpiresAt: z.string().nullable(),
});
export type TIntakeCreated = z.infer<typeof ZIntakeCreated>;

export const ZCounterIntakeView = z.object({
  id: z.string(),
  status: ZIntakeStatus,
  themeCode: z.string(),
  themeName: bilingual,
  channel: z.enum(INTAKE_CHANNELS),
  onBehalfReason: z.string().nullable(),
  applicant: z.object({ name: z.string() }),
  staffId: z.number(),
  createdAt: z.string(),
  expiresAt: z.string(),
  codeSentTo: z.string().nullable(),
  codeExpiresAt: z.string().nullable(),
  confirmation: z.object({ at: z.string(), method: z.enum(['account', 'code']) }).nullable(),
  declined: z.object({ at: z.string(), reason: z.string().nullable() }).nullable(),
  application: z.object({ id: z.string(), number: z.string() }).nullable(),
  summary: ZIntakeSummary,
});
export type TCounterIntakeView = z.infer<typeof ZCounterIntakeView>;

export const ZConfirmationView = z.object({
  id: z.string(),
  themeCode: z.string(),
  themeName: bilingual,
  channel: z.enum(INTAKE_CHANNELS),
  onBehalfReason: z.string().nullable(),
  staffName: z.string(),
  unitName: bilingual.nullable(),
  createdAt: z.string(),
  expiresAt: z.string(),
  summary: ZIntakeSummary,
});
export type TConfirmationView = z.infer<typeof ZConfirmationView>;

export const ZConfirmCode = z.object({ code: z.string().trim().regex(/^\d{6}$/, 'six digits') });
export const ZDecline = z.object({ reason: z.string().trim().min(1).max(500).optional() });
export const ZCodeSent = z.object({ codeSentTo: z.string(), codeExpiresAt: z.string() });
