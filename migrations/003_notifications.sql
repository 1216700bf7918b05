-- Outbox dispatching (leases, retries with backoff, dead letters) and notifications to applicants:
-- in-app messages, each person's channel settings, and one delivery row per (outbox row, channel)
-- so that a retried outbox row never sends twice on a channel that already succeeded.

alter table outbox add column last_error text;
-- dead letter: gave up after the configured number of attempts; kept for an operator to look at
alter table outbox add column dead_at timestamptz;

drop index outbox_claim;
create index outbox_claim on outbox(available_at, id) where done_at is null and dead_at is null;
-- ordering per key: "is there an earlier unfinished row with this key?"
create index outbox_pending_key on outbox(key, id) where done_at is null and dead_at is null;

create table notification_settings (
  user_id int primary key references users(id),
  email text,
  phone text,
  email_enabled boolean not null default false,
  sms_enabled boolean not null default false,
  updated_at timestamptz not null default now()
);

-- in-app messages (站内消息), one per event and person
create table notifications (
  id uuid primary key default gen_random_uuid(),
  user_id int not null references users(id),
  kind text not null,
  title jsonb not null,
  body jsonb not null,
  link text,
  outbox_id bigint,
  created_at timestamptz not null default now(),
  read_at timestamptz,
  unique (outbox_id, user_id)
);
create index notifications_user on notifications(user_id, created_at desc);
create index notifications_unread on notifications(user_id) where read_at is null;

create table notification_deliveries (
  outbox_id bigint not null,
  channel text not null check (channel in ('inapp', 'email', 'sms')),
  recipient text,
  external_id text,
  sent_at timestamptz not null default now(),
  primary key (outbox_id, channel)
);
