-- Withdrawals end (ADR 0038): never approved within the deadline they expire, the user may cancel
-- one still awaiting approval; both give the held money back. 'approving' marks an approval whose
-- pay-out is under way, so a cancel or the expiry can no longer take it.
alter table withdrawal drop constraint withdrawal_status_check;
alter table withdrawal add constraint withdrawal_status_check
    check (status in ('pending_approval', 'approving', 'completed', 'cancelled', 'expired'));
alter table withdrawal add column ended_at timestamptz;
create index withdrawal_open on withdrawal (status, created_at) where status in ('pending_approval', 'approving');
