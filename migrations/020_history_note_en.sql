-- A history note the platform writes (a sub-case waits for its prerequisites, is dispatched, is voided
-- because a prerequisite was refused) is kept in both languages: `note` in Chinese, `note_en` in English,
-- so a Chinese screen shows only Chinese. A note a person wrote (an officer's reason, a citizen's answer)
-- has only `note`, shown as written in either language. Earlier rows held "中文 / English" in `note`;
-- the presenter splits those when it reads them (the history stays append-only).
alter table case_history add column note_en text;
