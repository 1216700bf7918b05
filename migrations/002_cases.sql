-- 一次联办: theme applications, their sub-cases (one per matter), the append-only history of every
-- transition, and the outbox for side effects (written in the same transaction as the change).

create sequence application_number_seq;

create table applications (
  id uuid primary key default gen_random_uuid(),
  -- YJ + Shanghai date + serial, e.g. YJ20261128000001
  number text not null unique,
  theme_code text not null,
  theme_version int not null,
  applicant_id int not null references users(id),
  channel text not null check (channel in ('web', 'mobile', 'counter', 'on-behalf')),
  staff_id int references users(id),
  status char(2) not null,
  answers jsonb not null default '{}'::jsonb,
  delivery_way text not null check (delivery_way in ('online', 'express', 'counter')),
  delivery_address text,
  delivery_counter text,
  idempotency_key text not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  -- a retried submit never makes a second application
  constraint applications_idempotency unique (applicant_id, idempotency_key)
);
create index applications_applicant on applications(applicant_id, created_at desc);

create table subcases (
  id uuid primary key default gen_random_uuid(),
  application_id uuid not null references applications(id),
  -- the matter's place in the theme, for showing sub-cases in the theme's order
  seq smallint not null,
  matter_code text not null,
  matter_version int not null,
  matter_name text not null,
  unit_code text not null references units(code),
  status char(2) not null,
  -- 数据最小化: only the elements this matter declares
  data jsonb not null default '{}'::jsonb,
  -- the data elements this matter declares (its slice), pinned at submission
  elements text[] not null default '{}',
  -- results of earlier sub-cases passed in when released: [{ matter, field, element }]
  inputs jsonb not null default '[]'::jsonb,
  result jsonb,
  -- the matter's promised limit (承诺时限) as pinned at submission: { value, unit }
  time_limit jsonb not null,
  promised_at timestamptz,
  clock jsonb,
  released_at timestamptz,
  -- matter codes of the sub-cases in the same application this one waits for
  needs text[] not null default '{}',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (application_id, matter_code)
);
create index subcases_application on subcases(application_id);
-- the unit worklist: filtered by status, sorted by deadline
create index subcases_worklist on subcases(unit_code, status, promised_at, id);

create table case_history (
  id bigserial primary key,
  case_kind text not null check (case_kind in ('application', 'subcase')),
  case_id uuid not null,
  application_id uuid not null,
  from_status char(2),
  to_status char(2) not null,
  event text not null,
  actor_id int,
  actor_role text,
  note text,
  at timestamptz not null default now()
);
create index case_history_application on case_history(application_id, id);

create function case_history_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'case_history is append-only';
end
$$;
create trigger case_history_no_change before update or delete on case_history
  for each row execute function case_history_append_only();

create table outbox (
  id bigserial primary key,
  topic text not null,
  key text not null,
  payload jsonb not null,
  created_at timestamptz not null default now(),
  available_at timestamptz not null default now(),
  attempts int not null default 0,
  locked_until timestamptz,
  done_at timestamptz
);
-- claiming: the oldest available, unfinished rows (select … for update skip locked)
create index outbox_claim on outbox(available_at, id) where done_at is null;
create index outbox_topic_key on outbox(topic, key);
