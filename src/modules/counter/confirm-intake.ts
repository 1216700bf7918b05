// The citizen's confirmation makes the counter intake an application: signed in on their own
// account ('account'), or by reading the SMS code to the staff member ('code'). The application is
// made by submitApplication with the intake's channel and staff member (one application per
// intake: its idempotency key is the intake's id), and the confirmation is recorded — who, when,
// how, which staff member and intake — in the application's history and the audit log.
import type { Actor } from '../../platform/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { recordAudit } from '../audit/index.ts';
import { appendHistory, findApplicationRow, submitApplication, type ApplicationRow, type TSubmitApplication } from '../cases/index.ts';
import { findUserById } from '../identity/index.ts';
import { CODE_MAX_ATTEMPTS, codeMatches } from './confirmation-code.ts';
import { intakeTransition, type IntakeEvent } from './intake.machine.ts';
import * as repo from './counter.repo.ts';
import { assertIntakeApplicant, assertIntakeStaff, intakeConfirmed, intakeDeclined, intakeExpired, intakeNotFound } from './counter.policy.ts';

/** 数据最小化: an intake that will never be an application keeps what was applied for, not the person's values. */
const forgetValues = (row: repo.IntakeRow) => ({
  body: {},
  summary: { ...(row.summary as Record<string, unknown>), values: [] },
  code_hash: null,
});

/** The intake's move by the table (update … where status = the one read under the row lock). */
async function move(tx: Tx, row: repo.IntakeRow, event: IntakeEvent, patch: Omit<Parameters<typeof repo.moveIntake>[3], 'status'>): Promise<repo.IntakeRow['status']> {
  const to = intakeTransition(row.status, event);
  if (!(await repo.moveIntake(tx, row.id, row.status, { ...patch, status: to })))
    throw new AppError('conflict', 'INTAKE_CHANGED', { zh: '窗口申请刚被他人处理，请刷新后重试', en: 'The counter intake was changed meanwhile; reload and try again' });
  return to;
}

export type Confirmation = { method: 'account' } | { method: 'code'; code: string };

type Gate =
  | { ok: true; row: repo.IntakeRow }
  | { ok: false; error: AppError };

const codeWrong = (left: number) =>
  new AppError('unprocessable', 'CODE_WRONG', { zh: `确认码不正确，还可尝试 ${left} 次`, en: `The confirmation code is wrong; ${left} ${left === 1 ? 'try' : 'tries'} left` });
const codeLocked = () =>
  new AppError('too_many', 'CODE_ATTEMPTS_EXCEEDED', { zh: '确认码错误次数过多，请重新发送确认码或由申请人登录确认', en: 'Too many wrong codes: send a new code, or the applicant confirms signed in' });
const codeExpired = () =>
  new AppError('unprocessable', 'CODE_EXPIRED', { zh: '确认码已过期（15 分钟），请重新发送', en: 'The confirmation code has expired (15 minutes); send a new one' });
const codeNotSent = () =>
  new AppError('conflict', 'CODE_NOT_SENT', { zh: '未向申请人发送确认码（实名信息中没有手机号码），请申请人登录账号确认', en: 'No confirmation code was sent (no phone on the profile); the applicant confirms signed in' });

export async function confirmIntake(ctx: AppContext, actor: Actor, intakeId: string, how: Confirmation): Promise<ApplicationRow> {
  const db = ctx.database.db;
  const at = ctx.now();

  // 1. check and claim the intake; a wrong code is counted (committed) before the error is returned
  const gate = await db.transaction().execute(async (tx): Promise<Gate> => {
    const row = await repo.lockIntake(tx, intakeId);
    if (!row) throw intakeNotFound();
    if (how.method === 'account') assertIntakeApplicant(actor, row);
    else assertIntakeStaff(actor, row);
    if (row.status === 'confirmed') return { ok: true, row }; // a retry: finish or return the application
    if (row.status === 'declined') throw intakeDeclined();
    if (row.status === 'expired' || new Date(row.expires_at) <= at) {
      if (row.status !== 'expired') await move(tx, row, 'expire', { ...forgetValues(row), updated_at: at });
      return { ok: false, error: intakeExpired() };
    }
    if (how.method === 'code') {
      if (!row.code_hash || !row.code_expires_at) throw codeNotSent();
      if (row.code_attempts >= CODE_MAX_ATTEMPTS) throw codeLocked();
      if (new Date(row.code_expires_at) <= at) throw codeExpired();
      if (!codeMatches(row.id, how.code, row.code_hash)) {
        const attempts = row.code_attempts + 1;
        await repo.updateIntake(tx, row.id, { code_attempts: attempts, updated_at: at });
        return { ok: false, error: attempts >= CODE_MAX_ATTEMPTS ? codeLocked() : codeWrong(CODE_MAX_ATTEMPTS - attempts) };
      }
    }
    const claimed = { confirmed_at: at, confirmed_by: Number(row.applicant_id), confirmation_method: how.method, code_hash: null, updated_at: at };
    const status = await move(tx, row, 'confirm', claimed);
    return { ok: true, row: { ...row, ...claimed, status } };
  });
  if (!gate.ok) throw gate.error;
  const row = gate.row;
  if (row.application_id) {
    const made = await findApplicationRow(db, row.application_id);
    if (made) return made;
  }

  // 2. make the application as the citizen, through the one submit
  const person = await findUserById(db, Number(row.applicant_id));
  if (!person) throw intakeNotFound();
  const citizen: Actor = { id: Number(person.id), username: person.username, role: 'citizen', name: person.display_name, unitCode: null, creditCode: null };
  const body = { ...(row.body as unknown as TSubmitApplication), idempotencyKey: `counter:${row.id}` };
  let application: ApplicationRow;
  try {
    ({ application } = await submitApplication(ctx, citizen, body, { channel: row.channel, staffId: Number(row.staff_id), note: row.on_behalf_reason }));
  } catch (err) {
    // e.g. the catalog changed since the intake and the form is no longer valid: the intake waits again
    await db.transaction().execute(async (tx) => {
      const now = await repo.lockIntake(tx, row.id);
      if (now?.status === 'confirmed' && !now.application_id)
        await move(tx, now, 'reopen', { confirmed_at: null, confirmed_by: null, confirmation_method: null, updated_at: at });
    });
    throw err;
  }

  // 3. record the confirmation with the application
  await db.transaction().execute(async (tx) => {
    const now = await repo.lockIntake(tx, row.id);
    if (!now || now.application_id) return; // recorded by a concurrent retry
    await repo.updateIntake(tx, row.id, { application_id: application.id, application_number: application.number, updated_at: at });
    const method = row.confirmation_method ?? how.method;
    const note = method === 'account'
      ? `申请人本人登录账号确认窗口申请（窗口人员 #${row.staff_id}） / confirmed by the applicant signed in (counter staff #${row.staff_id})`
      : `申请人以短信确认码确认窗口申请（窗口人员 #${row.staff_id} 录入） / confirmed by the applicant with the SMS code entered by counter staff #${row.staff_id}`;
    await appendHistory(tx, [{
      caseKind: 'application', caseId: application.id, applicationId: application.id, from: application.status, to: application.status,
      event: 'confirm', actorId: actor.id, actorRole: actor.role, note, at,
    }]);
    await recordAudit(tx, {
      actorId: actor.id, actorRole: actor.role, action: 'counter.intake.confirm', targetType: 'application', targetId: application.id,
      detail: {
        intakeId: row.id, method, confirmedBy: Number(row.applicant_id), confirmedAt: (row.confirmed_at ? new Date(row.confirmed_at) : at).toISOString(),
        staffId: Number(row.staff_id), channel: row.channel, ...(row.on_behalf_reason ? { onBehalfReason: row.on_behalf_reason } : {}),
      },
    });
  });
  return (await findApplicationRow(db, application.id)) ?? application;
}

/** The citizen declines: the intake ends, nothing is applied for. */
export async function declineIntake(ctx: AppContext, actor: Actor, intakeId: string, reason?: string): Promise<void> {
  const at = ctx.now();
  await ctx.database.db.transaction().execute(async (tx) => {
    const row = await repo.lockIntake(tx, intakeId);
    if (!row) throw intakeNotFound();
    assertIntakeApplicant(actor, row);
    if (row.status === 'declined') return; // idempotent
    if (row.status === 'confirmed') throw intakeConfirmed();
    if (row.status === 'expired' || new Date(row.expires_at) <= at) throw intakeExpired();
    await move(tx, row, 'decline', { declined_at: at, decline_reason: reason ?? null, ...forgetValues(row), updated_at: at });
    await recordAudit(tx, {
      actorId: actor.id, actorRole: actor.role, action: 'counter.intake.decline', targetType: 'counter_intake', targetId: row.id,
      detail: { staffId: Number(row.staff_id), themeCode: row.theme_code }, ...(reason ? { reason } : {}),
    });
  });
}
