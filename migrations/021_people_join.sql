-- People can join: SMS codes for registration (stored hashed), the city's limits on them, the
-- pending unified-identity (OIDC) sign-ins, and the query code printed on an application's receipt.

-- one SMS code sent to a phone for a purpose; the code itself is only in the SMS
create table sms_challenges (
  id uuid primary key,
  phone text not null,
  purpose text not null check (purpose in ('register')),
  code_hash text not null,
  ip text not null,
  created_at timestamptz not null,
  expires_at timestamptz not null,
  attempts int not null default 0,
  used_at timestamptz
);
-- the rate limits count recent codes per phone and per address
create index sms_challenges_phone on sms_challenges(phone, created_at desc);
create index sms_challenges_ip on sms_challenges(ip, created_at desc);

-- one row: what a city sets for registration codes (defaults below)
create table identity_settings (
  id boolean primary key default true check (id),
  sms_code_ttl_minutes int not null default 10 check (sms_code_ttl_minutes between 1 and 60),
  sms_code_max_attempts int not null default 5 check (sms_code_max_attempts between 1 and 20),
  -- codes a phone number may receive per hour, and an address (IP) may ask for per hour
  sms_per_phone_per_hour int not null default 5 check (sms_per_phone_per_hour >= 1),
  sms_per_ip_per_hour int not null default 20 check (sms_per_ip_per_hour >= 1),
  -- seconds before the same phone may be sent another code
  sms_resend_seconds int not null default 60 check (sms_resend_seconds >= 0)
);
insert into identity_settings (id) values (true);

-- a unified-identity sign-in under way: the browser holds the state in a cookie, the server the
-- nonce and the PKCE verifier; the row is taken (deleted) by the callback
create table oidc_pending_logins (
  state text primary key,
  nonce text not null,
  code_verifier text not null,
  return_to text not null,
  created_at timestamptz not null,
  expires_at timestamptz not null
);

-- 查询码: printed on the receipt; with the application number anyone may see its progress
create table application_query_codes (
  application_id uuid primary key references applications(id),
  code text not null,
  created_at timestamptz not null
);

-- one row: how many wrong progress look-ups an address may make in the window
create table progress_lookup_settings (
  id boolean primary key default true check (id),
  max_failures int not null default 10 check (max_failures >= 1),
  window_minutes int not null default 15 check (window_minutes >= 1)
);
insert into progress_lookup_settings (id) values (true);
