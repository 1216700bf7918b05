-- The case clock as data (src/modules/cases/subcase-clock.ts, sweep-case-clocks.ts): each sub-case
-- keeps its due times and warning level as columns. `promised_at` stays the promised due time (承诺时限);
-- the legal limit (法定时限) is pinned beside `time_limit` at submission. While paused (06, 09) both due
-- times are null and nothing becomes due; on resume both are recomputed from the office time used.
alter table subcases
  -- the matter's legal limit as pinned at submission: { value, unit }
  add column legal_limit jsonb,
  add column legal_due_at timestamptz,
  -- acceptance (受理): the clock's first start; null before (a provisional due time) 
  add column clock_started_at timestamptz,
  -- start of the current running span; null before acceptance and while paused
  add column running_since timestamptz,
  add column paused_since timestamptz,
  -- office time used in the running spans that ended with a pause, in milliseconds
  add column office_ms_used bigint not null default 0,
  -- when the level becomes notice: N working days (case_clock_settings) before the promised due time
  add column notice_at timestamptz,
  add column warning_level text not null default 'none' check (warning_level in ('none', 'notice', 'yellow', 'red')),
  -- when the level must next change; null when no change is pending (final, paused, red)
  add column level_due_at timestamptz;

-- the sweep: one index range scan over the open, unpaused sub-cases whose level is due
create index subcases_level_due on subcases(level_due_at) where level_due_at is not null and paused_since is null;

-- one row: the settings of the case clock
create table case_clock_settings (
  id boolean primary key default true check (id),
  -- 预警: the level becomes notice this many working days before the promised due time
  notice_workdays int not null default 2 check (notice_workdays >= 0)
);
insert into case_clock_settings (id, notice_workdays) values (true, 2);

-- each level change the sweep made (later turned into domain events)
create table subcase_deadline_changes (
  id bigserial primary key,
  subcase_id uuid not null,
  application_id uuid not null,
  unit_code text not null,
  from_level text not null,
  to_level text not null,
  at timestamptz not null
);
create index subcase_deadline_changes_subcase on subcase_deadline_changes(subcase_id, id);

-- backfill from what older rows hold: the legal limit of the pinned matter version, the clock json
update subcases s set legal_limit = mv.doc -> 'legalLimit'
  from matter_versions mv where mv.code = s.matter_code and mv.version = s.matter_version and mv.doc ? 'legalLimit';
update subcases set
    clock_started_at = (clock ->> 'startedAt')::timestamptz,
    running_since = (clock ->> 'runningSince')::timestamptz,
    office_ms_used = round((clock ->> 'usedBeforePauseMs')::numeric)::bigint,
    paused_since = case when clock ->> 'runningSince' is null and status in ('06', '09') then updated_at end
  where clock is not null;
-- levels of older open rows from their promised due time (their legal due and notice instants are
-- computed on their next resume; the calendar is not in SQL)
update subcases set
    warning_level = case when promised_at < now() then 'yellow' else 'none' end,
    level_due_at = case when promised_at < now() then null else promised_at + interval '1 millisecond' end
  where promised_at is not null and paused_since is null and status not in ('01', '07', '10', '11', '12', '13');
