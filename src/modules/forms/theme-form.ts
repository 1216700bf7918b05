// The one form of a theme for one person: the matters the answers select, every data element once,
// prefilled from the person's real-name profile and the data hub's registries, each value with its
// origin, and the merged materials. A registry that is down or slow never breaks the form: its
// values are simply not prefilled and the form says why (prefillProblems).
import type { Actor } from '../../platform/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { recordAudit } from '../audit/index.ts';
import { publishedCatalog } from '../catalog/index.ts';
import { createDatahubClient, DatahubError, findDatahubResource, type DatahubLookupEvent, type DatahubRecord, type LookupKey, type TDatahubResourceCode } from '../datahub/index.ts';
import { resolveGuidance, type TAnswers } from '../guidance/index.ts';
import { findUserByIdNumber, getProfile, type TProfile } from '../identity/index.ts';
import { buildThemeForm, prefillForm, type PrefillSources } from './build-form.ts';
import { formMaterials, materialView } from './form-materials.ts';
import type { TFormElementView, TPrefillProblem, TThemeFormView } from '../../contract/forms.ts';

/** short: a person waits for the form; a slow registry is skipped, not waited for */
const LOOKUP_TIMEOUT_MS = 1_500;
const LOOKUP_RETRIES = 1;

export const answersIncomplete = (pending: readonly string[]) =>
  new AppError('unprocessable', 'ANSWERS_INCOMPLETE', { zh: '请先回答全部情形引导问题', en: 'Answer every guidance question first' },
    pending.map((q) => ({ path: `answers.${q}`, code: 'REQUIRED', zh: '请回答该问题', en: 'Answer this question' })));

/** Whose data prefill the form: the signed-in person, or (counter) the citizen at the counter. */
interface Subject {
  userId: number | null;
  idNumber: string | null;
  creditCode: string | null;
  profile: TProfile | undefined;
}

async function subjectOf(ctx: AppContext, actor: Actor, applicantIdNumber: string | undefined): Promise<Subject> {
  if (actor.role === 'counter') {
    if (!applicantIdNumber)
      throw new AppError('bad_request', 'APPLICANT_ID_REQUIRED', { zh: '窗口代填须提供申请人公民身份号码', en: 'Counter staff must give the applicant’s ID number' }, [
        { path: 'body.applicantIdNumber', code: 'REQUIRED', zh: '请填写申请人公民身份号码', en: 'The applicant’s ID number is required' },
      ]);
    const user = await findUserByIdNumber(ctx.database.db, applicantIdNumber);
    const profile = user ? await getProfile(ctx.database.db, user.id) : undefined;
    await recordAudit(ctx.database.db, {
      actorId: actor.id, actorRole: actor.role, action: 'forms.counter.prefill', targetType: 'user', targetId: user?.id ?? null,
      reason: '窗口为到场申请人预填一次表单 / counter prefill for the applicant present',
      detail: { applicantIdNumber: maskId(applicantIdNumber), known: Boolean(user), unitCode: actor.unitCode },
    });
    return { userId: user?.id ?? null, idNumber: applicantIdNumber, creditCode: profile?.creditCode ?? null, profile };
  }
  if (applicantIdNumber)
    throw new AppError('bad_request', 'APPLICANT_ID_NOT_ALLOWED', { zh: '只有窗口工作人员可以为他人预填', en: 'Only counter staff may prefill for someone else' });
  const profile = await getProfile(ctx.database.db, actor.id);
  return { userId: actor.id, idNumber: profile?.idNumber ?? null, creditCode: actor.creditCode ?? profile?.creditCode ?? null, profile };
}

import { maskIdNumber as maskId } from '../../platform/identifiers.ts';
export { maskId };

function profileSource(p: TProfile | undefined): PrefillSources['profile'] {
  if (!p) return undefined;
  const v = (s: string | null) => s ?? undefined;
  return {
    name: p.name, idNumber: v(p.idNumber), phone: v(p.phone), email: v(p.email), address: v(p.address), divisionCode: v(p.divisionCode),
    enterpriseName: v(p.enterpriseName), creditCode: v(p.creditCode),
  };
}

function keyFor(resource: TDatahubResourceCode, subject: Subject, actor: Actor): LookupKey | undefined {
  const r = findDatahubResource(resource);
  if (!r) return undefined;
  const enterprise = actor.role === 'enterprise' || (actor.role === 'counter' && resource === 'company');
  if (subject.creditCode && r.lookupKeys.includes('creditCode') && (enterprise || !r.lookupKeys.includes('idNumber'))) return { creditCode: subject.creditCode };
  if (subject.idNumber && r.lookupKeys.includes('idNumber')) return { idNumber: subject.idNumber };
  return undefined;
}

const isScalar = (v: unknown): v is string | number | boolean => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';

export async function themeFormFor(ctx: AppContext, actor: Actor, themeCode: string, rawAnswers: TAnswers, applicantIdNumber?: string): Promise<TThemeFormView> {
  const catalog = publishedCatalog(ctx.database);
  const bundle = await catalog.theme(themeCode);
  const resolution = resolveGuidance(bundle.theme, rawAnswers);
  if (resolution.pending.length > 0) throw answersIncomplete(resolution.pending);
  const elements = await catalog.elements();
  const form = buildThemeForm(bundle, resolution, elements);
  const subject = await subjectOf(ctx, actor, applicantIdNumber);
  const problems: TPrefillProblem[] = [];

  // every registry some element may be prefilled from, asked once each, in parallel; the lookup is
  // made for the unit of the first matter that needs it (x-requester) with the cause (x-purpose)
  const unitOf = (matter: string) => bundle.matters.get(matter)?.unit ?? 'city-data';
  const wanted = new Map<TDatahubResourceCode, string>();
  for (const e of form.elements) {
    if (e.producedBy) continue;
    for (const s of e.prefill)
      if (s.source === 'datahub' && !wanted.has(s.resource as TDatahubResourceCode)) wanted.set(s.resource as TDatahubResourceCode, unitOf(e.matters[0] ?? form.matters[0]!.code));
  }
  const records = new Map<string, DatahubRecord>();
  if (wanted.size > 0 && !ctx.config.registryUrl) {
    problems.push({ source: 'datahub', code: 'DATAHUB_NOT_CONFIGURED', zh: '数据共享服务未接入，相关信息请手工填写', en: 'The data hub is not connected; fill these in by hand' });
  } else if (wanted.size > 0) {
    const purpose = `预填一次表单：主题 ${bundle.theme.code}，申请人 ${subject.userId ?? maskId(subject.idNumber ?? '')} / prefill theme form ${bundle.theme.code} for applicant ${subject.userId ?? 'at the counter'}`.slice(0, 200);
    const audit = (e: DatahubLookupEvent) =>
      recordAudit(ctx.database.db, {
        actorId: actor.id, actorRole: actor.role, action: 'datahub.lookup', targetType: 'datahub-resource', targetId: e.resource, reason: e.purpose,
        detail: {
          resource: e.resource, keyKind: e.keyKind, key: e.keyKind === 'idNumber' ? maskId(e.key) : e.key, requesterUnit: e.requesterUnit, outcome: e.outcome,
          attempts: e.attempts, durationMs: e.durationMs, status: e.status ?? null, subjectUserId: subject.userId, themeCode: bundle.theme.code,
        },
      });
    await Promise.all([...wanted].map(async ([resource, unit]) => {
      const key = keyFor(resource, subject, actor);
      if (!key) return; // nothing to look up by (e.g. a company registry for a person)
      const client = createDatahubClient({ baseUrl: ctx.config.registryUrl!, requesterUnit: unit, timeoutMs: LOOKUP_TIMEOUT_MS, retries: LOOKUP_RETRIES, backoffMs: 50, onLookup: audit });
      try {
        const record = await client.lookup(resource, key, purpose);
        if (record) records.set(resource, record);
      } catch (err) {
        if (!(err instanceof DatahubError)) {
          ctx.log.error({ err, resource }, 'datahub prefill failed');
          problems.push({ source: resource, code: 'DATAHUB_UNAVAILABLE', zh: `“${findDatahubResource(resource)?.name.zh ?? resource}”暂时无法访问，相关信息请手工填写`, en: `"${findDatahubResource(resource)?.name.en ?? resource}" is unavailable; fill these in by hand` });
          return;
        }
        problems.push({ source: resource, code: err.code, zh: err.zh, en: err.en });
      }
    }));
  }

  const prefilled = prefillForm(form, {
    profile: profileSource(subject.profile),
    datahub: (resource, field) => {
      const v = records.get(resource)?.[field];
      return isScalar(v) ? v : undefined;
    },
  });

  // the applicant's own identity (a person's name and ID number; an enterprise account's enterprise): shown, not changeable
  const side = actor.role === 'enterprise' ? 'enterprise' : 'person';
  const view: TFormElementView[] = form.elements.map((e) => {
    const o = prefilled.origins[e.code];
    const raw = prefilled.values[e.code];
    const origin = o
      ? { kind: o.source.source, source: o.source.source === 'profile' ? 'profile' : o.source.source === 'datahub' ? o.source.resource : o.source.matter, name: o.label }
      : null;
    return {
      code: e.code,
      label: { zh: e.element.name, en: e.element.nameEn },
      type: e.element.type,
      required: e.required,
      hint: e.element.hint ? { zh: e.element.hint, en: e.element.hintEn ?? e.element.hint } : null,
      ...(e.element.options ? { options: e.element.options.map((x) => ({ value: x.value, label: { zh: x.label, en: x.labelEn } })) } : {}),
      ...(e.element.maxLength ? { maxLength: e.element.maxLength } : {}),
      matters: e.matters,
      producedBy: e.producedBy ?? null,
      readOnly: !e.producedBy && e.element.applicantIdentity === side,
      value: isScalar(raw) ? raw : null,
      origin: isScalar(raw) ? origin : null,
    };
  });

  const unitName = (code: string) => {
    const u = bundle.unitNames.get(code);
    return { zh: u?.name ?? code, en: u?.nameEn ?? code };
  };
  return {
    theme: { code: bundle.theme.code, version: bundle.version, name: { zh: bundle.theme.name, en: bundle.theme.nameEn } },
    matters: form.matters.map((m) => ({ ...m, unit: { code: unitOf(m.code), name: unitName(unitOf(m.code)) } })),
    groups: form.groups,
    elements: view,
    materials: formMaterials(bundle, resolution).map(materialView),
    prefillProblems: problems,
  };
}
