// Catalog documents: data elements, matters (implementation lists) and themes (life events).
// One zod schema gives the validation and the type; the web UI imports the types too.
import { z } from 'zod';

const code = z.string().regex(/^[a-z0-9]+(?:[.-][a-z0-9]+)*$/, 'lower-case code: letters, digits, "-" or "."');
const zh = z.string().trim().min(1);
const en = z.string().trim().min(1);

// ---------- data elements (数据元) ----------
export const ZElementType = z.enum([
  'text', 'longText', 'number', 'money', 'date', 'boolean', 'enum', 'phone', 'email',
  'idNumber', 'creditCode', 'divisionCode', 'address', 'certificateNo',
]);

export const ZPrefillSource = z.discriminatedUnion('source', [
  // from the signed-in person's real-name profile
  z.object({ source: z.literal('profile'), field: z.enum(['name', 'idNumber', 'phone', 'email', 'address', 'divisionCode', 'enterpriseName', 'creditCode']) }),
  // from a data-hub resource (registries: household, birth, social insurance, real estate, …)
  z.object({ source: z.literal('datahub'), resource: code, field: z.string().min(1) }),
  // from the result of an earlier matter in the same theme (e.g. the birth certificate number)
  z.object({ source: z.literal('matterResult'), matter: code, field: z.string().min(1) }),
]);

export const ZDataElement = z.object({
  code,
  name: zh,
  nameEn: en,
  type: ZElementType,
  /** enum options */
  options: z.array(z.object({ value: z.string().min(1), label: zh, labelEn: en })).optional(),
  maxLength: z.number().int().positive().optional(),
  pattern: z.string().optional(),
  min: z.number().optional(),
  max: z.number().optional(),
  /** 'past' = not after today, 'future' = not before today */
  dateRule: z.enum(['past', 'future']).optional(),
  personal: z.boolean().default(true),
  /**
   * The applicant's own identity when the applicant is of this kind (person: name, ID number;
   * enterprise: credit code, name): the value is the signed-in applicant's, from the profile source
   * of `prefill`; the form shows it read-only and a submit with another value is refused.
   */
  applicantIdentity: z.enum(['person', 'enterprise']).optional(),
  prefill: z.array(ZPrefillSource).default([]),
  hint: z.string().optional(),
  hintEn: z.string().optional(),
});
export type TDataElement = z.infer<typeof ZDataElement>;

// ---------- matters (政务服务事项 / 实施清单) ----------
export const ZMatterType = z.enum([
  '行政许可', '行政确认', '行政裁决', '行政给付', '行政奖励', '行政备案', '其他行政权力', '公共服务',
]);
export const ZLevel = z.enum(['national', 'province', 'city', 'district', 'street', 'community']);
export const ZTimeUnit = z.enum(['workday', 'calendarDay', 'hour']);
export const ZTimeLimit = z.object({
  value: z.number().min(0),
  unit: ZTimeUnit,
  note: z.string().optional(),
});

export const ZMaterialSource = z.enum([
  'applicant', // 申请人自备
  'issuedByUnit', // 由其他单位出具
  'certificateLibrary', // 电子证照库
  'dataSharing', // 数据共享
]);

export const ZMaterial = z.object({
  code, // unique within the matter
  name: zh,
  nameEn: en,
  required: z.boolean(),
  /** original, copy, original and copy, form to fill, other */
  kind: z.enum(['original', 'copy', 'originalAndCopy', 'form', 'other']),
  form: z.enum(['paper', 'electronic', 'both']),
  copies: z.number().int().min(0),
  source: ZMaterialSource,
  /** materials sharing this key mean the same thing and fold into one in a theme (e.g. applicant-id-card) */
  shared: code.optional(),
  /** produced inside a theme by this matter's result (e.g. the birth medical certificate) */
  producedBy: code.optional(),
  allowMissing: z.boolean().default(false), // 容缺
  allowCommitment: z.boolean().default(false), // 告知承诺
  acceptanceStandard: z.string().optional(),
  note: z.string().optional(),
});
export type TMaterial = z.infer<typeof ZMaterial>;

export const ZFee = z.object({
  name: zh,
  standard: z.string().default(''),
  basis: z.string().default(''),
  reducible: z.boolean().default(false),
  /** a fixed amount in yuan (元, at most 2 decimals) that Yijian collects before approval; absent when the unit assesses it (e.g. a tax rate) */
  amount: z.number().positive().max(100_000_000).refine((v) => Number.isInteger(Math.round(v * 100)) && Math.abs(v * 100 - Math.round(v * 100)) < 1e-6, 'amount: yuan with at most 2 decimals').optional(),
});

export const ZStep = z.object({
  name: zh,
  nameEn: en,
  limit: ZTimeLimit.optional(),
});

export const ZChannel = z.enum(['online', 'mobile', 'hall', 'express', 'onlinePayment', 'appointment', 'selfService']);

export const ZMatter = z.object({
  code,
  name: zh,
  nameEn: en,
  /** 基本编码: 12 characters */
  basicCode: z.string().regex(/^[0-9A-Z]{12}$/, 'basic code: 12 digits or capital letters'),
  type: ZMatterType,
  unit: code,
  level: ZLevel,
  caseType: z.enum(['immediate', 'promised']), // 即办件 / 承诺件
  legalLimit: ZTimeLimit,
  promisedLimit: ZTimeLimit,
  acceptanceConditions: z.array(zh).min(1),
  steps: z.array(ZStep).min(1),
  materials: z.array(ZMaterial),
  fields: z.array(z.object({ element: code, required: z.boolean().default(true) })),
  fees: z.array(ZFee).default([]),
  visits: z.object({ count: z.number().int().min(0), reason: z.string().optional() }),
  onlineDepth: z.number().int().min(1).max(4), // 网办深度 Ⅰ–Ⅳ
  result: z.object({
    type: z.enum(['certificate', 'approval', 'other', 'none']), // 证照 / 批文 / 其他 / 无
    name: z.string().optional(),
    sample: z.string().optional(),
    /** fields of the result that later matters in a theme can use (e.g. certificateNo) */
    fields: z.array(z.string()).default([]),
  }),
  channels: z.array(ZChannel).min(1),
  handlingForms: z.array(z.enum(['window', 'online', 'mail'])).min(1),
  legalBasis: z.array(z.string()).default([]),
  crossRegion: z.enum(['none', 'province', 'national']).default('none'), // 跨域通办 scope
  summary: z.string().optional(),
});
export type TMatter = z.infer<typeof ZMatter>;

// ---------- themes (一件事) ----------
export const ZOption = z.object({
  code,
  label: zh,
  labelEn: en,
  matters: z.array(code).default([]),
  /** "matterCode.materialCode": optional materials this option makes needed */
  materials: z.array(z.string().regex(/^[a-z0-9.-]+\.[a-z0-9-]+$/)).default([]),
  followUps: z.array(code).default([]),
});

export const ZQuestion = z.object({
  code,
  text: zh,
  textEn: en,
  multiple: z.boolean().default(false),
  /** root questions are asked first; follow-ups only when an option names them */
  root: z.boolean().default(true),
  options: z.array(ZOption).min(1),
});
export type TQuestion = z.infer<typeof ZQuestion>;

export const ZThemeMatter = z.object({
  matter: code,
  /**
   * Kept only so that an old file or theme version that names one is caught: the unit that handles a
   * matter is decided by routing (the matter's implementing unit, its level and the admins' rules), never
   * by the theme; quality rule THEME_UNIT_OVERRIDE refuses a unit other than the matter's own.
   */
  unit: code.optional(),
  /** always required (held by the root); otherwise switched on by an option */
  always: z.boolean().default(false),
});

/**
 * What a refusal of a prerequisite (rejected, not accepted, or itself voided) means for the matter
 * that needs it: 'void' — the dependent cannot be done and is voided (作废办结); 'continue' — it is
 * released to its unit anyway, without the prerequisite's result. `message`/`messageEn` is what the
 * applicant is told; "{prerequisite}" and "{matter}" stand for the two matters' names.
 */
export const ZRefusalPolicy = z.object({
  effect: z.enum(['void', 'continue']).default('void'),
  message: zh.optional(),
  messageEn: en.optional(),
});
export type TRefusalPolicy = z.infer<typeof ZRefusalPolicy>;

export const ZDependency = z.object({
  matter: code,
  needs: code,
  /** result fields passed on, e.g. certificateNo */
  passes: z.array(z.string()).default([]),
  note: z.string().optional(),
  /** overrides the theme's onRefusal for this dependency */
  onRefusal: ZRefusalPolicy.optional(),
});

/** Who may apply for a theme: a person for themselves, an enterprise, or a project owner (建设单位) — both through an enterprise account. */
export const ZApplicantKind = z.enum(['person', 'enterprise', 'project-owner']);
export type TApplicantKind = z.infer<typeof ZApplicantKind>;

export const ZTheme = z.object({
  code,
  seq: z.number().int().min(1),
  name: zh,
  nameEn: en,
  lifecycle: z.enum(['person', 'enterprise', 'project']),
  /** the applicant kinds the theme serves (the submit refuses others); versions made before it was declared follow the lifecycle */
  applicants: z.array(ZApplicantKind).min(1).optional(),
  /**
   * What identifies the life event, so that it is not applied for twice by mistake: each entry is a
   * key of data elements; an application whose values fill every element of a key is refused while
   * another application of the theme with the same key values is open or completed (withdrawn,
   * not accepted, voided or wholly refused ones do not count).
   */
  uniqueBy: z.array(z.array(code).min(1)).optional(),
  leadUnits: z.array(code).min(1),
  targetDate: z.enum(['2023-05-31', '2023-12-31', '2024-12-31']),
  summary: zh,
  summaryEn: en,
  keywords: z.array(z.string()).default([]),
  matters: z.array(ZThemeMatter).min(1),
  questions: z.array(ZQuestion).default([]),
  dependencies: z.array(ZDependency).default([]),
  /** the theme's default rejection policy for its dependencies (each may override it); 'void' unless declared */
  onRefusal: ZRefusalPolicy.optional(),
});
export type TTheme = z.infer<typeof ZTheme>;

// ---------- organisation (loaded with the catalog) ----------
export const ZDivision = z.object({
  code: z.string().regex(/^\d{6}(\d{3})?$/),
  name: zh,
  nameEn: en,
  parent: z.string().optional(),
  level: z.enum(['province', 'city', 'district', 'street', 'community']),
});
export const ZUnit = z.object({
  code,
  name: zh,
  nameEn: en,
  level: z.enum(['province', 'city', 'district', 'street', 'community']),
  kind: z.enum(['department', 'public-utility', 'service-centre', 'police-station', 'social-security-branch', 'government', 'other']),
  division: z.string(),
  parent: code.optional(),
  address: z.string().optional(),
  phone: z.string().optional(),
});
export type TUnit = z.infer<typeof ZUnit>;
export type TDivision = z.infer<typeof ZDivision>;

