-- Foundation: divisions, units, identity, sessions, audit log, catalog.
-- The same file runs on PGlite and PostgreSQL 15: use nothing newer.

create table divisions (
  code text primary key,
  name text not null,
  name_en text not null,
  parent_code text references divisions(code),
  level text not null check (level in ('province', 'city', 'district', 'street', 'community'))
);

create table units (
  code text primary key,
  name text not null,
  name_en text not null,
  level text not null check (level in ('province', 'city', 'district', 'street', 'community')),
  kind text not null,
  division_code text not null references divisions(code),
  parent_code text references units(code),
  credit_code text not null unique,
  address text,
  phone text
);
create index units_division on units(division_code);

create table users (
  id bigserial primary key,
  username text not null unique,
  password_hash text not null,
  role text not null check (role in ('citizen', 'enterprise', 'counter', 'officer', 'supervisor', 'hotline', 'catalog_admin', 'platform_admin')),
  display_name text not null,
  id_number text unique,
  phone text,
  email text,
  address text,
  division_code text references divisions(code),
  unit_code text references units(code),
  enterprise_credit_code text,
  enterprise_name text,
  external_subject text unique,
  disabled boolean not null default false,
  created_at timestamptz not null default now(),
  check (role not in ('officer', 'counter') or unit_code is not null),
  check (role <> 'enterprise' or enterprise_credit_code is not null)
);

create table sessions (
  id text primary key,
  user_id bigint not null references users(id) on delete cascade,
  csrf_token text not null,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null
);
create index sessions_user on sessions(user_id);

create table audit_log (
  id bigserial primary key,
  at timestamptz not null default now(),
  actor_id bigint,
  actor_role text,
  action text not null,
  target_type text not null,
  target_id text,
  reason text,
  detail jsonb not null default '{}'::jsonb,
  ip text
);
create index audit_log_at on audit_log(at desc);
create index audit_log_actor on audit_log(actor_id, at desc);
create index audit_log_target on audit_log(target_type, target_id, at desc);

create function audit_log_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'audit_log is append-only';
end
$$;
create trigger audit_log_no_change before update or delete on audit_log
  for each row execute function audit_log_append_only();

-- Catalog: each matter and theme has a working draft and immutable published versions.
create table data_elements (
  code text primary key,
  doc jsonb not null,
  updated_at timestamptz not null default now()
);

create table matters (
  code text primary key,
  name text not null,
  unit_code text not null references units(code),
  draft jsonb not null,
  draft_updated_at timestamptz not null default now(),
  draft_updated_by bigint references users(id),
  published_version int
);

create table matter_versions (
  code text not null references matters(code),
  version int not null,
  doc jsonb not null,
  published_at timestamptz not null default now(),
  published_by bigint references users(id),
  primary key (code, version)
);

create table themes (
  code text primary key,
  seq int not null unique,
  name text not null,
  lifecycle text not null check (lifecycle in ('person', 'enterprise', 'project')),
  draft jsonb not null,
  draft_updated_at timestamptz not null default now(),
  draft_updated_by bigint references users(id),
  published_version int
);

-- A theme version pins the matter versions it was published with: an application keeps them.
create table theme_versions (
  code text not null references themes(code),
  version int not null,
  doc jsonb not null,
  matter_versions jsonb not null,
  published_at timestamptz not null default now(),
  published_by bigint references users(id),
  primary key (code, version)
);

-- Chinese search: character bigrams of the published theme text, in a GIN index.
create table theme_search (
  code text primary key references themes(code),
  grams text[] not null
);
create index theme_search_grams on theme_search using gin (grams);

-- Bumped on every publish so that processes can drop cached catalog data.
create table catalog_state (
  id int primary key check (id = 1),
  generation bigint not null
);
insert into catalog_state (id, generation) values (1, 0);
