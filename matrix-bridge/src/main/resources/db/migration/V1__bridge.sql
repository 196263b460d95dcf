-- Homeserver transactions already processed (spec: each txnId once, also across restarts).
create table as_transaction (
    txn_id      varchar(255) primary key,
    received_at timestamptz  not null default now()
);

-- Room events the bridge has sent, keyed by the suite event that caused them.
create table delivered_event (
    source_event_id varchar(40)  primary key,
    room_id         varchar(255) not null,
    matrix_event_id varchar(255) not null,
    delivered_at    timestamptz  not null default now()
);

-- The bridge's homeserver admin account (one row).
create table homeserver_admin (
    id           int          primary key check (id = 1),
    user_id      varchar(255) not null,
    password     text         not null,
    access_token text
);
