-- Room events waiting to be sent: one queue per room, sent strictly in seq order, one at a time.
-- Written by the Kafka consumers (same transaction as processed_event) and by the card endpoint.
create table room_outbox (
    seq                 bigserial    primary key,
    source_event_id     varchar(64)  not null,
    -- '!room:server', or '@user:server' for that user's Tween notices room (created on first use)
    room                varchar(255) not null,
    event_type          varchar(255) not null,
    state_key           varchar(255),            -- set for state events
    sender              varchar(255) not null,   -- localpart of the virtual user that sends it
    sender_display_name varchar(255),
    content             text         not null,
    inviter             varchar(255),            -- a room member who may invite the sender (decision 0002)
    -- pending | waiting_invite | unreachable (waiting too long, reported) | delivered | rejected
    status              varchar(20)  not null default 'pending',
    attempts            int          not null default 0,
    next_attempt_at     timestamptz  not null default now(),
    lease_until         timestamptz,
    last_error          varchar(500),
    matrix_room_id      varchar(255),
    matrix_event_id     varchar(255),
    created_at          timestamptz  not null default now(),
    delivered_at        timestamptz,
    unique (source_event_id, room)
);
create index room_outbox_open on room_outbox (room, seq)
    where status in ('pending', 'waiting_invite', 'unreachable');

-- Each user's direct room with the system bot, for notices that belong to no chat.
create table notice_room (
    user_id varchar(255) primary key,
    room_id varchar(255) not null
);

-- Invites of bridge users; joined_at stays null until the join succeeded.
create table bot_invite (
    room_id    varchar(255) not null,
    user_id    varchar(255) not null,
    invited_at timestamptz  not null default now(),
    joined_at  timestamptz,
    primary key (room_id, user_id)
);

-- Inbound room events already published to tmcp.matrix.inbound (by Matrix event id).
create table inbound_event (
    matrix_event_id varchar(255) primary key,
    received_at     timestamptz  not null default now()
);

-- Cards posted before the queue existed keep their record; new deliveries are in room_outbox.
insert into room_outbox (source_event_id, room, event_type, sender, content, status, matrix_room_id,
        matrix_event_id, created_at, delivered_at)
    select source_event_id, room_id, 'm.tween.wallet.p2p', '_tmcp_payments', '{}', 'delivered', room_id,
        matrix_event_id, delivered_at, delivered_at
    from delivered_event;
drop table delivered_event;
