// What a password set by an admin or a person must be, and the random initial passwords admins hand out.
import { randomInt } from 'node:crypto';
import { passwordTooWeak } from './staff.errors.ts';

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
