// The applicant is who signed in (申请人即登录人). A theme serves the applicant kinds its catalog entry
// declares; a person applies as themselves — the elements the catalog marks as the applicant's
// identity (name, ID number) are the real-name profile's and cannot be changed; an enterprise
// account acts only for the enterprise it is bound to, and only while the enterprise registry names
// the signed-in person its legal representative or an authorised agent. Acting for someone else is
// explicit: the child of the newborn theme is its own subject (child.* elements), counter staff take
// an application in for a citizen present (channel counter / on-behalf, with the staff member).
import type { Actor } from '../../platform/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError, type ErrorDetail } from '../../platform/errors.ts';
import { recordAudit } from '../audit/index.ts';
import { APPLICANT_KIND_NAME, applicantKindsOf, type TApplicantKind, type TTheme } from '../catalog/index.ts';
import { createDatahubClient, DatahubError, type DatahubLookupEvent } from '../datahub/index.ts';
import { maskId, type ThemeForm } from '../forms/index.ts';
import { getProfile, type TProfile } from '../identity/index.ts';

export type ActingBasis = 'self' | 'legal-representative' | 'authorised-agent' | 'counter' | 'on-behalf';

/** For whom an application is made and on what basis: recorded on the application. */
export interface Applicant {
  kind: TApplicantKind;
  /** the enterprise (or project owner) the account acts for */
  subjectCreditCode: string | null;
  /** null: an enterprise account's binding, not checked against a registry (none configured) */
  basis: ActingBasis | null;
  note: string | null;
  profile: TProfile;
}

/** short: the applicant waits for the submit; the registry's own timeouts and one retry */
const REGISTRY_TIMEOUT_MS = 2_000;
const REGISTRY_RETRIES = 1;

const kindNotServed = (served: readonly TApplicantKind[]) => {
  const list = (lang: 'zh' | 'en') => served.map((k) => APPLICANT_KIND_NAME[k][lang]).join(lang === 'zh' ? '、' : ' or ');
  return new AppError('forbidden', 'APPLICANT_KIND_NOT_SERVED', {
    zh: `本主题只受理${list('zh')}的申请，请使用相应的账号办理`,
    en: `This theme is applied for by ${list('en')} only: use such an account`,
  });
};

const notVerified = () =>
  new AppError('forbidden', 'REAL_NAME_REQUIRED', { zh: '请先完成实名认证再申请办理', en: 'Complete real-name verification before applying' });

const notAuthorised = () =>
  new AppError('forbidden', 'ENTERPRISE_NOT_AUTHORISED', {
    zh: '您不是该企业的法定代表人或授权经办人，不能以该企业名义申请',
    en: 'You are neither the legal representative nor an authorised agent of this enterprise, so you cannot apply for it',
  });

const registryUnavailable = () =>
  new AppError('unavailable', 'ENTERPRISE_REGISTRY_UNAVAILABLE', {
    zh: '企业登记信息暂时无法核验，请稍后再提交',
    en: 'The enterprise registry cannot be reached to check your authorisation; submit again later',
  });

/** The kinds an account may apply as: a citizen for themselves; an enterprise account for its enterprise, also as a project owner. */
function kindOf(actor: Actor, served: readonly TApplicantKind[]): TApplicantKind | undefined {
  if (actor.role === 'citizen') return served.includes('person') ? 'person' : undefined;
  if (actor.role === 'enterprise') return served.find((k) => k === 'enterprise' || k === 'project-owner');
  return undefined;
}

/** Who applies: the kind the theme serves for this account, and the account's real-name profile. */
export async function applicantOf(ctx: AppContext, actor: Actor, theme: TTheme, intake: { channel: string; note?: string | null }): Promise<Applicant> {
  const served = applicantKindsOf(theme);
  const kind = kindOf(actor, served);
  if (!kind) throw kindNotServed(served);
  const profile = await getProfile(ctx.database.db, actor.id);
  if (!profile) throw notVerified();
  if (kind === 'person') {
    const basis: ActingBasis = intake.channel === 'counter' ? 'counter' : intake.channel === 'on-behalf' ? 'on-behalf' : 'self';
    return { kind, subjectCreditCode: null, basis, note: intake.note ?? null, profile };
  }
  if (!profile.creditCode) throw notAuthorised();
  return { kind, subjectCreditCode: profile.creditCode, basis: null, note: null, profile };
}

const norm = (v: unknown) => (typeof v === 'string' ? v.trim().toUpperCase() : v);
const blank = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

/**
 * The values with the applicant's identity elements taken from the profile: a blank one is filled
 * in (the form shows them read-only), one that differs is refused — nobody applies as someone else.
 */
export function withApplicantIdentity(form: ThemeForm, values: Readonly<Record<string, unknown>>, applicant: Applicant): Record<string, unknown> {
  const out: Record<string, unknown> = { ...values };
  const wrong: ErrorDetail[] = [];
  const side = applicant.kind === 'person' ? 'person' : 'enterprise';
  for (const e of form.elements) {
    if (e.producedBy || e.element.applicantIdentity !== side) continue;
    const source = e.element.prefill.find((s) => s.source === 'profile');
    if (source?.source !== 'profile') continue;
    const own = applicant.profile[source.field];
    if (blank(own)) {
      if (side === 'person') throw notVerified();
      continue;
    }
    const given = Object.hasOwn(values, e.code) ? values[e.code] : undefined;
    if (blank(given)) out[e.code] = own;
    else if (norm(given) !== norm(own))
      wrong.push({ path: e.code, code: 'NOT_THE_APPLICANT', zh: `“${e.element.name}”须与实名认证信息一致，不能修改`, en: `${e.element.nameEn} must be the one of your verified profile; it cannot be changed` });
  }
  if (wrong.length > 0)
    throw new AppError('forbidden', 'APPLICANT_IDENTITY_MISMATCH', side === 'person'
      ? { zh: '申请人身份信息与您的实名认证信息不一致：只能以本人身份申请；为他人办理请到窗口办理或由其本人申请', en: "The applicant's identity differs from your verified profile: you can only apply as yourself; for someone else, apply at a counter or let them apply" }
      : { zh: '企业信息与您账号绑定的企业不一致：只能以您获授权的企业名义申请', en: 'The enterprise differs from the one your account is bound to: you can only apply for an enterprise you are authorised for' },
    wrong);
  return out;
}

/**
 * An enterprise account's authority, asked of the enterprise registry (企业登记, through the data
 * hub, audited with its cause): the signed-in person is the legal representative or an authorised
 * agent. Without a registry configured (a development set-up) only the account's binding counts.
 */
export async function verifyEnterpriseAuthority(ctx: AppContext, actor: Actor, applicant: Applicant, theme: TTheme): Promise<Applicant> {
  if (applicant.kind === 'person' || !applicant.subjectCreditCode) return applicant;
  if (!ctx.config.registryUrl) return { ...applicant, basis: null, note: '未接入企业登记信息，按账号绑定受理 / no enterprise registry configured: the account binding only' };
  const idNumber = applicant.profile.idNumber;
  if (!idNumber) throw notAuthorised();
  const audit = (e: DatahubLookupEvent) =>
    recordAudit(ctx.database.db, {
      actorId: actor.id, actorRole: actor.role, action: 'datahub.lookup', targetType: 'datahub-resource', targetId: e.resource, reason: e.purpose,
      detail: { resource: e.resource, keyKind: e.keyKind, key: e.key, requesterUnit: e.requesterUnit, outcome: e.outcome, attempts: e.attempts, durationMs: e.durationMs, status: e.status ?? null, themeCode: theme.code },
    });
  const client = createDatahubClient({ baseUrl: ctx.config.registryUrl, requesterUnit: theme.leadUnits[0]!, timeoutMs: REGISTRY_TIMEOUT_MS, retries: REGISTRY_RETRIES, backoffMs: 50, onLookup: audit });
  const purpose = `核验企业授权：主题 ${theme.code}，经办人 ${maskId(idNumber)} / check the authority to apply for theme ${theme.code}`;
  let record;
  try {
    record = await client.lookup('company', { creditCode: applicant.subjectCreditCode }, purpose);
  } catch (err) {
    if (err instanceof DatahubError && err.code !== 'DATAHUB_UNAVAILABLE') throw notAuthorised();
    ctx.log.warn({ err }, 'enterprise registry unavailable for the authority check');
    throw registryUnavailable();
  }
  if (!record) throw notAuthorised();
  const same = (v: unknown) => typeof v === 'string' && v.toUpperCase() === idNumber.toUpperCase();
  if (same(record.legalRepIdNumber)) return { ...applicant, basis: 'legal-representative' };
  const agents = Array.isArray(record.authorisedAgents) ? (record.authorisedAgents as Array<{ idNumber?: unknown }>) : [];
  if (agents.some((a) => same(a?.idNumber))) return { ...applicant, basis: 'authorised-agent' };
  throw notAuthorised();
}
