// 结果实时回传: a unit's system reports what it did with a sub-case. Each event is
//   - checked: the sub-case exists (else 404) and belongs to the signing unit (else 403), both audited;
//   - idempotent by (unit, eventId): the same event again answers "duplicate" and changes nothing;
//   - ordered by the unit's own per-sub-case sequence: an event ahead of the next expected one is
//     parked (202) and applied, in order, by the request that fills the gap;
//   - applied through the same use cases as the back office, by the unit's system account, and marked
//     applied (with the counter moved) in the same transaction as the change — exactly once in effect.
// An event the case rules refuse (e.g. approve before accept, 409) consumes its sequence, so later
// events are not blocked; its error is kept and answered again to a retry. Two refusals are not kept,
// so the unit can send the same sequence again: result values the dictionary refuses (422) and an
// approval of a fee not yet paid (409 PAYMENT_PENDING) — unless the event reports the unit collected it.
import type { Actor } from '../../platform/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import type { JobTask } from '../../platform/scheduler.ts';
import type { Db } from '../../platform/db.ts';
import { AppError, type ErrorKind } from '../../platform/errors.ts';
import {
  acceptSubcase, approveSubcase, assertFeePaid, checkResultFields, endSpecialProcedure, findSubcaseRow, notAcceptSubcase, rejectSubcase, requestSupplement, startSpecialProcedure, withSubcaseEffects,
} from '../cases/index.ts';
import { ensureUnitSystemAccount } from '../identity/index.ts';
import { recordUnitPayment } from '../payments/index.ts';
import * as repo from './dispatch.repo.ts';
import type { TResultEvent } from '../../contract/dispatch.ts';
import { auditRefusedCall } from './refusal-audit.ts';

export type EventAnswer =
  | { code: 200; body: { applied: true; status: string } }
  | { code: 200; body: { applied: false; duplicate: true; status: string } }
  | { code: 202; body: { parked: true; expecting: number } };

export const subcaseNotFoundForUnit = () => new AppError('not_found', 'SUBCASE_NOT_FOUND', { zh: '子件不存在', en: 'Sub-case not found' });
export const subcaseOfOtherUnit = () => new AppError('forbidden', 'SUBCASE_OTHER_UNIT', { zh: '该子件不由贵单位承办', en: 'This sub-case is handled by another unit' });

/** Sub-case lookup for a signed request: 404 / 403 are audited, throttled (a unit probing others' sub-cases shows up). */
export async function subcaseOfUnit(ctx: AppContext, unitCode: string, subcaseId: string, ip: string | null, action: string) {
  const sub = await findSubcaseRow(ctx.database.db, subcaseId);
  if (!sub || sub.unit_code !== unitCode) {
    await auditRefusedCall(ctx, unitCode, {
      actorId: null, actorRole: 'adapter', action: sub ? 'dispatch.adapter.other-unit' : 'dispatch.adapter.unknown-subcase',
      targetType: 'subcase', targetId: subcaseId, detail: { unitCode, request: action, ...(sub ? { ownerUnit: sub.unit_code } : {}) }, ip,
    });
    throw sub ? subcaseOfOtherUnit() : subcaseNotFoundForUnit();
  }
  return sub;
}

// ---------- the unit's system account ----------

const actors = new WeakMap<Db, Map<string, Promise<Actor>>>();

/**
 * The account a unit's system acts as: an officer of that unit that cannot sign in (disabled, random
 * password), so history and audit name it and the unit policy (assertUnitOwns) holds as for a person.
 */
export function adapterActor(db: Db, unitCode: string): Promise<Actor> {
  let perDb = actors.get(db);
  if (!perDb) actors.set(db, (perDb = new Map()));
  let actor = perDb.get(unitCode);
  if (!actor) {
    actor = ensureAdapterAccount(db, unitCode);
    actor.catch(() => perDb.delete(unitCode));
    perDb.set(unitCode, actor);
  }
  return actor;
}

async function ensureAdapterAccount(db: Db, unitCode: string): Promise<Actor> {
  const unit = await db.selectFrom('units').select('name').where('code', '=', unitCode).executeTakeFirstOrThrow();
  return ensureUnitSystemAccount(db, unitCode, unit.name);
}

// ---------- receiving and applying ----------

interface StoredError { code: string; kind: ErrorKind; zh: string; en: string }

const replayError = (o: Record<string, unknown> | null): AppError => {
  const e = (o ?? {}) as Partial<StoredError>;
  return new AppError(e.kind ?? 'conflict', e.code ?? 'EVENT_REFUSED', { zh: e.zh ?? '该事件未被接受', en: e.en ?? 'The event was refused' });
};

const sequenceUsed = () => new AppError('conflict', 'SEQUENCE_USED', { zh: '该序号已被其他事件使用', en: 'Another event has this sequence already' });
const eventIdReused = () => new AppError('conflict', 'EVENT_ID_REUSED', { zh: '该事件编号已用于另一事件', en: 'This eventId was used for a different event' });

export async function receiveResultEvent(ctx: AppContext, unitCode: string, subcaseId: string, ev: TResultEvent, ip: string | null): Promise<EventAnswer> {
  const db = ctx.database.db;
  const sub = await subcaseOfUnit(ctx, unitCode, subcaseId, ip, 'event');
  let mine = await repo.findEvent(db, unitCode, ev.eventId);
  if (!mine) {
    if (ev.sequence <= (await repo.lastSequence(db, subcaseId))) throw sequenceUsed();
    // a result with a value the dictionary refuses (an ID number "123") is answered 422 RESULT_FIELD_INVALID
    // and not kept: the unit corrects it and sends the event again, with the same sequence
    if (ev.type === 'approve') await checkResultFields(ctx, sub, ev.result?.fields ?? {});
    // a fee the unit's own system collected is recorded first; an approval of an unpaid fee is answered
    // 409 PAYMENT_PENDING and not kept either: the unit sends it again, same sequence, once it is paid
    if (ev.type === 'approve') {
      if (ev.payment) await recordUnitPayment(ctx, await adapterActor(db, unitCode), subcaseId, ev.payment);
      await assertFeePaid(ctx, (await findSubcaseRow(db, subcaseId))!);
    }
    const inserted = await repo.insertEvent(db, { unitCode, eventId: ev.eventId, subcaseId, sequence: ev.sequence, type: ev.type, body: ev as unknown as Record<string, unknown>, at: ctx.now() });
    mine = await repo.findEvent(db, unitCode, ev.eventId);
    if (!mine) throw sequenceUsed(); // a different event holds the sequence
    if (inserted) {
      await drain(ctx, unitCode, subcaseId);
      return answer(ctx, unitCode, subcaseId, ev.eventId, false);
    }
  }
  if (mine.subcase_id !== subcaseId || mine.sequence !== ev.sequence || mine.type !== ev.type) throw eventIdReused();
  // A repeated event may be the one whose first delivery died after it was applied but before the
  // parked events behind it were: always catch up (the worker's sweep does the same for the rest).
  await drain(ctx, unitCode, subcaseId);
  return answer(ctx, unitCode, subcaseId, ev.eventId, true);
}

async function answer(ctx: AppContext, unitCode: string, subcaseId: string, eventId: string, duplicate: boolean): Promise<EventAnswer> {
  const db = ctx.database.db;
  const ev = (await repo.findEvent(db, unitCode, eventId))!;
  if (ev.state === 'parked') return { code: 202, body: { parked: true, expecting: (await repo.lastSequence(db, subcaseId)) + 1 } };
  if (ev.state === 'failed') throw replayError(ev.outcome);
  const status = (await findSubcaseRow(db, subcaseId))!.status;
  return duplicate ? { code: 200, body: { applied: false, duplicate: true, status } } : { code: 200, body: { applied: true, status } };
}

class SequenceTaken extends Error {}

/**
 * The worker's sweep: applies parked events that are next in their sub-case's sequence but were left
 * behind because the request that filled the gap died (a crash, a 5xx) after its own event was applied.
 * Safe with several workers: applying settles the event under the sequence guard.
 */
export async function sweepParkedEvents(ctx: AppContext, limit = 200): Promise<number> {
  const ready = await repo.readyParkedEvents(ctx.database.db, limit);
  for (const r of ready) await drain(ctx, r.unitCode, r.subcaseId);
  return ready.length;
}

/** Result events left parked by a request that died after filling their gap, applied by the scheduler. */
export function parkedEventsTask(ctx: AppContext, everyMs = 5000): JobTask {
  return {
    name: 'dispatch.parked-events', everyMs, leaseMs: 60_000,
    job: async () => {
      const n = await sweepParkedEvents(ctx);
      if (n > 0) ctx.log.warn({ n }, 'applied parked result events left behind');
      return n;
    },
  };
}

/** Applies the parked events that are next in sequence, one after another. */
async function drain(ctx: AppContext, unitCode: string, subcaseId: string): Promise<void> {
  const db = ctx.database.db;
  const actor = await adapterActor(db, unitCode);
  for (let guard = 0; guard < 10_000; guard++) {
    const last = await repo.lastSequence(db, subcaseId);
    const next = await repo.findEventAt(db, subcaseId, last + 1);
    if (!next || next.state !== 'parked') return;
    await applyOne(ctx, actor, next);
  }
}

async function applyOne(ctx: AppContext, actor: Actor, e: repo.EventRow): Promise<void> {
  const ev = e.body as unknown as TResultEvent;
  const settle = { unitCode: e.unit_code, eventId: e.event_id, subcaseId: e.subcase_id, sequence: e.sequence };
  for (let attempt = 1; ; attempt++) {
    try {
      await withSubcaseEffects(async (tx, _sub, _app, at) => {
        if (!(await repo.settleEvent(tx, { ...settle, event: 'apply', outcome: { type: ev.type }, at }))) throw new SequenceTaken();
        if (ev.caseNo) await tx.updateTable('dispatch_tasks').set({ external_case_no: ev.caseNo }).where('subcase_id', '=', e.subcase_id).where('external_case_no', 'is', null).execute();
      }, () => runUseCase(ctx, actor, e.subcase_id, ev));
      return;
    } catch (err) {
      if (err instanceof SequenceTaken) return; // another request applied it meanwhile
      if (err instanceof AppError && err.code === 'SUBCASE_CHANGED' && attempt < 5) continue; // a concurrent change: look again
      if (err instanceof AppError && err.status < 500) {
        const outcome: StoredError = { code: err.code, kind: err.kind, zh: err.zh, en: err.en };
        await ctx.database.db.transaction().execute((tx) => repo.settleEvent(tx, { ...settle, event: 'fail', outcome: { ...outcome }, at: ctx.now() }));
        return;
      }
      throw err; // left parked: the unit's retry (or the next event) applies it
    }
  }
}

function runUseCase(ctx: AppContext, actor: Actor, id: string, ev: TResultEvent) {
  switch (ev.type) {
    case 'accept': return acceptSubcase(ctx, actor, id, ev.note);
    case 'not-accept': return notAcceptSubcase(ctx, actor, id, ev.reason ?? '');
    case 'request-supplement': return requestSupplement(ctx, actor, id, ev.note ?? '');
    case 'start-special': return startSpecialProcedure(ctx, actor, id, ev.note ?? '');
    case 'end-special': return endSpecialProcedure(ctx, actor, id, ev.note);
    case 'approve': return approveSubcase(ctx, actor, id, {
      fields: ev.result?.fields ?? {}, ...(ev.result?.documentName ? { documentName: ev.result.documentName } : {}),
      ...(ev.result?.documentUploadId ? { documentUploadId: ev.result.documentUploadId } : {}), ...(ev.note ? { note: ev.note } : {}),
    });
    case 'reject': return rejectSubcase(ctx, actor, id, ev.reason ?? '');
  }
}

/** Yijian's view of a sub-case for the unit's own reconciliation. */
export async function subcaseStateForUnit(ctx: AppContext, unitCode: string, subcaseId: string, ip: string | null) {
  const sub = await subcaseOfUnit(ctx, unitCode, subcaseId, ip, 'state');
  return { id: sub.id, status: sub.status, lastSequence: await repo.lastSequence(ctx.database.db, sub.id) };
}
