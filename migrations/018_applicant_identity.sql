-- The applicant is who signed in: each application records for whom it was made and on what basis,
-- the hash of the submit body its idempotency key answers for, and the keys of its life event.

alter table applications
  -- person, enterprise or project owner (建设单位); null on applications made before this migration
  add column applicant_kind text check (applicant_kind in ('person', 'enterprise', 'project-owner')),
  -- for whom, when it is not the applicant person: the enterprise's unified social credit code
  add column subject_credit_code text,
  -- on what basis the signed-in person acted: for themselves, as the enterprise's legal representative
  -- or authorised agent (checked against the enterprise registry), or staff at the counter / helping on behalf
  add column acting_basis text check (acting_basis in ('self', 'legal-representative', 'authorised-agent', 'counter', 'on-behalf')),
  add column acting_note text,
  -- SHA-256 of the submit body (without the key): the same key with another body is refused
  add column request_hash text,
  -- SHA-256 of (theme, key elements, values) for each uniqueness key of the theme the values fill
  add column life_event_keys text[];

create index applications_life_event_keys on applications using gin (life_event_keys) where life_event_keys is not null;
