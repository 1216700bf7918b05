// What a new password must be. Two rules still live side by side (to be made one): registration's
// (passwordProblems: length, three kinds of character, nothing personal) and the staff rule an admin's
// password and a forced change meet (checkPassword: PASSWORD_MIN_LENGTH, letters and digits), plus the
// random initial passwords admins hand out.
import { randomInt } from 'node:crypto';
import { AppError, type ErrorDetail } from '../../platform/errors.ts';
import { passwordTooWeak } from './staff.errors.ts';

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


export interface PasswordPolicy {
  /** a city sets it with PASSWORD_MIN_LENGTH (config.ts) */
  minLength: number;
}

export const DEFAULT_PASSWORD_POLICY: PasswordPolicy = { minLength: 10 };

export function checkPassword(password: string, policy: PasswordPolicy): void {
  if (password.length < policy.minLength || !/[A-Za-z]/.test(password) || !/\d/.test(password)) throw passwordTooWeak(policy.minLength);
}

// no 0/O, 1/l/I: read aloud or copied from paper without mistakes
const LETTERS = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz';
const DIGITS = '23456789';

/** A random password that passes the policy: letters and digits, at least 12 characters. */
export function randomInitialPassword(policy: PasswordPolicy): string {
  const length = Math.max(12, policy.minLength);
  const all = LETTERS + DIGITS;
  const chars = [LETTERS[randomInt(LETTERS.length)]!, DIGITS[randomInt(DIGITS.length)]!];
  while (chars.length < length) chars.push(all[randomInt(all.length)]!);
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j]!, chars[i]!];
  }
  return chars.join('');
}
