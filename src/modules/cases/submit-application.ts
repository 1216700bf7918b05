// Submit (全域统一收件): one validated form becomes, in ONE transaction, the application, a sub-case
// per applicable matter (pinned matter version), the history, an outbox row per released sub-case
// and the audit row — written as one statement (platform/one-statement.ts), so the transaction is a
// single round trip to the database. An idempotency key per applicant makes a retried submit return the same
// application, also when two submits race (the unique constraint decides, the loser reads the winner);
// the same key with another body is refused (409 IDEMPOTENCY_KEY_REUSED). The applicant is who
// signed in (applicant.ts), and the same life event is not applied for twice (life-event.ts).
//
// The unified intake accepts the theme application as soon as its one form is valid (02 → 05 at
// once): from then on its status follows the sub-cases, each unit accepting or refusing its own.
import { createHash, randomUUID } from 'node:crypto';
import type { Actor } from '../../platform/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import type { SubcaseInput } from '../../platform/db-schema.ts';
import { AppError } from '../../platform/errors.ts';
import { writeInOneStatement } from '../../platform/one-statement.ts';
import { auditInsert } from '../audit/index.ts';
import { publishedCatalog, type TDataElement, type TMatter, type TTheme, type ThemeBundle } from '../catalog/index.ts';
import { buildThemeForm, chinaDay, sliceForMatter, validateForm, formInvalid } from '../forms/index.ts';
import { planMaterials, storeMaterialsQueries } from '../forms/index.ts';
import { resolveGuidance } from '../guidance/index.ts';
import { getProfile } from '../identity/index.ts';
import { routeMatters, routingMatterOf } from '../routing/index.ts';
import { applicationMachine, statusCode, subcaseMachine, transition } from './case.machine.ts';
import * as repo from './cases.repo.ts';
import { casesEventsQuery, type TCasesEvent } from './cases.events.ts';
import type { TSubmitApplication } from '../../contract/cases.ts';
import { provisionalClock } from './subcase-clock.ts';
import { applicantOf, verifyEnterpriseAuthority, withApplicantIdentity } from './applicant.ts';
import { assertLifeEventFree, lifeEventKeys } from './life-event.ts';

export type Channel = 'web' | 'mobile' | 'counter' | 'on-behalf';

export interface SubmitResult {
  application: repo.ApplicationRow;
  /** false when an earlier submit with the same idempotency key made it */
  created: boolean;
}

const keyReused = () =>
  new AppError('conflict', 'IDEMPOTENCY_KEY_REUSED', {
    zh: '该提交标识已用于另一份内容不同的申请，请重新提交',
    en: 'This idempotency key was already used for an application with a different content; submit again',
  });

/** Canonical JSON (keys sorted) of the submit body without its key: what one idempotency key answers for. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object')
    return `{${Object.keys(v).filter((k) => (v as Record<string, unknown>)[k] !== undefined).sort().map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`).join(',')}}`;
  return JSON.stringify(v) ?? 'null';
}
export function requestHash(body: TSubmitApplication): string {
  const { idempotencyKey: _key, ...rest } = body;
  return createHash('sha256').update(canonical(rest)).digest('hex');
}

/** The application an earlier submit with the same key made: the same body answers with it, another body is refused. */
async function existing(ctx: AppContext, applicantId: number, body: TSubmitApplication, hash: string): Promise<SubmitResult | undefined> {
  const found = await repo.findApplicationByKey(ctx.database.db, applicantId, body.idempotencyKey);
  if (!found) return undefined;
  if (found.theme_code !== body.themeCode || (found.request_hash !== null && found.request_hash !== hash)) throw keyReused();
  return { application: found, created: false };
}

interface PlannedSubcase {
  matter: TMatter;
  version: number;
  unitCode: string;
  needs: string[];
  inputs: SubcaseInput[];
  data: Record<string, unknown>;
}

/** Each dependency's passed result fields land on the dependent's elements filled from that result (or under "matter:field" when none is). */
function inputsOf(theme: TTheme, matter: TMatter, selected: ReadonlySet<string>, elements: ReadonlyMap<string, TDataElement>): { needs: string[]; inputs: SubcaseInput[] } {
  const deps = theme.dependencies.filter((d) => d.matter === matter.code && selected.has(d.needs));
  const inputs = deps.flatMap((d) =>
    d.passes.map((field) => {
      const target = matter.fields.find((f) => elements.get(f.element)?.prefill.some((p) => p.source === 'matterResult' && p.matter === d.needs && p.field === field));
      return { matter: d.needs, field, element: target?.element ?? `${d.needs}:${field}` };
    }),
  );
  return { needs: [...new Set(deps.map((d) => d.needs))], inputs };
}

/** How the application came in; the counter channel (staff for a present citizen) passes its staff member and, helping on behalf, why. */
export interface Intake {
  channel: Channel;
  staffId: number | null;
  note?: string | null;
}

/**
 * The validation a submit does, without writing anything: the theme serves this applicant, the
 * guidance answers are complete, the applicant's identity elements are their own, the one form is
 * valid, the life event is not already applied for, and an enterprise account is authorised for its
 * enterprise. The counter channel runs it when staff take an application in for a citizen (who
 * confirms later); submit runs it again at the time of the application.
 */
export async function prepareSubmission(ctx: AppContext, actor: Actor, body: TSubmitApplication, at: Date, intake: Intake = { channel: 'web', staffId: null }) {
  const bundle = await publishedCatalog(ctx.database).theme(body.themeCode);
  const applicant = await applicantOf(ctx, actor, bundle.theme, intake);
  const resolution = resolveGuidance(bundle.theme, body.answers);
  if (resolution.pending.length > 0)
    throw new AppError('unprocessable', 'ANSWERS_INCOMPLETE', { zh: '请先回答全部情形引导问题', en: 'Answer every guidance question first' },
      resolution.pending.map((q) => ({ path: `answers.${q}`, code: 'REQUIRED', zh: '请回答该问题', en: 'Answer this question' })));
  // answers under which no matter applies would make an application nobody handles
  if (resolution.matters.length === 0)
    throw new AppError('unprocessable', 'NO_MATTER_APPLIES', {
      zh: '根据您的回答，本主题没有需要办理的事项，无需提交申请',
      en: 'Under your answers no matter of this theme applies: there is nothing to apply for',
    });
  const elements = await publishedCatalog(ctx.database).elements();
  const form = buildThemeForm(bundle, resolution, elements);
  const checked = validateForm(form, withApplicantIdentity(form, body.values, applicant), at);
  if (!checked.ok) throw formInvalid(checked.problems);
  const lifeEvent = lifeEventKeys(bundle.theme, checked.values);
  await assertLifeEventFree(ctx.database.db, bundle.theme, lifeEvent, actor.id);
  const authorised = await verifyEnterpriseAuthority(ctx, actor, applicant, bundle.theme);
  return { bundle, resolution, elements, form, checked, applicant: authorised, lifeEvent };
}

/** The history note of a sub-case that waits for its prerequisites, naming them (not by their codes). */
function waitingNote(bundle: ThemeBundle, needs: string[]): { zh: string; en: string } {
  const names = needs.map((code) => bundle.matters.get(code));
  return {
    zh: `等待前序事项${names.map((m, i) => `“${m?.name ?? needs[i]}”`).join('、')}办结`,
    en: `waiting for ${names.map((m, i) => `"${m?.nameEn ?? m?.name ?? needs[i]}"`).join(', ')} to be completed`,
  };
}

export async function submitApplication(ctx: AppContext, actor: Actor, body: TSubmitApplication, intake: Intake = { channel: 'web', staffId: null }): Promise<SubmitResult> {
  const hash = requestHash(body);
  const again = await existing(ctx, actor.id, body, hash);
  if (again) return again;

  // everything that reads the catalog or computes happens before the transaction
  const at = ctx.now();
  let prepared: Awaited<ReturnType<typeof prepareSubmission>>;
  try {
    prepared = await prepareSubmission(ctx, actor, body, at, intake);
  } catch (err) {
    // a concurrent retry of this very submit committed meanwhile: the life event is its application, and so is the answer
    if (err instanceof AppError && err.code === 'DUPLICATE_APPLICATION') {
      const winner = await existing(ctx, actor.id, body, hash);
      if (winner) return winner;
    }
    throw err;
  }
  const { bundle, resolution, elements, checked, applicant, lifeEvent } = prepared;
  // 材料: uploads the applicant owns, 容缺 / 告知承诺 only where the catalog allows them, with the signed promise
  const materialsPlan = await planMaterials(ctx.database.db, { bundle, resolution, materials: body.materials, promise: body.promise, applicant: { id: actor.id, name: actor.name }, staffId: intake.staffId, at });

  // 智能分发: each matter goes to the unit competent for where the applicant belongs (跨域通办: not where they applied)
  const applicantDivision = (await getProfile(ctx.database.db, actor.id))?.divisionCode ?? null;
  const routes = await routeMatters(
    ctx.database.db,
    resolution.matters.map((code) => routingMatterOf(bundle.matters.get(code)!)),
    applicantDivision,
  );
  const selected = new Set(resolution.matters);
  const planned: PlannedSubcase[] = resolution.matters.map((code) => {
    const matter = bundle.matters.get(code)!;
    const unitCode = routes.get(code)!.unitCode;
    return { matter, version: bundle.matterVersions[code]!, unitCode, ...inputsOf(bundle.theme, matter, selected, elements), data: sliceForMatter(matter, checked.values) };
  });
  // provisional due times (promised and legal), as if accepted now; the notice setting is cached a second
  const noticeWorkdays = await repo.noticeWorkdays(ctx.database.db, at);
  const provisional = new Map(planned.map((p) => [p.matter.code, provisionalClock({ time_limit: p.matter.promisedLimit, legal_limit: p.matter.legalLimit, warning_level: 'none' }, at, noticeWorkdays)]));
  const delivery = {
    way: body.delivery.way,
    address: body.delivery.way === 'express' ? body.delivery.address : null,
    counter: body.delivery.way === 'counter' ? body.delivery.counter : null,
  };

  try {
    const db = ctx.database.db;
    const received = transition(applicationMachine, 'draft', 'submit');
    const accepted = transition(applicationMachine, received, 'accept');
    const appId = randomUUID();
    const system = { actorId: null, actorRole: 'system', at };
    const history: repo.HistoryEntry[] = [
      { caseKind: 'application', caseId: appId, applicationId: appId, from: statusCode('draft'), to: statusCode(received), event: 'submit', actorId: actor.id, actorRole: actor.role, at },
      { caseKind: 'application', caseId: appId, applicationId: appId, from: statusCode(received), to: statusCode(accepted), event: 'accept', ...system, note: { zh: '统一收件受理，分发至各承办单位', en: 'accepted by the unified intake and dispatched' } },
    ];
    const subcases: repo.NewSubcase[] = [];
    const events: TCasesEvent[] = [];
    for (const [seq, p] of planned.entries()) {
      const release = p.needs.length === 0;
      const sub: repo.NewSubcase = {
        id: randomUUID(), applicationId: appId, seq, matterCode: p.matter.code, matterVersion: p.version, matterName: p.matter.name, unitCode: p.unitCode,
        status: statusCode(release ? transition(subcaseMachine, 'draft', 'receive') : 'draft'), data: p.data, elements: p.matter.fields.map((f) => f.element),
        inputs: p.inputs, timeLimit: p.matter.promisedLimit, legalLimit: p.matter.legalLimit, promisedAt: release ? provisional.get(p.matter.code)!.promised_at ?? null : null,
        releasedAt: release ? at : null, needs: p.needs, at, ...(release ? { clock: provisional.get(p.matter.code)! } : {}),
      };
      subcases.push(sub);
      history.push({ caseKind: 'subcase', caseId: sub.id, applicationId: appId, from: null, to: statusCode('draft'), event: 'submit', ...system, note: release ? null : waitingNote(bundle, sub.needs) });
      if (release) {
        history.push({ caseKind: 'subcase', caseId: sub.id, applicationId: appId, from: statusCode('draft'), to: sub.status, event: 'receive', ...system, note: { zh: '分发至承办单位', en: 'dispatched to the unit' } });
        events.push({ type: 'subcase.released', subcaseId: sub.id, applicationId: appId, matterCode: sub.matterCode, unitCode: sub.unitCode });
      }
    }
    // the applicant hears once that the application was received, with its number
    events.push({ type: 'application.submitted', applicationId: appId });
    const eventRows = casesEventsQuery(events, at);
    const levelRows = repo.insertClockLevelsQuery(subcases);
    // ONE statement (one implicit transaction, one round trip): the sub-cases and their level rows, their history, the
    // outbox, the materials and the audit row, written with the application they belong to
    const { rows } = await writeInOneStatement<repo.ApplicationRow>(
      db,
      [
        repo.insertSubcasesQuery(subcases),
        ...(levelRows ? [levelRows] : []),
        repo.appendHistoryQuery(history),
        ...(eventRows ? [eventRows] : []),
        ...storeMaterialsQueries(db, appId, actor.id, bundle.theme.code, materialsPlan, at),
        auditInsert(db, {
          actorId: actor.id, actorRole: actor.role, action: 'case.application.submit', targetType: 'application', targetId: appId,
          detail: {
            themeCode: bundle.theme.code, themeVersion: bundle.version, channel: intake.channel, matters: resolution.matters,
            applicantKind: applicant.kind, actingBasis: applicant.basis, ...(applicant.subjectCreditCode ? { subjectCreditCode: applicant.subjectCreditCode } : {}),
          },
        }),
      ],
      repo.insertApplicationQuery(db, {
        id: appId, day: chinaDay(at), themeCode: bundle.theme.code, themeVersion: bundle.version,
        applicantId: actor.id, channel: intake.channel, staffId: intake.staffId,
        status: statusCode(accepted), answers: resolution.answers, delivery, idempotencyKey: body.idempotencyKey, requestHash: hash,
        applicant: { kind: applicant.kind, subjectCreditCode: applicant.subjectCreditCode, basis: applicant.basis, note: applicant.note }, lifeEventKeys: lifeEvent, at,
      }),
    );
    return { application: rows[0]!, created: true };
  } catch (err) {
    // a concurrent submit with the same key won the unique constraint: answer with its application
    if ((err as { code?: unknown }).code === '23505') {
      const winner = await existing(ctx, actor.id, body, hash);
      if (winner) return winner;
    }
    throw err;
  }
}
