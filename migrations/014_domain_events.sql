-- Domain events with fan-out (ADR 0006): an outbox row is one event for one subscriber, so each
-- subscriber has its own order per key, attempts, lease, backoff and dead letter. `topic` is the
-- event's type; `payload` the event without it.
alter table outbox add column subscriber text;
update outbox set subscriber = case
  when topic in ('subcase.released', 'subcase.withdrawn', 'subcase.supplement-answered') then 'dispatch.deliver'
  when topic = 'counter.confirmation-code' then 'notify.counter-sms'
  else 'notify.applicant' end;
-- withdrawals were written before anyone consumed them: they are history, not messages to send now
update outbox set done_at = now(), last_error = 'written before application.withdrawn had a subscriber'
  where topic = 'application.withdrawn' and done_at is null and dead_at is null;
alter table outbox alter column subscriber set not null;
drop index outbox_pending_key;
-- ordering per subscriber and key: "is there an earlier unfinished row of mine with this key?"
create index outbox_pending_key on outbox(subscriber, key, id) where done_at is null and dead_at is null;
drop index outbox_topic_key;

-- 容缺 reminders are no longer outbox rows scheduled for later: the scheduler's sweep emits
-- 'material.deferred-due' when remind_at has come (and the material is still deferred)
alter table application_materials add column remind_at timestamptz;
alter table application_materials add column reminded_at timestamptz;
update application_materials m set remind_at = o.available_at, reminded_at = o.done_at
  from outbox o
  where o.topic = 'material.deferred-due' and o.key = m.application_id::text || ':' || m.code;
delete from outbox where topic = 'material.deferred-due' and dead_at is null;
create index application_materials_remind on application_materials(remind_at) where reminded_at is null and provision = 'deferred';

-- one scheduler for timed work: a row per task, its lease and its last run
create table scheduled_tasks (
  name text primary key,
  locked_until timestamptz,
  last_run_at timestamptz,
  last_ok_at timestamptz,
  last_error text,
  last_count int
);
drop table dispatch_jobs;
