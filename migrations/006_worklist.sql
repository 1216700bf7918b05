-- The unit worklist in keyset pages (cases.repo.ts worklist): every listing is one index range scan,
-- read in the listing's order, so a page costs the same on page 1 and page 10,000 of a 10M-row table.
-- Without a status filter ("everything released to the unit"): partial indexes over status <> '01'.
create index subcases_worklist_open_deadline on subcases(unit_code, promised_at, id) where status <> '01';
-- newest first = this index read backwards (released_at desc nulls last, id desc)
create index subcases_worklist_open_newest on subcases(unit_code, released_at nulls first, id) where status <> '01';
-- with a status filter, newest first (deadline order uses subcases_worklist from 002)
create index subcases_worklist_status_newest on subcases(unit_code, status, released_at nulls first, id);
