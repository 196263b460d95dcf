-- Gifts (spec 7.5). The shares are drawn at creation and stored in the order openers take them:
-- an opening takes shares[share_count - remaining + 1] (arrays are 1-based) under the row lock.
create table gift (
    gift_id           varchar(40)  primary key,
    idempotency_key   varchar(100) not null,
    request_hash      varchar(64)  not null,
    sender_user_id    varchar(255) not null,
    gift_type         varchar(12)  not null check (gift_type in ('individual', 'group')),
    recipient_user_id varchar(255),
    room_id           varchar(255),
    total_minor       bigint       not null check (total_minor > 0),
    currency          char(3)      not null,
    share_count       int          not null check (share_count between 1 and 100),
    remaining         int          not null check (remaining between 0 and share_count),
    distribution      varchar(10)  not null check (distribution in ('equal', 'random')),
    shares            bigint[]     not null check (cardinality(shares) = share_count),
    message           varchar(500),
    -- created (row stored, hold not yet confirmed) | active | partially_opened | fully_opened | expired
    status            varchar(20)  not null,
    hold_id           varchar(40),
    event_id          varchar(40),
    expires_at        timestamptz  not null,
    -- Fixed when the expiry job settles the gift; released_at once the wallet gave it back.
    release_minor     bigint,
    released_at       timestamptz,
    created_at        timestamptz  not null default now(),
    updated_at        timestamptz  not null default now(),
    unique (sender_user_id, idempotency_key)
);

create index gift_due on gift (expires_at) where released_at is null and status <> 'created';

-- One row per opener. claimed: the share is theirs (committed with the gift's decrement);
-- paid: the wallet captured it to them and gift.opened was written; refused: the wallet refused
-- the recipient for good (suspended, other currency), the share goes back to the sender at expiry.
create table gift_opening (
    gift_id       varchar(40)  not null references gift (gift_id),
    user_id       varchar(255) not null,
    rank          int          not null,
    amount_minor  bigint       not null check (amount_minor > 0),
    status        varchar(10)  not null check (status in ('claimed', 'paid', 'refused')),
    opened_at     timestamptz  not null default now(),
    paid_at       timestamptz,
    ledger_txn_id varchar(40),
    event_id      varchar(40),
    primary key (gift_id, user_id),
    unique (gift_id, rank)
);

create index gift_opening_claimed on gift_opening (opened_at) where status = 'claimed';
