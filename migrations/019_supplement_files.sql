-- 补齐补正 with files: the uploads an applicant hands in with a supplement answer, per sub-case.
-- The officer of the sub-case's unit (and its system, by signed link) may download them.
create table supplement_files (
  subcase_id uuid not null references subcases(id),
  upload_id uuid not null references uploads(id),
  -- when the answer that carried the file was given (the case_history row of event supplementAnswered at that time)
  answered_at timestamptz not null,
  primary key (subcase_id, upload_id)
);
create index supplement_files_upload on supplement_files(upload_id);
