-- A history note the platform writes (a sub-case waits for its prerequisites, is dispatched, is voided
-- because a prerequisite was refused) is kept in both languages: `note` in Chinese, `note_en` in English,
-- so a Chinese screen shows only Chinese. A note a person wrote (an officer's reason, a citizen's answer)
-- has only `note`, shown as written in either language. Earlier rows held "中文 / English" in `note`;
-- the presenter splits those when it reads them (the history stays append-only).
alter table case_history add column note_en text;

-- A form to fill (申请表) is generated from the one form and signed online: the material is stored with
-- provision 'generated', the signed-in person who signed it and when (a counter intake: the citizen,
-- when they confirm).
alter table application_materials drop constraint application_materials_provision_check;
alter table application_materials add constraint application_materials_provision_check
  check (provision in ('upload', 'deferred', 'commitment', 'datahub', 'certificate', 'previousResult', 'paper', 'generated'));
alter table application_materials add column signed_by int references users(id);
alter table application_materials add column signed_at timestamptz;
alter table application_materials add constraint application_materials_signed
  check ((provision = 'generated') = (signed_by is not null and signed_at is not null));
