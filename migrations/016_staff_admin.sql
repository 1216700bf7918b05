-- Staff and organisation administration (issue 9): the unit administrator role (单位管理员), a forced
-- password change at first sign-in, roles in several units, the unit a session acts for, and the
-- officer a sub-case is assigned to.

alter table users drop constraint users_role_check;
alter table users add constraint users_role_check
  check (role in ('citizen', 'enterprise', 'counter', 'officer', 'unit_admin', 'supervisor', 'hotline', 'catalog_admin', 'platform_admin'));
alter table users drop constraint users_check;
alter table users add constraint users_unit_role_has_unit check (role not in ('officer', 'counter', 'unit_admin') or unit_code is not null);
-- set by an admin's create or reset: every request but the password change answers 403 until it is changed
alter table users add column must_change_password boolean not null default false;

-- A person's roles in units beyond the one in users (role, unit_code), which stays the role a session
-- starts with: so every check of "officer of unit X" keeps reading one role and one unit.
create table staff_roles (
  user_id bigint not null references users(id) on delete cascade,
  unit_code text not null references units(code),
  role text not null check (role in ('officer', 'counter', 'unit_admin')),
  granted_by bigint references users(id),
  granted_at timestamptz not null,
  primary key (user_id, unit_code, role)
);
create index staff_roles_unit on staff_roles(unit_code);
create index users_unit_code on users(unit_code) where unit_code is not null;

-- The role and unit a session acts for when the person holds roles in several units (null: users' own).
alter table sessions add column acting_role text;
alter table sessions add column acting_unit_code text;

-- The officer of the unit a sub-case is assigned to (a supervisor or the unit admin reassigns it).
alter table subcases add column assigned_officer_id bigint references users(id);
