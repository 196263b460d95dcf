-- The Matrix event of a P2P transfer's card, reported by matrix-bridge once it is delivered
-- (matrix.room_event_delivered on tmcp.matrix.inbound; docs/decisions/0029). event_id is the
-- transfer's suite event id (p2p_transfer.event_id).
create table room_card (
    event_id        varchar(40)  primary key,
    matrix_event_id varchar(255) not null,
    matrix_room_id  varchar(255) not null,
    delivered_at    timestamptz  not null default now()
);
