// The department back office: a unit's worklist and one sub-case with only its slice of data.
import type { Actor } from '../../platform/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { recordAudit } from '../audit/index.ts';
import { publishedCatalog, resultFieldLabels } from '../catalog/index.ts';
import { listApplicationMaterials } from '../materials/index.ts';
import { allowedEvents, subcaseMachine } from './case.machine.ts';
import { statusOf } from './bundle-engine.ts';
import * as repo from './cases.repo.ts';
import { resultFieldsOf } from './check-result-fields.ts';
import { presentSupplementFile, supplementFilesOf } from './supplement-files.ts';
import { wasAccepted } from './subcase-clock.ts';
import { assertUnitOwns, subcaseNotFound } from './cases.policy.ts';
import { presentHistory, presentSubcase, presentWorklistItem } from './cases.presenters.ts';
import type { TWorklistQuery } from '../../contract/cases.ts';

const badCursor = () =>
  new AppError('bad_request', 'BAD_CURSOR', { zh: '翻页位置无效，请从第一页重新开始', en: 'The page cursor is not valid; start again from the first page' });

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * The cursor names its sort and status filter, so a cursor from another listing is refused rather than
 * misread, and carries the first page's count, so later pages do not count again.
 */
export function encodeWorklistCursor(q: TWorklistQuery, after: repo.WorklistAfter, count: repo.WorklistCount): string {
  return Buffer.from(`${q.sort === 'deadline' ? 'd' : 'n'}|${q.status ?? ''}|${after.keyMicros ?? ''}|${after.id}|${count.total}|${count.capped ? 1 : 0}`).toString('base64url');
}

export function decodeWorklistCursor(q: TWorklistQuery, cursor: string): { after: repo.WorklistAfter; count: repo.WorklistCount } {
  const parts = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  if (parts.length !== 6) throw badCursor();
  const [sort, status, key, id, total, capped] = parts as [string, string, string, string, string, string];
  if (sort !== (q.sort === 'deadline' ? 'd' : 'n') || status !== (q.status ?? '')) throw badCursor();
  if (key !== '' && !/^-?\d{1,19}$/.test(key)) throw badCursor();
  if (!UUID.test(id) || !/^\d{1,9}$/.test(total) || (capped !== '0' && capped !== '1')) throw badCursor();
  return { after: { keyMicros: key === '' ? null : key, id }, count: { total: Number(total), capped: capped === '1' } };
}

export async function unitWorklist(ctx: AppContext, actor: Actor, q: TWorklistQuery) {
  const from = q.cursor !== undefined ? decodeWorklistCursor(q, q.cursor) : undefined;
  const page = await repo.worklist(ctx.database.db, actor.unitCode ?? '', q, from?.after, from?.count);
  return {
    items: page.rows.map(presentWorklistItem),
    total: page.total,
    totalCapped: page.totalCapped,
    limit: q.limit,
    offset: from ? 0 : q.offset,
    nextCursor: page.next ? encodeWorklistCursor(q, page.next, { total: page.total, capped: page.totalCapped }) : null,
  };
}

export async function getUnitSubcase(ctx: AppContext, actor: Actor, id: string) {
  const db = ctx.database.db;
  const sub = await repo.getSubcase(db, id);
  if (!sub) throw subcaseNotFound();
  assertUnitOwns(actor, sub);
  // one round of independent reads (and the audit row) at once: the detail costs two round trips, not seven
  const [app, history, materials, supplementFiles, slice] = await Promise.all([
    repo.getApplication(db, sub.application_id),
    repo.listHistory(db, sub.application_id, sub.id),
    listApplicationMaterials(db, sub.application_id, sub.matter_code),
    supplementFilesOf(db, [sub.id]),
    describeSlice(ctx, sub),
    // reading an applicant's personal data: audited with its cause (the answer waits for the audit row)
    recordAudit(db, {
      actorId: actor.id, actorRole: actor.role, action: 'case.subcase.read', targetType: 'subcase', targetId: sub.id,
      reason: '办理本单位承办的子件 / handling a sub-case of the unit', detail: { applicationId: sub.application_id },
    }),
  ]);
  return {
    ...presentSubcase(sub),
    applicationId: sub.application_id,
    applicationNumber: app!.number,
    themeCode: app!.theme_code,
    data: sub.data, // 数据最小化: the slice of its own matter, nothing else of the application
    history: history.map(presentHistory),
    allowedEvents: allowedEvents(subcaseMachine, statusOf(sub.status), { wasAccepted: wasAccepted(sub) }),
    materials,
    supplementFiles: (supplementFiles.get(sub.id) ?? []).map(presentSupplementFile),
    ...slice,
  };
}

/** For the officer's page: the matter's declared result (what approval records, its fields named) and the labels of its data elements. */
async function describeSlice(ctx: AppContext, sub: repo.SubcaseRow) {
  const catalog = publishedCatalog(ctx.database);
  const [bundles, elements, { declared: fields, needed }] = await Promise.all([catalog.all(), catalog.elements(), resultFieldsOf(ctx, sub)]);
  // the matter version the sub-case was made with, else the one published now
  const pinned = bundles.find((b) => b.matterVersions[sub.matter_code] === sub.matter_version) ?? bundles.find((b) => b.matters.has(sub.matter_code));
  const matter = pinned?.matters.get(sub.matter_code);
  const dataLabels: Record<string, { zh: string; en: string; options?: Record<string, { zh: string; en: string }> }> = {};
  for (const code of Object.keys(sub.data)) {
    const e = elements.get(code);
    if (!e) continue;
    dataLabels[code] = {
      zh: e.name, en: e.nameEn ?? e.name,
      ...(e.options ? { options: Object.fromEntries(e.options.map((o) => [o.value, { zh: o.label, en: o.labelEn ?? o.label }])) } : {}),
    };
  }
  return {
    expectedResult: {
      type: matter?.result.type ?? 'other',
      name: matter?.result.name ?? null,
      fields,
      needed,
      fieldLabels: resultFieldLabels(fields),
    },
    dataLabels,
  };
}
