create table wallet (
    wallet_id          varchar(40)  primary key,
    user_id            varchar(255) not null unique,
    user_status        varchar(20)  not null default 'pending' check (user_status in ('pending', 'active', 'suspended')),
    currency           char(3)      not null,
    pin_hash           text,
    biometric_device   varchar(120),
    biometric_key      text,
    terms_version      varchar(40),
    verification_level int          not null default 0,
    activated_at       timestamptz,
    created_at         timestamptz  not null default now()
);

-- One account per wallet and currency, plus system accounts (funding sources) that may go negative.
create table ledger_account (
    account_id    varchar(80) primary key,
    wallet_id     varchar(40) references wallet (wallet_id),
    kind          varchar(20) not null check (kind in ('wallet', 'system')),
    currency      char(3)     not null,
    balance_minor bigint      not null default 0,
    constraint wallet_accounts_never_negative check (kind = 'system' or balance_minor >= 0)
);

create table ledger_transaction (
    txn_id       varchar(40)  primary key,
    kind         varchar(30)  not null,
    reference    varchar(160) not null unique,
    currency     char(3)      not null,
    amount_minor bigint       not null check (amount_minor > 0),
    created_at   timestamptz  not null default now()
);

create table ledger_posting (
    posting_id   bigserial   primary key,
    txn_id       varchar(40) not null references ledger_transaction (txn_id),
    account_id   varchar(80) not null references ledger_account (account_id),
    amount_minor bigint      not null check (amount_minor <> 0),
    created_at   timestamptz not null default now()
);
create index ledger_posting_account on ledger_posting (account_id, created_at);

-- Double entry, enforced by the database: at commit, every transaction's postings sum to zero.
create function ledger_check_balanced() returns trigger language plpgsql as $$
begin
    if (select coalesce(sum(amount_minor), 0) from ledger_posting where txn_id = new.txn_id) <> 0 then
        raise exception 'ledger transaction % is not balanced', new.txn_id;
    end if;
    return null;
end;
$$;
create constraint trigger ledger_posting_balanced after insert on ledger_posting
    deferrable initially deferred for each row execute function ledger_check_balanced();

create table external_account (
    external_account_id varchar(40) primary key,
    wallet_id           varchar(40) not null references wallet (wallet_id),
    type                varchar(20) not null,
    status              varchar(20) not null,
    created_at          timestamptz not null default now()
);
