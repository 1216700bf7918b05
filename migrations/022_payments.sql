-- Fees paid online (payment provider) or at the counter. A sub-case whose matter has a fee with a
-- fixed amount waits for its payment before it can be approved; a refused sub-case that was paid is
-- refunded once (issue 9).

-- the cases module's own fact: when the sub-case's fee was paid (approval waits for it)
alter table subcases add column paid_at timestamptz;

create table payments (
  id uuid primary key,
  subcase_id uuid not null references subcases(id),
  application_id uuid not null references applications(id),
  -- our order number at the provider (merchant order number); a counter payment has one too
  order_no text not null unique,
  channel text not null check (channel in ('online', 'counter')),
  amount_fen bigint not null check (amount_fen > 0),
  status text not null check (status in ('pending', 'paid', 'closed', 'refunding', 'refunded')),
  provider_order_id text,
  pay_url text,
  -- the counter's receipt number (票据号), or the provider's transaction id
  receipt_no text,
  recorded_by int references users(id),
  paid_at timestamptz,
  refund_no text unique,
  refund_reason text,
  refunded_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index payments_application on payments(application_id);
-- at most one open order and at most one settled payment per sub-case
create unique index payments_one_pending on payments(subcase_id) where status = 'pending';
create unique index payments_one_settled on payments(subcase_id) where status in ('paid', 'refunding', 'refunded');

-- every callback the provider sent, by its notification id: a replayed one is answered, not applied again
create table payment_callbacks (
  notify_id text primary key,
  order_no text not null,
  outcome text not null,
  received_at timestamptz not null
);
