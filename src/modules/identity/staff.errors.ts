// The refusals of staff administration, each with a stable code and a message in Chinese and English.
import { AppError } from '../../platform/errors.ts';

export const staffNotFound = () => new AppError('not_found', 'STAFF_NOT_FOUND', { zh: '人员账号不存在', en: 'Staff account not found' });
export const usernameTaken = (username: string) =>
  new AppError('conflict', 'USERNAME_TAKEN', { zh: `用户名“${username}”已被使用`, en: `The username "${username}" is taken` });
export const unitUnknown = (unitCode: string) =>
  new AppError('unprocessable', 'UNIT_NOT_FOUND', { zh: `单位“${unitCode}”不存在`, en: `Unit "${unitCode}" does not exist` });
export const notStaff = () =>
  new AppError('unprocessable', 'NOT_STAFF', { zh: '该账号是个人或企业用户，不是工作人员', en: 'This account is a citizen or enterprise account, not staff' });
export const roleNeedsUnit = () =>
  new AppError('unprocessable', 'ROLE_NEEDS_UNIT', { zh: '审批人员、综合窗口和单位管理员须指定单位', en: 'Officers, counter staff and unit administrators need a unit' });
export const roleNotPerUnit = () =>
  new AppError('unprocessable', 'ROLE_NOT_PER_UNIT', {
    zh: '电子监察、热线、目录管理员和平台管理员是全平台角色，只能作为账号本身的唯一角色，不属于某个单位',
    en: 'Supervisor, hotline, catalog and platform administrator are platform roles: an account’s own only role, not held in a unit',
  });
export const roleAlreadyHeld = () => new AppError('conflict', 'ROLE_ALREADY_HELD', { zh: '该人员已在该单位担任此角色', en: 'The person already holds this role in the unit' });
export const roleNotHeld = () => new AppError('not_found', 'ROLE_NOT_HELD', { zh: '该人员未在该单位担任此角色', en: 'The person does not hold this role in the unit' });
export const lastRole = () =>
  new AppError('conflict', 'LAST_ROLE', {
    zh: '这是该人员的最后一个角色，不能撤销；如不再使用请停用账号',
    en: 'This is the person’s last role and cannot be revoked; disable the account instead',
  });
export const cannotChangeSelf = () =>
  new AppError('conflict', 'CANNOT_CHANGE_OWN_ACCOUNT', { zh: '不能停用自己的账号或撤销自己的角色', en: 'You cannot disable your own account or revoke your own roles' });
export const alreadyInState = (disabled: boolean) =>
  new AppError('conflict', disabled ? 'ALREADY_DISABLED' : 'ALREADY_ENABLED', disabled ? { zh: '该账号已停用', en: 'The account is already disabled' } : { zh: '该账号已启用', en: 'The account is already enabled' });
export const passwordTooWeak = (minLength: number) =>
  new AppError('unprocessable', 'PASSWORD_TOO_WEAK', {
    zh: `密码至少 ${minLength} 位，且须同时包含字母和数字`,
    en: `The password needs at least ${minLength} characters, with both letters and digits`,
  });
export const passwordUnchanged = () => new AppError('unprocessable', 'PASSWORD_UNCHANGED', { zh: '新密码不能与原密码相同', en: 'The new password must differ from the current one' });
export const currentPasswordWrong = () => new AppError('unprocessable', 'CURRENT_PASSWORD_WRONG', { zh: '原密码不正确', en: 'The current password is wrong' });
