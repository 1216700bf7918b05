-- case_history.event takes only the declared case events (the keys of CASE_EVENTS in
-- src/contract/case-status.ts); history-events.test.ts fails when the two disagree.
alter table case_history add constraint case_history_event_declared check (event in (
  'submit', 'receive', 'preAccept', 'returnPreAcceptance', 'accept', 'notAccept', 'requestSupplement', 'supplementAnswered', 'startHandling', 'startSpecialProcedure', 'endSpecialProcedure', 'approve', 'reject', 'referral', 'void', 'withdraw', 'followSubcases', 'confirm'
));
