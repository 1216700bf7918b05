-- 办件智能分发: the admins' routing rules. A rule says which unit handles a matter for applicants of a
-- division (and the divisions below it, unless a more specific rule exists). Without a rule the
-- unit is derived from the catalog (see src/modules/routing/routing.ts).
create table routing_rules (
  id bigserial primary key,
  matter_code text not null,
  division_code text not null references divisions(code),
  unit_code text not null references units(code),
  note text,
  updated_by int references users(id),
  updated_at timestamptz not null default now(),
  unique (matter_code, division_code)
);
