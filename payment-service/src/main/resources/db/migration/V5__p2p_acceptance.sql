-- Recipient acceptance (spec 7.2.7): the sender's money waits in a wallet hold until the recipient
-- accepts (captured to them), rejects or lets 24 h pass (released to the sender). accepting,
-- rejecting and expiring are the decided-but-not-yet-settled states a crash may leave behind;
-- the settlement job finishes them.
alter table p2p_transfer add column acceptance_required boolean not null default false;
alter table p2p_transfer add column recipient_status varchar(20);
alter table p2p_transfer add column hold_id varchar(40);
alter table p2p_transfer add column expires_at timestamptz;
alter table p2p_transfer add column decided_at timestamptz;
alter table p2p_transfer add column reject_reason varchar(100);
alter table p2p_transfer add column reject_message varchar(500);
alter table p2p_transfer add column activation_url varchar(500);
create index p2p_transfer_awaiting on p2p_transfer (status, expires_at)
    where status in ('pending_recipient_acceptance', 'accepting', 'rejecting', 'expiring');
