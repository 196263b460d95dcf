-- Mini-app payments (spec 7.3). Idempotent per payer and key (11.3): the rows are kept, so a key is
-- remembered for as long as its payment exists (well beyond the spec's 24 hours).
create table payment (
    payment_id         varchar(40)   primary key,
    idempotency_key    varchar(100)  not null,
    request_hash       varchar(64)   not null,
    payer_user_id      varchar(255)  not null,
    payer_wallet_id    varchar(40),
    miniapp_id         varchar(100)  not null,
    merchant_wallet_id varchar(40),
    amount_minor       bigint        not null check (amount_minor > 0),
    currency           char(3)       not null,
    description        varchar(500),
    merchant_order_id  varchar(100),
    items              text,
    callback_url       varchar(2048),
    room_id            varchar(255),
    status             varchar(30)   not null,
    mfa_challenge_id   varchar(60),
    mfa_verified       boolean       not null default false,
    hold_id            varchar(40),
    txn_id             varchar(40),
    refunded_minor     bigint        not null default 0 check (refunded_minor >= 0 and refunded_minor <= amount_minor),
    error_code         varchar(60),
    error_message      varchar(500),
    event_id           varchar(40),
    expires_at         timestamptz   not null,
    authorized_at      timestamptz,
    completed_at       timestamptz,
    created_at         timestamptz   not null default now(),
    updated_at         timestamptz   not null default now(),
    unique (payer_user_id, idempotency_key)
);
-- The recovery job looks only at payments stuck between hold and capture.
create index payment_processing on payment (updated_at) where status = 'processing';

-- Refunds (spec 7.4). A pending or completed refund reserves its amount: under the payment's row
-- lock their sum never exceeds the captured amount.
create table payment_refund (
    refund_id       varchar(40)  primary key,
    payment_id      varchar(40)  not null references payment (payment_id),
    idempotency_key varchar(100) not null,
    request_hash    varchar(64)  not null,
    amount_minor    bigint       not null check (amount_minor > 0),
    currency        char(3)      not null,
    reason          varchar(100),
    notes           varchar(500),
    status          varchar(20)  not null check (status in ('pending', 'completed', 'failed')),
    txn_id          varchar(40),
    event_id        varchar(40),
    error_code      varchar(60),
    created_at      timestamptz  not null default now(),
    completed_at    timestamptz,
    unique (payment_id, idempotency_key)
);
create index payment_refund_pending on payment_refund (created_at) where status = 'pending';
