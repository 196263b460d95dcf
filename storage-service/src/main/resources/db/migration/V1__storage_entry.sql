create table storage_entry (
    client_id    varchar(80)  not null,
    user_id      varchar(255) not null,
    entry_key    varchar(256) not null,
    entry_value  text         not null,
    content_type varchar(100),
    size_bytes   int          not null,
    expires_at   timestamptz,
    created_at   timestamptz  not null default now(),
    updated_at   timestamptz  not null default now(),
    primary key (client_id, user_id, entry_key)
);
