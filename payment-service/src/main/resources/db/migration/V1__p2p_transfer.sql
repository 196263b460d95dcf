create table p2p_transfer (
    transfer_id         varchar(40)  primary key,
    idempotency_key     varchar(100) not null,
    request_hash        varchar(64)  not null,
    sender_user_id      varchar(255) not null,
    recipient_user_id   varchar(255) not null,
    amount_minor        bigint       not null check (amount_minor > 0),
    currency            char(3)      not null,
    room_id             varchar(255),
    note                varchar(500),
    status              varchar(40)  not null,
    sender_wallet_id    varchar(40),
    recipient_wallet_id varchar(40),
    ledger_txn_id       varchar(40),
    event_id            varchar(40),
    created_at          timestamptz  not null default now(),
    updated_at          timestamptz  not null default now(),
    unique (sender_user_id, idempotency_key)
);
