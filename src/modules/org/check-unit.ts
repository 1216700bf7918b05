// What a unit must satisfy before it is stored: a real division, an existing parent that is not the
// unit itself or below it, a GB 32100 credit code (check character included) no other unit has.
import type { Db } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { parseCreditCode } from '../../platform/identifiers.ts';
import type { TUnitBody } from '../../contract/org.ts';
import { findDivision } from './org.repo.ts';
import { parentOf, unitWithCreditCode } from './units.repo.ts';

const bad = (code: string, zh: string, en: string) => new AppError('unprocessable', code, { zh, en });

export async function checkUnit(db: Db, u: TUnitBody, code: string): Promise<void> {
  const credit = parseCreditCode(u.creditCode);
  if (!credit.ok)
    throw credit.problem === 'CHECK_CHAR'
      ? bad('CREDIT_CODE_INVALID', `统一社会信用代码“${u.creditCode}”校验位不正确`, `The check character of the credit code "${u.creditCode}" is wrong`)
      : bad('CREDIT_CODE_INVALID', `统一社会信用代码“${u.creditCode}”格式不正确（18 位，GB 32100）`, `The credit code "${u.creditCode}" is not in the GB 32100 format (18 characters)`);
  const holder = await unitWithCreditCode(db, credit.creditCode);
  if (holder !== undefined && holder !== code)
    throw new AppError('conflict', 'CREDIT_CODE_TAKEN', { zh: '该统一社会信用代码已属于另一个单位', en: 'Another unit has this credit code' });
  if (!(await findDivision(db, u.divisionCode))) throw bad('DIVISION_NOT_FOUND', `行政区划“${u.divisionCode}”不存在`, `Division "${u.divisionCode}" does not exist`);
  if (u.parentCode !== null) {
    // walk up from the parent: meeting the unit itself would make a cycle
    let at: string | null | undefined = u.parentCode;
    const seen = new Set<string>();
    if ((await parentOf(db, u.parentCode)) === undefined) throw bad('PARENT_UNIT_NOT_FOUND', `上级单位“${u.parentCode}”不存在`, `Parent unit "${u.parentCode}" does not exist`);
    while (at && !seen.has(at)) {
      if (at === code) throw bad('PARENT_CYCLE', '上级单位不能是本单位或其下级单位', 'The parent cannot be the unit itself or one below it');
      seen.add(at);
      at = await parentOf(db, at);
    }
  }
}
