-- Holds: money taken from a wallet's available balance into an account of its own, from where it is
-- captured to recipients or released back. Incoming: money sent to a pending wallet, available on
-- activation. Merchant: a mini-app's wallet (user_id is its client id).
alter table ledger_account drop constraint ledger_account_kind_check;
alter table ledger_account add constraint ledger_account_kind_check
    check (kind in ('wallet', 'system', 'hold', 'incoming'));

alter table wallet add column kind varchar(20) not null default 'user' check (kind in ('user', 'merchant'));
alter table wallet add column totp_secret text;

create table hold (
    hold_id      varchar(40)  primary key,
    reference    varchar(160) not null unique,
    wallet_id    varchar(40)  not null references wallet (wallet_id),
    purpose      varchar(20)  not null check (purpose in ('p2p', 'gift', 'payment')),
    currency     char(3)      not null,
    amount_minor bigint       not null check (amount_minor > 0),
    created_at   timestamptz  not null default now()
);

-- Which movement an external reference produced, for kinds that are not sent money (captures,
-- releases, refunds) the limits read from ledger_transaction.kind.
create index ledger_transaction_kind on ledger_transaction (kind, created_at);
