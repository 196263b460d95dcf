-- Shared by every service that publishes or consumes events (location classpath:db/tmcp).
create table outbox_event (
    id           varchar(40)  primary key,
    topic        varchar(100) not null,
    event_key    varchar(200) not null,
    payload      text         not null,
    created_at   timestamptz  not null default now(),
    published_at timestamptz
);
create index outbox_event_unpublished on outbox_event (created_at) where published_at is null;

create table processed_event (
    consumer     varchar(100) not null,
    event_id     varchar(40)  not null,
    processed_at timestamptz  not null default now(),
    primary key (consumer, event_id)
);
