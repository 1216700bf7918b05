-- The case clock's sweep writes a narrow side table, not `subcases` (src/modules/cases/sweep-case-clocks.ts).
-- `level_due_at` was indexed on `subcases`, so every level change rewrote a wide sub-case row and
-- all of its indexes (no HOT update), which cost the submits running beside the sweep. Now a level
-- change rewrites one narrow row and its two index entries. The due times (`notice_at`,
-- `promised_at`, `legal_due_at`) stay on `subcases`: the use cases write them, the sweep reads them.
create table subcase_clock_levels (
  subcase_id uuid primary key references subcases(id) on delete cascade,
  warning_level text not null default 'none' check (warning_level in ('none', 'notice', 'yellow', 'red')),
  -- when the level must next change; null when no change is pending (final, paused, red)
  level_due_at timestamptz
);
-- the sweep: one index range scan over the rows whose level is due (paused and final sub-cases have none)
create index subcase_clock_levels_due on subcase_clock_levels(level_due_at) where level_due_at is not null;

insert into subcase_clock_levels (subcase_id, warning_level, level_due_at)
  select id, warning_level,
         case when paused_since is null and status not in ('01', '07', '10', '11', '12', '13') then level_due_at end
    from subcases
   where warning_level <> 'none' or level_due_at is not null;

drop index subcases_level_due;
alter table subcases drop column warning_level;
alter table subcases drop column level_due_at;

-- each level change is now a domain event ('subcase.deadline-level-changed', cases.events.ts),
-- written to the outbox by the sweep's transaction for each subscriber
drop table subcase_deadline_changes;
