// Who may do what to an application or a sub-case.
import type { Actor } from '../../platform/actor.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import type { ApplicationRow, SubcaseRow } from './cases.repo.ts';

export const applicationNotFound = () => notFound({ zh: '申请', en: 'Application' }, 'APPLICATION_NOT_FOUND');
export const subcaseNotFound = () => notFound({ zh: '子件', en: 'Sub-case' }, 'SUBCASE_NOT_FOUND');

const STAFF_ROLES = new Set(['counter', 'supervisor', 'platform_admin']);

/**
 * The applicant sees their own application; counter staff and supervisors any; an officer only one
 * with a sub-case of their unit. Others get a 404, not a hint that it exists.
 */
export function assertMayReadApplication(actor: Actor, app: ApplicationRow, subcases: readonly SubcaseRow[]): void {
  if (app.applicant_id === actor.id || STAFF_ROLES.has(actor.role)) return;
  if (actor.role === 'officer' && actor.unitCode && subcases.some((s) => s.unit_code === actor.unitCode)) return;
  throw applicationNotFound();
}

export function assertApplicant(actor: Actor, app: ApplicationRow): void {
  if (app.applicant_id !== actor.id) throw applicationNotFound();
}

/** A unit working in Yijian handles only the sub-cases dispatched to it. */
export function assertUnitOwns(actor: Actor, sub: SubcaseRow): void {
  if (actor.role !== 'officer' || !actor.unitCode || actor.unitCode !== sub.unit_code)
    throw new AppError('forbidden', 'NOT_YOUR_UNIT', { zh: '该子件不由您所在单位承办', en: 'This sub-case is handled by another unit' });
}
