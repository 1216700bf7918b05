-- The counter channel (窗口收件 / 帮代办): staff take an application in for a citizen who is present;
-- it waits here until the citizen confirms it (signed in, or with a code sent to their phone), and
-- only then becomes an application. Runs on PostgreSQL 15 and PGlite.

create table counter_intakes (
  id uuid primary key default gen_random_uuid(),
  staff_id bigint not null references users(id),
  unit_code text references units(code),
  applicant_id bigint not null references users(id),
  channel text not null check (channel in ('counter', 'on-behalf')),
  on_behalf_reason text,
  theme_code text not null,
  theme_version int not null,
  -- the validated submit body, made into the application on confirmation
  body jsonb not null,
  -- what the citizen is shown to confirm: matters and values with their labels
  summary jsonb not null,
  -- a staff member's retried intake returns the same row
  idempotency_key text not null,
  status text not null default 'awaiting-confirmation'
    check (status in ('awaiting-confirmation', 'confirmed', 'declined', 'expired')),
  expires_at timestamptz not null,
  -- the SMS confirmation code: only its hash, its expiry and the wrong attempts
  code_hash text,
  code_expires_at timestamptz,
  code_attempts int not null default 0,
  code_sent_to text,
  code_sends int not null default 0,
  confirmed_at timestamptz,
  confirmed_by bigint references users(id),
  confirmation_method text check (confirmation_method in ('account', 'code')),
  application_id uuid references applications(id),
  application_number text,
  declined_at timestamptz,
  decline_reason text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint counter_intakes_idempotency unique (staff_id, idempotency_key)
);
create index counter_intakes_staff on counter_intakes(staff_id, created_at desc);
create index counter_intakes_applicant on counter_intakes(applicant_id, status, created_at desc);
