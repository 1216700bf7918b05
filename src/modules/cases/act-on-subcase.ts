// The one shape of every action on a sub-case (Documenso's cancel-document): guard, then one
// transaction that checks the transition against the current status, updates *where the status is
// still the expected one* (0 rows → 409), appends history, audits, and runs the bundle engine.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Actor } from '../../platform/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { recordAudit } from '../audit/index.ts';
import { afterSubcaseChange, statusOf } from './bundle-engine.ts';
import { statusCode, subcaseMachine, transition, type CaseEvent, type CaseStatus } from './case.machine.ts';
import * as repo from './cases.repo.ts';
import { wasAccepted } from './subcase-clock.ts';
import { assertApplicant, assertUnitOwns, subcaseNotFound } from './cases.policy.ts';

export interface SubcaseAction {
  event: CaseEvent;
  /** audit action, e.g. "case.subcase.accept" */
  audit: string;
  /** officer of the sub-case's unit, or the applicant of its application */
  by: 'unit' | 'applicant';
  note?: string | undefined;
  /** the rest of the change besides the status (clock, result, data) */
  change?: (sub: repo.SubcaseRow, to: CaseStatus, at: Date, settings: { noticeWorkdays: number }) => Omit<repo.SubcasePatch, 'status' | 'at'>;
  /** extra details for the audit row */
  detail?: Record<string, unknown>;
  /** more writes in the same transaction, e.g. an outbox row for a notification */
  effects?: (tx: Tx, sub: repo.SubcaseRow, app: repo.ApplicationRow, at: Date) => Promise<void>;
}

export const staleSubcase = () =>
  new AppError('conflict', 'SUBCASE_CHANGED', { zh: '子件状态已被他人更新，请刷新后重试', en: 'The sub-case was changed meanwhile; reload and try again' });

type SubcaseEffects = NonNullable<SubcaseAction['effects']>;
const ambientEffects = new AsyncLocalStorage<SubcaseEffects>();

/**
 * Runs a use case with one more write in the transaction of its change: dispatch records that a
 * department system's result event was applied atomically with the change it made.
 */
export function withSubcaseEffects<T>(effects: SubcaseEffects, run: () => Promise<T>): Promise<T> {
  return ambientEffects.run(effects, run);
}

export async function actOnSubcase(ctx: AppContext, actor: Actor, subcaseId: string, action: SubcaseAction, applicationId?: string): Promise<repo.SubcaseRow> {
  const at = ctx.now();
  await ctx.database.db.transaction().execute(async (tx) => {
    const seen = await repo.getSubcase(tx, subcaseId);
    if (!seen || (applicationId !== undefined && seen.application_id !== applicationId)) throw subcaseNotFound();
    if (action.by === 'unit') assertUnitOwns(actor, seen);
    const app = await repo.lockApplication(tx, seen.application_id);
    if (!app) throw subcaseNotFound();
    if (action.by === 'applicant') assertApplicant(actor, app);
    const sub = (await repo.getSubcase(tx, subcaseId))!; // as of the lock
    const from = statusOf(sub.status);
    const to = transition(subcaseMachine, from, action.event, { wasAccepted: wasAccepted(sub) });
    const patch = action.change?.(sub, to, at, { noticeWorkdays: await repo.noticeWorkdays(tx, at) }) ?? {};
    const n = await repo.updateSubcaseIf(tx, sub.id, sub.status, { ...patch, status: statusCode(to), at });
    if (n === 0) throw staleSubcase();
    await repo.appendHistory(tx, [{
      caseKind: 'subcase', caseId: sub.id, applicationId: app.id, from: sub.status, to: statusCode(to), event: action.event,
      actorId: actor.id, actorRole: actor.role, note: action.note ?? null, at,
    }]);
    await recordAudit(tx, {
      actorId: actor.id, actorRole: actor.role, action: action.audit, targetType: 'subcase', targetId: sub.id,
      detail: { applicationId: app.id, matterCode: sub.matter_code, from: sub.status, to: statusCode(to), ...(action.note ? { note: action.note } : {}), ...action.detail },
    });
    await action.effects?.(tx, sub, app, at);
    await ambientEffects.getStore()?.(tx, sub, app, at);
    await afterSubcaseChange(tx, app, actor, at);
  });
  return (await repo.getSubcase(ctx.database.db, subcaseId))!;
}
