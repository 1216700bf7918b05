// 单位人员: who works in a unit, with usernames and every unit role; phones masked.
import type { Actor } from '../../platform/actor.ts';
import type { Db } from '../../platform/db.ts';
import { notFound } from '../../platform/errors.ts';
import type { TStaffList } from '../../contract/staff.ts';
import { findUnit } from '../org/index.ts';
import { listUnitStaff } from './staff.repo.ts';
import { assertCanManageUnit } from './staff.policy.ts';
import { maskPhone } from '../../platform/identifiers.ts';


export async function listStaffOfUnit(db: Db, unitCode: string, by: Actor): Promise<TStaffList> {
  await assertCanManageUnit(db, by, unitCode);
  const unit = await findUnit(db, unitCode);
  if (!unit) throw notFound({ zh: '单位', en: 'Unit' }, 'UNIT_NOT_FOUND');
  const people = await listUnitStaff(db, unitCode);
  return {
    unit: { code: unit.code, name: unit.name, nameEn: unit.nameEn },
    items: people.map((p) => ({
      id: p.id, username: p.username, name: p.display_name, phone: p.phone === null ? null : maskPhone(p.phone), disabled: p.disabled,
      mustChangePassword: p.must_change_password, role: p.role, unitRoles: p.grants,
    })),
  };
}
