// Who may see or act on a counter intake. Others get a 404, not a hint that it exists.
import type { Actor } from '../../platform/actor.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import type { IntakeRow } from './counter.repo.ts';

export const intakeNotFound = () => notFound({ zh: '待确认的窗口申请', en: 'Counter intake' }, 'INTAKE_NOT_FOUND');

/** The citizen the application is for. */
export function assertIntakeApplicant(actor: Actor, row: IntakeRow): void {
  if (Number(row.applicant_id) !== actor.id) throw intakeNotFound();
}

/** The staff member who took it in, or counter staff of the same unit (a colleague at the next window). */
export function assertIntakeStaff(actor: Actor, row: IntakeRow): void {
  if (actor.role !== 'counter') throw intakeNotFound();
  if (Number(row.staff_id) === actor.id) return;
  if (actor.unitCode && row.unit_code === actor.unitCode) return;
  throw intakeNotFound();
}

export const intakeExpired = () =>
  new AppError('conflict', 'INTAKE_EXPIRED', { zh: '该窗口申请已超过 24 小时未确认，已失效，请重新办理', en: 'This counter intake was not confirmed within 24 hours and has expired; take the application in again' });
export const intakeDeclined = () =>
  new AppError('conflict', 'INTAKE_DECLINED', { zh: '申请人已拒绝确认该申请', en: 'The applicant declined this application' });
export const intakeConfirmed = () =>
  new AppError('conflict', 'INTAKE_ALREADY_CONFIRMED', { zh: '该申请已确认', en: 'This application has been confirmed already' });
