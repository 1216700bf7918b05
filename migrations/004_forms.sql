-- 一次表单: uploaded material files, server-side drafts of the one form, and the materials of each
-- application (uploads, 容缺 deferrals with their deadline, 告知承诺 promises).

create table uploads (
  id uuid primary key default gen_random_uuid(),
  owner_id int not null references users(id),
  -- the sanitised file name the person gave
  name text not null,
  size int not null check (size > 0),
  -- sniffed from the bytes, never taken from the request
  content_type text not null check (content_type in ('application/pdf', 'image/jpeg', 'image/png')),
  -- hex; the file is stored under uploadDir as <sha256> (same bytes, same file)
  sha256 char(64) not null,
  created_at timestamptz not null default now()
);
create index uploads_owner on uploads(owner_id, created_at desc);

create table form_drafts (
  user_id int not null references users(id),
  theme_code text not null,
  body jsonb not null,
  updated_at timestamptz not null default now(),
  primary key (user_id, theme_code)
);

-- the signed promise (承诺书) of an application, when any material was deferred or promised
create table application_promises (
  application_id uuid primary key references applications(id),
  signed_name text not null,
  signed_at timestamptz not null
);

create table application_materials (
  application_id uuid not null references applications(id),
  -- the merged material key of the notice
  code text not null,
  name_zh text not null,
  name_en text not null,
  provision text not null check (provision in ('upload', 'deferred', 'commitment', 'datahub', 'certificate', 'previousResult', 'paper')),
  upload_ids text[] not null default '{}',
  -- the matters of the application that use it: each sub-case shows only its own
  matters text[] not null,
  -- 容缺: the date (China time) by which it must be handed in
  deferred_until text check (deferred_until ~ '^\d{4}-\d{2}-\d{2}$'),
  primary key (application_id, code)
);
-- "which sub-cases use this upload" for download access
create index application_materials_uploads on application_materials using gin (upload_ids);
