// The status page: the application, every sub-case's status and promised date, and the timeline.
import type { Actor } from '../../platform/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import * as repo from './cases.repo.ts';
import { applicationNotFound, assertMayReadApplication } from './cases.policy.ts';
import { presentApplicationSummary, presentHistory, presentSubcase } from './cases.presenters.ts';
import type { TApplicationView } from '../../contract/cases.ts';
import { listApplicationMaterials } from '../materials/index.ts';
import { publishedCatalog, resultFieldLabels, type TDataElement } from '../catalog/index.ts';

function labelledFields(s: repo.SubcaseRow, elements: ReadonlyMap<string, TDataElement>) {
  return s.elements.flatMap((code) => {
    const e = elements.get(code);
    if (!e) return [];
    return [{
      code,
      label: { zh: e.name, en: e.nameEn },
      type: e.type,
      ...(e.options ? { options: e.options.map((o) => ({ value: o.value, label: { zh: o.label, en: o.labelEn } })) } : {}),
      value: Object.hasOwn(s.data, code) ? s.data[code] : null,
    }];
  });
}

export async function getApplication(ctx: AppContext, actor: Actor, id: string): Promise<TApplicationView> {
  const db = ctx.database.db;
  const app = await repo.getApplication(db, id);
  if (!app) throw applicationNotFound();
  const [subs, history, elements] = await Promise.all([repo.listSubcases(db, id), repo.listHistory(db, id), publishedCatalog(ctx.database).elements()]);
  assertMayReadApplication(actor, app, subs);
  const timeline = history.map(presentHistory);
  return {
    ...presentApplicationSummary(app),
    applicantId: app.applicant_id,
    acting: {
      applicantKind: app.applicant_kind, subjectCreditCode: app.subject_credit_code, basis: app.acting_basis,
      staffId: app.staff_id === null ? null : Number(app.staff_id), note: app.acting_note,
    },
    delivery: { way: app.delivery_way, address: app.delivery_address, counter: app.delivery_counter },
    subcases: subs.map((s) => ({
      ...presentSubcase(s),
      history: timeline.filter((h) => h.caseId === s.id),
      // the names of the result fields the unit returned
      resultFieldLabels: resultFieldLabels(s.result?.fields && typeof s.result.fields === 'object' ? Object.keys(s.result.fields) : []),
      // the applicant sees the labelled data of their own sub-cases (to correct it when a unit asks)
      ...(actor.id === app.applicant_id ? { fields: labelledFields(s, elements) } : {}),
    })),
    history: timeline.filter((h) => h.caseKind === 'application'),
    materials: await listApplicationMaterials(db, id),
  };
}

export async function listMyApplications(ctx: AppContext, actor: Actor, limit: number, offset: number) {
  return (await repo.listApplicationsOf(ctx.database.db, actor.id, limit, offset)).map(presentApplicationSummary);
}
