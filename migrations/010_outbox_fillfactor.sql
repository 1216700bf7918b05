-- Claiming an outbox row changes only its lease (locked_until, attempts), which no index holds: with
-- room left on each page the new row version stays on its page (a HOT update) and no index entry is
-- written. Measured in psql on 40,000 rows: claiming 20,000 took 316 ms instead of 448 ms, marking
-- them done 234 ms instead of 327 ms. Pages filled before this keep their layout until rewritten.
alter table outbox set (fillfactor = 70);
