-- Dispatch to department systems (分发与结果回传): how each unit's system takes its sub-cases, the
-- keys it signs with, the tasks sent or offered to it, the result events it sends back (idempotent by
-- event id, applied in the unit's sequence order), and the drift found by reconciliation.

-- A unit without a row works in Yijian's own back office.
create table unit_adapters (
  unit_code text primary key references units(code),
  kind text not null check (kind in ('back-office', 'push', 'pull', 'manual')),
  -- push: the base URL of the unit's system (POST {endpoint_url}/subcases); push and pull: reconciliation
  endpoint_url text,
  settings jsonb not null default '{}'::jsonb,
  updated_by bigint,
  updated_at timestamptz not null default now()
);

-- Several keys may be valid during a rotation: signing uses the newest non-retired one,
-- verification accepts any non-retired one.
create table unit_keys (
  unit_code text not null references units(code),
  key_id text not null,
  secret text not null,
  created_at timestamptz not null default now(),
  retired_at timestamptz,
  primary key (unit_code, key_id)
);

-- One task per dispatch event of a sub-case (released, withdrawn, supplement answered), made once
-- per outbox row; `sequence` numbers a sub-case's tasks from 1.
create table dispatch_tasks (
  id uuid primary key,
  outbox_id bigint not null unique,
  subcase_id uuid not null references subcases(id),
  unit_code text not null references units(code),
  -- the adapter kind when it was made: push, pull or manual (back-office units need no task)
  kind text not null check (kind in ('push', 'pull', 'manual')),
  event text not null,
  sequence int not null check (sequence >= 1),
  envelope jsonb not null,
  -- pending: not yet delivered / acknowledged / entered; done: delivered (push), acked (pull), entered (manual)
  state text not null default 'pending' check (state in ('pending', 'done')),
  attempts int not null default 0,
  -- pull: offered to a poller until then; offered again afterwards if not acknowledged
  leased_until timestamptz,
  external_case_no text,
  -- manual: the clerk who typed it into the other system (二次录入)
  entered_by bigint,
  created_at timestamptz not null default now(),
  done_at timestamptz,
  unique (subcase_id, sequence)
);
create index dispatch_tasks_open on dispatch_tasks(unit_code, kind, created_at) where state = 'pending';
create index dispatch_tasks_unit_done on dispatch_tasks(unit_code, kind) where state = 'done';

-- Download links in task envelopes are signed with this (one row, made on first use).
create table dispatch_secrets (
  name text primary key,
  secret text not null
);

-- The unit's own counter of result events per sub-case: the last one applied.
create table adapter_sequences (
  subcase_id uuid primary key references subcases(id),
  unit_code text not null,
  last_sequence int not null default 0,
  updated_at timestamptz not null default now()
);

-- Result events sent back by units: unique per unit by event id (idempotency); an event ahead of the
-- next expected sequence is parked until the gap fills.
create table adapter_events (
  unit_code text not null,
  event_id text not null,
  subcase_id uuid not null references subcases(id),
  sequence int not null check (sequence >= 1),
  type text not null,
  body jsonb not null,
  -- parked: waiting for earlier sequences; applied; failed: refused by the case rules (kept, sequence consumed)
  state text not null check (state in ('parked', 'applied', 'failed')),
  -- applied: { status }; failed: { code, status, zh, en }
  outcome jsonb,
  received_at timestamptz not null default now(),
  applied_at timestamptz,
  primary key (unit_code, event_id),
  unique (subcase_id, sequence)
);
create index adapter_events_parked on adapter_events(subcase_id, sequence) where state = 'parked';

-- What reconciliation found: the unit's view of a sub-case differs from Yijian's.
create table reconciliation_findings (
  id bigserial primary key,
  unit_code text not null,
  subcase_id uuid not null,
  kind text not null check (kind in ('status-differs', 'sequence-differs', 'missing-at-unit', 'unreachable')),
  yijian_status char(2),
  unit_status text,
  yijian_sequence int,
  unit_sequence int,
  detail jsonb not null default '{}'::jsonb,
  found_at timestamptz not null default now(),
  resolved_at timestamptz
);
create index reconciliation_findings_open on reconciliation_findings(found_at desc) where resolved_at is null;
create index reconciliation_findings_subcase on reconciliation_findings(subcase_id, kind) where resolved_at is null;

-- Periodic dispatch jobs (reconciliation) that call out over HTTP: a lease taken under an advisory
-- lock, so that no transaction is held during the calls and only one worker runs a job at a time.
create table dispatch_jobs (
  name text primary key,
  locked_until timestamptz,
  last_run_at timestamptz
);
