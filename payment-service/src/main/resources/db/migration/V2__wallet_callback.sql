-- Spec 4.11.8: one room event per wallet transaction. Redis answers replays for 24 h (the spec's
-- store); this row makes "exactly one event" hold even when Redis has forgotten.
create table wallet_callback (
    transaction_id varchar(120) primary key,
    event_id       varchar(40)  not null,
    event_type     varchar(40)  not null,
    received_at    timestamptz  not null default now()
);
