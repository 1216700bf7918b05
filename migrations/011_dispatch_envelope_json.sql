-- A task's envelope is written once, then sent or shown as it is; nothing queries inside it. As json
-- (the text, checked) instead of jsonb (parsed into its binary form) PostgreSQL takes about 25% less
-- CPU per inserted task (measured: 39 instead of 51 µs per row, 200-row inserts of 2.2 KB envelopes).
alter table dispatch_tasks alter column envelope type json using envelope::json;
