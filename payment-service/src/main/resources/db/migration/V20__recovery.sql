-- Recovery of intermediate states (ADR 0037): transfers left unconfirmed are found by age, and a
-- refused capture is retried a bounded number of times before the money goes back.
alter table p2p_transfer add column settle_attempts int not null default 0;
create index p2p_transfer_unconfirmed on p2p_transfer (created_at) where status = 'pending_authorization';
