// The bundle engine (一次联办): after a sub-case changes, release the dependents whose needs are all
// met (passing on the result fields the theme declares), apply the theme's rejection policy to the
// dependents of a refused need, and keep the application's one status; the application completes,
// with one 'application.completed' outbox row, when every sub-case is final (一次送达).
//
// Rejection policy, declared by the theme (per dependency, or as the theme's default; the version
// pinned on the application): when a needed sub-case ends other than approved (rejected, not
// accepted, voided, withdrawn), the dependent is
//   'void'     — voided (12 作废办结), the default: it needs the prerequisite's approved result; its own
//                dependents then follow their policy in turn;
//   'continue' — released to its unit anyway once every need is final, without the refused one's result.
// The applicant is told the theme's message (or the platform's words) through the history note, the
// sub-case result and the final notification.
import type { Actor } from '../../platform/actor.ts';
import type { Tx } from '../../platform/db.ts';
import {
  CASE_STATUSES, FOLLOWS_SUBCASES, followSubcases, isFinal, statusCode, statusOfCode, subcaseMachine, transition, type CaseStatus,
} from './case.machine.ts';
import * as repo from './cases.repo.ts';
import { emitCasesEvents } from './cases.events.ts';
import { provisionalClock } from './subcase-clock.ts';
import { getMatterVersions, getThemeVersion, refusalPolicy, refusalText, type EffectiveRefusalPolicy, type TTheme } from '../catalog/index.ts';

export const statusOf = (code: string): CaseStatus => {
  const s = statusOfCode(code);
  if (!s) throw new Error(`unknown case status code ${code}`);
  return s;
};

/** A need is met by a sub-case finished with an approval (its result holds the fields to pass on). */
const approved = (s: repo.SubcaseRow): boolean => s.status === statusCode('completed') && s.result?.decision === 'approved';

/** Data passed from the results of the sub-cases a dependent needs: element → value. */
export function passedData(sub: repo.SubcaseRow, byMatter: ReadonlyMap<string, repo.SubcaseRow>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const i of sub.inputs) {
    const fields = byMatter.get(i.matter)?.result?.fields as Record<string, unknown> | undefined;
    if (fields && Object.hasOwn(fields, i.field)) out[i.element] = fields[i.field];
  }
  return out;
}

/** The theme version pinned on the application, read once per call and only when a need was refused. */
function pinnedTheme(tx: Tx, app: repo.ApplicationRow): () => Promise<TTheme | undefined> {
  let theme: Promise<TTheme | undefined> | undefined;
  return () => (theme ??= getThemeVersion(tx, app.theme_code, app.theme_version).then((t) => t?.doc));
}

type Names = ReadonlyMap<string, { zh: string; en: string }>;
type Text = { zh: string; en: string };

/** The names of the application's matters in both languages (the versions pinned on its sub-cases), read once and only when a need was refused. */
function matterNames(tx: Tx, subs: readonly repo.SubcaseRow[]): () => Promise<Names> {
  let names: Promise<Names> | undefined;
  return () =>
    (names ??= getMatterVersions(tx, Object.fromEntries(subs.map((s) => [s.matter_code, s.matter_version]))).then((docs) =>
      new Map(subs.map((s) => [s.matter_code, { zh: s.matter_name, en: docs.get(s.matter_code)?.nameEn ?? s.matter_name }])),
    ));
}

/**
 * What became of a refused need, in words: 不予批准 (rejected), 不予受理 (not accepted), 已撤回, or — when
 * it was itself voided — the matter at the start of the chain that was really refused.
 */
function outcomeOf(need: repo.SubcaseRow, byMatter: ReadonlyMap<string, repo.SubcaseRow>, names: Names): Text {
  const status = statusOf(need.status);
  if (status === 'completed' && need.result?.decision === 'rejected') return { zh: '不予批准', en: 'was refused' };
  if (status === 'notAccepted') return { zh: '不予受理', en: 'was not accepted' };
  if (status === 'withdrawn') return { zh: '已撤回', en: 'was withdrawn' };
  if (status === 'voided') {
    let root: repo.SubcaseRow | undefined = need;
    for (const seen = new Set<string>(); root && statusOf(root.status) === 'voided' && !seen.has(root.matter_code); ) {
      seen.add(root.matter_code);
      root = byMatter.get(String(root.result?.prerequisite ?? ''));
    }
    if (!root || statusOf(root.status) === 'voided') return { zh: '已作废', en: 'was voided' };
    const how = outcomeOf(root, byMatter, names);
    const n = names.get(root.matter_code)!;
    return { zh: `因前序事项“${n.zh}”${how.zh}已作废`, en: `was voided because "${n.en}" ${how.en}` };
  }
  const s = CASE_STATUSES[status];
  return { zh: s.zh, en: `ended ${s.en}` };
}

// Notes in each language apart (a Chinese screen shows only the Chinese), naming matters by their names
const policyText = (policy: EffectiveRefusalPolicy, need: repo.SubcaseRow, sub: repo.SubcaseRow, names: Names): Text | undefined =>
  policy.message
    ? {
        zh: refusalText(policy.message.zh, { prerequisite: names.get(need.matter_code)!.zh, matter: names.get(sub.matter_code)!.zh }),
        en: refusalText(policy.message.en, { prerequisite: names.get(need.matter_code)!.en, matter: names.get(sub.matter_code)!.en }),
      }
    : undefined;

const voidNote = (failed: repo.SubcaseRow, sub: repo.SubcaseRow, policy: EffectiveRefusalPolicy, byMatter: ReadonlyMap<string, repo.SubcaseRow>, names: Names): Text => {
  const how = outcomeOf(failed, byMatter, names);
  const n = names.get(failed.matter_code)!;
  return policyText(policy, failed, sub, names) ?? { zh: `前序事项“${n.zh}”${how.zh}，本事项无法办理`, en: `the prerequisite "${n.en}" ${how.en}, so this matter cannot proceed` };
};

const continueNote = (refused: Array<{ need: repo.SubcaseRow; policy: EffectiveRefusalPolicy }>, sub: repo.SubcaseRow, byMatter: ReadonlyMap<string, repo.SubcaseRow>, names: Names): Text => {
  const parts = refused.map(({ need, policy }): Text => {
    const how = outcomeOf(need, byMatter, names);
    const n = names.get(need.matter_code)!;
    return policyText(policy, need, sub, names) ?? { zh: `前序事项“${n.zh}”${how.zh}，本事项继续办理（不含其办理结果）`, en: `the prerequisite "${n.en}" ${how.en}; this matter goes on without its result` };
  });
  return { zh: `${parts.map((p) => p.zh).join('；')}（分发至承办单位）`, en: `${parts.map((p) => p.en).join('; ')} (released to the unit)` };
};

export async function afterSubcaseChange(tx: Tx, app: repo.ApplicationRow, actor: Actor | null, at: Date): Promise<void> {
  const subs = await repo.listSubcases(tx, app.id);
  const byMatter = new Map(subs.map((s) => [s.matter_code, s]));
  const who = { actorId: actor?.id ?? null, actorRole: actor?.role ?? 'system' };
  const theme = pinnedTheme(tx, app);
  const names = matterNames(tx, subs);
  const policyOf = async (sub: repo.SubcaseRow, need: repo.SubcaseRow): Promise<EffectiveRefusalPolicy> => {
    const t = await theme();
    return t ? refusalPolicy(t, sub.matter_code, need.matter_code) : { effect: 'void', message: undefined };
  };

  for (let changed = true; changed; ) {
    changed = false;
    for (const sub of subs) {
      if (sub.status !== statusCode('draft')) continue;
      const needs = sub.needs.map((m) => byMatter.get(m)).filter((s): s is repo.SubcaseRow => s !== undefined);
      const refused: Array<{ need: repo.SubcaseRow; policy: EffectiveRefusalPolicy }> = [];
      for (const n of needs) if (isFinal(statusOf(n.status)) && !approved(n)) refused.push({ need: n, policy: await policyOf(sub, n) });
      const voiding = refused.find((r) => r.policy.effect === 'void');
      if (voiding) {
        const to = statusCode(transition(subcaseMachine, 'draft', 'void'));
        const note = voidNote(voiding.need, sub, voiding.policy, byMatter, await names());
        const result = { decision: 'voided', reason: note.zh, reasonEn: note.en, prerequisite: voiding.need.matter_code, policy: 'void' };
        await repo.updateSubcaseIf(tx, sub.id, sub.status, { status: to, result, at });
        await repo.appendHistory(tx, [{ caseKind: 'subcase', caseId: sub.id, applicationId: app.id, from: sub.status, to, event: 'void', ...who, note, at }]);
        Object.assign(sub, { status: to, result });
        changed = true;
      } else if (needs.every((n) => approved(n) || refused.some((r) => r.need === n))) {
        // every need is final: approved, or refused with 'continue'
        const to = statusCode(transition(subcaseMachine, 'draft', 'receive'));
        const approvedOnly = new Map([...byMatter].filter(([, s]) => approved(s)));
        const data = { ...sub.data, ...passedData(sub, approvedOnly) };
        const clockColumns = provisionalClock(sub, at, await repo.noticeWorkdays(tx, at));
        const promisedAt = clockColumns.promised_at ?? null;
        const note = refused.length === 0 ? { zh: '前序事项已办结，分发至承办单位', en: 'released to the unit' } : continueNote(refused, sub, byMatter, await names());
        await repo.updateSubcaseIf(tx, sub.id, sub.status, { status: to, data, clockColumns, releasedAt: at, at });
        await repo.appendHistory(tx, [{ caseKind: 'subcase', caseId: sub.id, applicationId: app.id, from: sub.status, to, event: 'receive', ...who, note, at }]);
        await emitCasesEvents(tx, {
          type: 'subcase.released', subcaseId: sub.id, applicationId: app.id, matterCode: sub.matter_code, unitCode: sub.unit_code,
          ...(refused.length ? { withoutResultsOf: refused.map((r) => r.need.matter_code) } : {}),
        }, at);
        Object.assign(sub, { status: to, data, ...clockColumns, promised_at: promisedAt, released_at: at });
        changed = true;
      }
    }
  }

  const current = statusOf(app.status);
  if (!FOLLOWS_SUBCASES.has(current)) return; // e.g. withdrawn: its own status
  const next = followSubcases(current, subs.map((s) => statusOf(s.status)), { wasAccepted: true });
  if (next === current) {
    await repo.touchApplication(tx, app.id, at);
    return;
  }
  const to = statusCode(next);
  await repo.updateApplicationIf(tx, app.id, app.status, to, at); // the row is locked: it cannot have moved
  await repo.appendHistory(tx, [{ caseKind: 'application', caseId: app.id, applicationId: app.id, from: app.status, to, event: 'followSubcases', ...who, at }]);
  if (isFinal(next)) {
    // 一次送达: one event for the whole application, with every result together
    await emitCasesEvents(tx, {
      type: 'application.completed',
      applicationId: app.id,
      number: app.number,
      applicantId: app.applicant_id,
      status: to,
      delivery: { way: app.delivery_way, address: app.delivery_address, counter: app.delivery_counter },
      results: subs.map((s) => ({ subcaseId: s.id, matterCode: s.matter_code, status: s.status, result: s.result })),
    }, at);
  }
}
