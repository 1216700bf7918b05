// What a new password must be (registration, and any password a person chooses): long enough, of
// several kinds of character, and not the phone number or the ID number it protects.
import { AppError, type ErrorDetail } from '../../platform/errors.ts';

export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 128;

const CLASSES = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/];

/** The rules the password breaks; empty when it is acceptable. */
export function passwordProblems(password: string, personal: ReadonlyArray<string | null | undefined> = []): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  if (password.length < PASSWORD_MIN_LENGTH || password.length > PASSWORD_MAX_LENGTH)
    problems.push({ path: 'password', code: 'PASSWORD_LENGTH', zh: `密码须为 ${PASSWORD_MIN_LENGTH}–${PASSWORD_MAX_LENGTH} 个字符`, en: `The password must be ${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters` });
  if (CLASSES.filter((c) => c.test(password)).length < 3)
    problems.push({ path: 'password', code: 'PASSWORD_CLASSES', zh: '密码须包含大写字母、小写字母、数字和符号中的至少三种', en: 'The password must mix at least three of: upper-case letters, lower-case letters, digits, symbols' });
  const lower = password.toLowerCase();
  if (personal.some((p) => p && p.length >= 4 && lower.includes(p.toLowerCase())))
    problems.push({ path: 'password', code: 'PASSWORD_PERSONAL', zh: '密码不得包含手机号码、身份证号码或用户名', en: 'The password must not contain the phone number, the ID number or the username' });
  return problems;
}

export function assertPasswordAcceptable(password: string, personal: ReadonlyArray<string | null | undefined> = []): void {
  const problems = passwordProblems(password, personal);
  if (problems.length > 0) throw new AppError('unprocessable', 'PASSWORD_WEAK', { zh: '密码不符合要求', en: 'The password does not meet the rules' }, problems);
}
