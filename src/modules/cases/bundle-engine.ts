// The bundle engine (一次联办): after a sub-case changes, release the dependents whose needs are all
// met (passing on the result fields the theme declares), void the dependents of a refused or
// abandoned need, and keep the application's one status; the application completes, with one
// 'application.completed' outbox row, when every sub-case is final (一次送达).
//
// Rejection policy (the same for every theme until the catalog can declare one per theme): a
// dependent needs its prerequisite's *approved* result, so when a needed sub-case ends any other
// way (rejected, not accepted, voided, withdrawn) the dependent is voided (12 作废办结) with a
// reason naming the prerequisite, and so are its own dependents in turn. The applicant is told
// through the history note and the final notification.
import type { Actor } from '../../platform/actor.ts';
import type { Tx } from '../../platform/db.ts';
import {
  CASE_STATUSES, FOLLOWS_SUBCASES, followSubcases, isFinal, statusCode, statusOfCode, subcaseMachine, transition, type CaseStatus,
} from './case.machine.ts';
import * as repo from './cases.repo.ts';
import { provisionalPromisedAt } from './subcase-clock.ts';

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

export async function afterSubcaseChange(tx: Tx, app: repo.ApplicationRow, actor: Actor | null, at: Date): Promise<void> {
  const subs = await repo.listSubcases(tx, app.id);
  const byMatter = new Map(subs.map((s) => [s.matter_code, s]));
  const who = { actorId: actor?.id ?? null, actorRole: actor?.role ?? 'system' };

  for (let changed = true; changed; ) {
    changed = false;
    for (const sub of subs) {
      if (sub.status !== statusCode('draft')) continue;
      const needs = sub.needs.map((m) => byMatter.get(m)).filter((s): s is repo.SubcaseRow => s !== undefined);
      const failed = needs.find((n) => isFinal(statusOf(n.status)) && !approved(n));
      if (failed) {
        const to = statusCode(transition(subcaseMachine, 'draft', 'void'));
        const s = CASE_STATUSES[statusOf(failed.status)];
        const note = `前序事项“${failed.matter_name}”${s.zh}，本事项无法办理 / the prerequisite "${failed.matter_code}" ended ${s.en}, so this matter cannot proceed`;
        await repo.updateSubcaseIf(tx, sub.id, sub.status, { status: to, result: { decision: 'voided', reason: note }, at });
        await repo.appendHistory(tx, [{ caseKind: 'subcase', caseId: sub.id, applicationId: app.id, from: sub.status, to, event: 'void', ...who, note, at }]);
        Object.assign(sub, { status: to, result: { decision: 'voided', reason: note } });
        changed = true;
      } else if (needs.every(approved)) {
        const to = statusCode(transition(subcaseMachine, 'draft', 'receive'));
        const data = { ...sub.data, ...passedData(sub, byMatter) };
        const promisedAt = provisionalPromisedAt(sub.time_limit, at);
        await repo.updateSubcaseIf(tx, sub.id, sub.status, { status: to, data, promisedAt, releasedAt: at, at });
        await repo.appendHistory(tx, [{ caseKind: 'subcase', caseId: sub.id, applicationId: app.id, from: sub.status, to, event: 'receive', ...who, note: '前序事项已办结，分发至承办单位 / released to the unit', at }]);
        await repo.enqueue(tx, 'subcase.released', sub.id, { subcaseId: sub.id, applicationId: app.id, matterCode: sub.matter_code, unitCode: sub.unit_code }, at);
        Object.assign(sub, { status: to, data, promised_at: promisedAt, released_at: at });
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
    await repo.enqueue(tx, 'application.completed', app.id, {
      applicationId: app.id,
      number: app.number,
      applicantId: app.applicant_id,
      status: to,
      delivery: { way: app.delivery_way, address: app.delivery_address, counter: app.delivery_counter },
      results: subs.map((s) => ({ subcaseId: s.id, matterCode: s.matter_code, status: s.status, result: s.result })),
    }, at);
  }
}
