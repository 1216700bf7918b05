// 批量导入人员: a dry run lists every problem of every row (and stores nothing); the import refuses a
// file that still has one, then creates each person through createStaffAccount (one transaction and
// one audit row each), reporting progress.
import type { Db } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { UNIT_ROLE_NAMES, UNIT_ROLES, USERNAME_RE, type TStaffImportProblem, type TStaffImportRow, type TStaffPasswordIssued, type TUnitRole } from '../../contract/staff.ts';
import { findUnit } from '../org/index.ts';
import { normalizeMobilePhone } from '../../platform/identifiers.ts';
import { createStaffAccount } from './create-staff-account.ts';
import { existingUsernames } from './identity.repo.ts';
import { DEFAULT_PASSWORD_POLICY, type PasswordPolicy } from './password-policy.ts';
import { assertCanManageUnit, type StaffAdmin } from './staff.policy.ts';

const ROLE_WORDS = new Map<string, TUnitRole>();
for (const r of UNIT_ROLES) {
  ROLE_WORDS.set(r, r);
  ROLE_WORDS.set(UNIT_ROLE_NAMES[r].zh, r);
}
ROLE_WORDS.set('窗口', 'counter');
ROLE_WORDS.set('审批', 'officer');

/** The roles of a cell: "officer, unit_admin" or "审批人员、单位管理员"; unknown words are returned apart. */
export function parseRoles(cell: string): { roles: TUnitRole[]; unknown: string[] } {
  const words = cell.split(/[,，;；、\s]+/).map((w) => w.trim().toLowerCase()).filter(Boolean);
  const roles: TUnitRole[] = [];
  const unknown: string[] = [];
  for (const w of words) {
    const r = ROLE_WORDS.get(w);
    if (!r) unknown.push(w);
    else if (!roles.includes(r)) roles.push(r);
  }
  return { roles, unknown };
}

function problem(row: number, column: string, code: string, zh: string, en: string): TStaffImportProblem {
  return { row, column, code, zh: `第 ${row} 行：${zh}`, en: `Row ${row}: ${en}` };
}

/** Every problem of every row; nothing is stored. */
export async function checkStaffImport(db: Db, rows: TStaffImportRow[], by: StaffAdmin, policy: PasswordPolicy = DEFAULT_PASSWORD_POLICY): Promise<TStaffImportProblem[]> {
  const problems: TStaffImportProblem[] = [];
  const taken = await existingUsernames(db, rows.map((r) => r.username.trim().toLowerCase()).filter((u) => USERNAME_RE.test(u)));
  const firstRowOf = new Map<string, number>();
  const units = new Map<string, 'ok' | 'unknown' | 'forbidden'>();
  for (const r of rows) {
    const username = r.username.trim().toLowerCase();
    if (!username) problems.push(problem(r.row, '用户名', 'USERNAME_MISSING', '缺少用户名', 'the username is missing'));
    else if (!USERNAME_RE.test(username) || username.startsWith('adapter.'))
      problems.push(problem(r.row, '用户名', 'USERNAME_INVALID', `用户名“${r.username}”不合规（3–32 位小写字母、数字、点、下划线或连字符，以字母开头）`, `the username "${r.username}" is not valid (3–32 lower-case letters, digits, ".", "_" or "-", starting with a letter)`));
    else if (firstRowOf.has(username))
      problems.push(problem(r.row, '用户名', 'USERNAME_DUPLICATE_IN_FILE', `用户名“${username}”与第 ${firstRowOf.get(username)} 行重复`, `the username "${username}" repeats row ${firstRowOf.get(username)}`));
    else if (taken.has(username)) problems.push(problem(r.row, '用户名', 'USERNAME_TAKEN', `用户名“${username}”已被使用`, `the username "${username}" is taken`));
    if (username && !firstRowOf.has(username)) firstRowOf.set(username, r.row);

    if (!r.name.trim()) problems.push(problem(r.row, '姓名', 'NAME_MISSING', '缺少姓名', 'the name is missing'));
    else if (r.name.trim().length > 50) problems.push(problem(r.row, '姓名', 'NAME_TOO_LONG', '姓名超过 50 个字', 'the name is longer than 50 characters'));

    if (!normalizeMobilePhone(r.phone)) problems.push(problem(r.row, '手机号', 'PHONE_INVALID', `手机号“${r.phone}”不是 11 位大陆手机号`, `"${r.phone}" is not an 11-digit mainland mobile number`));

    const unitCode = r.unitCode.trim();
    if (!unitCode) problems.push(problem(r.row, '单位代码', 'UNIT_MISSING', '缺少单位代码', 'the unit code is missing'));
    else {
      if (!units.has(unitCode)) {
        let state: 'ok' | 'unknown' | 'forbidden' = 'ok';
        try {
          await assertCanManageUnit(db, by, unitCode);
          if (!(await findUnit(db, unitCode))) state = 'unknown';
        } catch {
          state = 'forbidden';
        }
        units.set(unitCode, state);
      }
      const state = units.get(unitCode);
      if (state === 'unknown') problems.push(problem(r.row, '单位代码', 'UNIT_UNKNOWN', `单位“${unitCode}”不存在`, `the unit "${unitCode}" does not exist`));
      if (state === 'forbidden') problems.push(problem(r.row, '单位代码', 'UNIT_FORBIDDEN', `您无权管理单位“${unitCode}”的人员`, `you may not manage the staff of "${unitCode}"`));
    }

    const { roles, unknown } = parseRoles(r.roles);
    if (unknown.length > 0)
      problems.push(problem(r.row, '角色', 'ROLE_UNKNOWN', `不认识的角色“${unknown.join('、')}”（可填：审批人员、综合窗口、单位管理员）`, `unknown role "${unknown.join(', ')}" (officer, counter, unit_admin)`));
    else if (roles.length === 0) problems.push(problem(r.row, '角色', 'ROLES_MISSING', '缺少角色', 'no role given'));

    if (r.password !== undefined && (r.password.length < policy.minLength || !/[A-Za-z]/.test(r.password) || !/\d/.test(r.password)))
      problems.push(problem(r.row, '初始密码', 'PASSWORD_TOO_WEAK', `初始密码至少 ${policy.minLength} 位且须包含字母和数字`, `the password needs ${policy.minLength} characters with letters and digits`));
  }
  return problems;
}

export const importHasProblems = (problems: TStaffImportProblem[]) =>
  new AppError(
    'unprocessable',
    'IMPORT_HAS_PROBLEMS',
    { zh: `导入文件有 ${problems.length} 处问题，未导入任何人员；请先修正`, en: `The file has ${problems.length} problems; nobody was imported. Fix them first` },
    problems.map((p) => ({ path: `row ${p.row}`, code: p.code, zh: p.zh, en: p.en })),
  );

/** Checks again, then creates every row's account; onProgress(done, total) after each. */
export async function importStaffRows(
  db: Db, rows: TStaffImportRow[], by: StaffAdmin, at: Date, policy: PasswordPolicy = DEFAULT_PASSWORD_POLICY,
  onProgress: (done: number, total: number) => void = () => undefined,
): Promise<TStaffPasswordIssued[]> {
  const problems = await checkStaffImport(db, rows, by, policy);
  if (problems.length > 0) throw importHasProblems(problems);
  const created: TStaffPasswordIssued[] = [];
  for (const r of rows) {
    const unitCode = r.unitCode.trim();
    const { roles } = parseRoles(r.roles);
    created.push(
      await createStaffAccount(
        db,
        { username: r.username, name: r.name, phone: r.phone, roles: roles.map((role) => ({ role, unitCode })), ...(r.password !== undefined ? { password: r.password } : {}) },
        by, at, policy,
      ),
    );
    onProgress(created.length, rows.length);
  }
  return created;
}
