import type { UserRow } from './identity.repo.ts';
import type { TAdminUserDetail, TProfile, TUserView } from '../../contract/identity.ts';
import { ZRole } from '../../contract/identity.ts';

export function toUserView(u: UserRow): TUserView {
  return {
    id: u.id,
    username: u.username,
    role: ZRole.parse(u.role),
    name: u.display_name,
    unitCode: u.unit_code,
    creditCode: u.enterprise_credit_code,
    enterpriseName: u.enterprise_name,
  };
}

export function toProfile(u: UserRow): TProfile {
  return {
    ...toUserView(u),
    idNumber: u.id_number,
    phone: u.phone,
    email: u.email,
    address: u.address,
    divisionCode: u.division_code,
  };
}

export function toAdminUserDetail(u: UserRow): TAdminUserDetail {
  return { ...toProfile(u), disabled: u.disabled, externalSubject: u.external_subject, createdAt: u.created_at.toISOString() };
}
