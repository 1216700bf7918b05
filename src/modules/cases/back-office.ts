// The department back office: a unit's worklist and one sub-case with only its slice of data.
import type { Actor } from '../../platform/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import { recordAudit } from '../audit/index.ts';
import { allowedEvents, subcaseMachine } from './case.machine.ts';
import { statusOf } from './bundle-engine.ts';
import * as repo from './cases.repo.ts';
import { assertUnitOwns, subcaseNotFound } from './cases.policy.ts';
import { presentHistory, presentSubcase, presentWorklistItem } from './cases.presenters.ts';
import type { TWorklistQuery } from './cases.schemas.ts';

export async function unitWorklist(ctx: AppContext, actor: Actor, q: TWorklistQuery) {
  const { rows, total } = await repo.worklist(ctx.database.db, actor.unitCode ?? '', q);
  return { items: rows.map(presentWorklistItem), total, limit: q.limit, offset: q.offset };
}

export async function getUnitSubcase(ctx: AppContext, actor: Actor, id: string) {
  const db = ctx.database.db;
  const sub = await repo.getSubcase(db, id);
  if (!sub) throw subcaseNotFound();
  assertUnitOwns(actor, sub);
  const [app, history] = await Promise.all([repo.getApplication(db, sub.application_id), repo.listHistory(db, sub.application_id, sub.id)]);
  // reading an applicant's personal data: audited with its cause
  await recordAudit(db, {
    actorId: actor.id, actorRole: actor.role, action: 'case.subcase.read', targetType: 'subcase', targetId: sub.id,
    reason: '办理本单位承办的子件 / handling a sub-case of the unit', detail: { applicationId: sub.application_id },
  });
  return {
    ...presentSubcase(sub),
    applicationId: sub.application_id,
    applicationNumber: app!.number,
    themeCode: app!.theme_code,
    data: sub.data, // 数据最小化: the slice of its own matter, nothing else of the application
    history: history.map(presentHistory),
    allowedEvents: allowedEvents(subcaseMachine, statusOf(sub.status), { wasAccepted: sub.clock !== null }),
  };
}
