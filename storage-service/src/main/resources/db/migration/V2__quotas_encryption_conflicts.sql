-- Exact quota accounting: one row per (mini-app, user), locked by every write to that namespace.
create table storage_namespace (
    client_id  varchar(80)  not null,
    user_id    varchar(255) not null,
    bytes_used bigint       not null default 0 check (bytes_used >= 0),
    keys_used  int          not null default 0 check (keys_used >= 0),
    primary key (client_id, user_id)
);

-- Values are stored AES-256-GCM encrypted (key_version names the master key); version 0 marks a
-- plaintext row from V1, which the re-encryption job encrypts.
alter table storage_entry
    add column value_ciphertext bytea,
    add column key_version      int    not null default 0,
    add column client_timestamp bigint,
    alter column entry_value drop not null;

insert into storage_namespace (client_id, user_id, bytes_used, keys_used)
select client_id, user_id, sum(size_bytes), count(*) from storage_entry group by client_id, user_id;

create index storage_entry_expiry on storage_entry (expires_at) where expires_at is not null;
create index storage_entry_key_version on storage_entry (key_version);
