-- Withdrawals (spec 6.6): the amount is held at initiation and leaves the ledger for the
-- system withdrawals account once the user approves.
alter table hold drop constraint hold_purpose_check;
alter table hold add constraint hold_purpose_check check (purpose in ('p2p', 'gift', 'payment', 'withdrawal'));

create table withdrawal (
    withdrawal_id       varchar(40)  primary key,
    reference           varchar(160) not null unique,
    wallet_id           varchar(40)  not null references wallet (wallet_id),
    external_account_id varchar(40)  not null references external_account (external_account_id),
    hold_id             varchar(40)  not null references hold (hold_id),
    currency            char(3)      not null,
    amount_minor        bigint       not null check (amount_minor > 0),
    status              varchar(20)  not null check (status in ('pending_approval', 'completed')),
    created_at          timestamptz  not null default now(),
    completed_at        timestamptz
);

-- A user's own spending ceiling below their level's daily limit (6.3.4 initial_settings).
alter table wallet add column daily_limit_minor bigint check (daily_limit_minor > 0);
