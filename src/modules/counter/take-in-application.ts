// 窗口收件 / 帮代办: counter staff take an application in for a citizen who is present, identified by
// the resident ID number of their real-name profile. The body is validated exactly as a submit
// validates it (prepareSubmission) and kept, awaiting the citizen's confirmation; nothing is an
// application until then. A code is sent to the phone on the profile for confirming at the counter.
import type { Actor } from '../../platform/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { recordAudit } from '../audit/index.ts';
import { prepareSubmission, type TSubmitApplication } from '../cases/index.ts';
import { planMaterials } from '../forms/index.ts';
import { findUserByIdNumber } from '../identity/index.ts';
import { issueCode } from './confirmation-code.ts';
import * as repo from './counter.repo.ts';
import type { TCounterIntake, TIntakeSummary } from '../../contract/counter.ts';

export const INTAKE_TTL_MS = 24 * 3_600_000;

export const maskName = (name: string): string => {
  const chars = [...name.trim()];
  if (chars.length <= 1) return '*';
  return chars[0] + '*'.repeat(chars.length - 1);
};

const applicantNotFound = () =>
  new AppError('not_found', 'APPLICANT_NOT_FOUND', {
    zh: '未找到该公民身份号码对应的实名认证用户，请申请人先完成实名注册',
    en: 'No real-name citizen account has this resident ID number; the applicant must register first',
  });

const keyReused = () =>
  new AppError('conflict', 'IDEMPOTENCY_KEY_REUSED', { zh: '该提交标识已用于另一份窗口申请，请重新提交', en: 'This idempotency key was already used for another counter intake' });

export interface TakeInResult {
  row: repo.IntakeRow;
  created: boolean;
  applicantName: string;
}

export async function takeInApplication(ctx: AppContext, staff: Actor, input: TCounterIntake): Promise<TakeInResult> {
  const db = ctx.database.db;
  const { applicantIdNumber, channel, onBehalfReason, ...body } = input;
  const person = await findUserByIdNumber(db, applicantIdNumber);
  if (!person || person.role !== 'citizen' || person.disabled) throw applicantNotFound();
  const again = await repo.findIntakeByKey(db, staff.id, body.idempotencyKey);
  if (again) {
    if (again.theme_code !== body.themeCode || Number(again.applicant_id) !== Number(person.id)) throw keyReused();
    return { row: again, created: false, applicantName: person.display_name };
  }

  const at = ctx.now();
  const submit: TSubmitApplication = body;
  // checked as the citizen will submit it: their theme, their identity, their life event
  const citizen: Actor = { id: Number(person.id), username: person.username, role: 'citizen', name: person.display_name, unitCode: null, creditCode: null };
  const { bundle, resolution, form, checked } = await prepareSubmission(ctx, citizen, submit, at, { channel, staffId: staff.id, note: onBehalfReason ?? null });
  // the materials as the submit will check them (uploads scanned by the staff member count as the applicant's)
  await planMaterials(db, {
    bundle, resolution, materials: submit.materials, promise: submit.promise,
    applicant: { id: Number(person.id), name: person.display_name }, staffId: staff.id, at,
  });
  const summary: TIntakeSummary = {
    matters: form.matters,
    values: form.elements
      .filter((e) => Object.hasOwn(checked.values, e.code))
      .map((e) => {
        const v = checked.values[e.code]!;
        const option = e.element.options?.find((o) => o.value === String(v));
        return { code: e.code, label: { zh: e.element.name, en: e.element.nameEn }, value: String(v), text: option ? { zh: option.label, en: option.labelEn } : null };
      }),
    delivery: {
      way: submit.delivery.way,
      address: submit.delivery.way === 'express' ? submit.delivery.address : null,
      counter: submit.delivery.way === 'counter' ? submit.delivery.counter : null,
    },
  };

  const id = await db.transaction().execute(async (tx) => {
    const newId = await repo.insertIntake(tx, {
      staffId: staff.id, unitCode: staff.unitCode, applicantId: Number(person.id), channel, onBehalfReason: onBehalfReason ?? null,
      themeCode: bundle.theme.code, themeVersion: bundle.version, body: submit as unknown as Record<string, unknown>, summary,
      idempotencyKey: submit.idempotencyKey, expiresAt: new Date(at.getTime() + INTAKE_TTL_MS), at,
    });
    if (!newId) return undefined; // a concurrent retry with the same key won
    const row = (await repo.lockIntake(tx, newId))!;
    if (person.phone) await issueCode(tx, row, person.phone, { staffName: staff.name, themeName: bundle.theme.name }, at);
    await recordAudit(tx, {
      actorId: staff.id, actorRole: staff.role, action: 'counter.intake.create', targetType: 'counter_intake', targetId: newId,
      detail: { themeCode: bundle.theme.code, themeVersion: bundle.version, applicantId: Number(person.id), channel, ...(onBehalfReason ? { onBehalfReason } : {}), codeSent: Boolean(person.phone) },
    });
    return newId;
  });
  if (!id) {
    const winner = await repo.findIntakeByKey(db, staff.id, body.idempotencyKey);
    if (!winner) throw new Error('counter intake: idempotency conflict without a winner');
    return { row: winner, created: false, applicantName: person.display_name };
  }
  return { row: (await repo.getIntake(db, id))!, created: true, applicantName: person.display_name };
}
