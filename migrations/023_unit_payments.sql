-- A fee collected by the unit's own system (税务 collects 医保 contributions, for example): the
-- department system reports it with its approval, and Yijian records it as a payment of channel
-- 'unit' with the unit's receipt number (票据号), so the approval gate and the applicant see it paid.
alter table payments drop constraint payments_channel_check;
alter table payments add constraint payments_channel_check check (channel in ('online', 'counter', 'unit'));
