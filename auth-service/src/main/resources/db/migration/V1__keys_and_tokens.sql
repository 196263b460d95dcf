-- TEP signing keys; the private half is AES-GCM encrypted under TMCP_KEY_ENCRYPTION_KEY.
create table signing_key (
    kid             varchar(60) primary key,
    public_jwk      text        not null,
    private_jwk_enc text        not null,
    status          varchar(20) not null check (status in ('active', 'previous', 'retired')),
    created_at      timestamptz not null default now()
);

-- Refresh tokens are stored as SHA-256 hashes only.
create table refresh_token (
    token_hash   varchar(64)  primary key,
    token_id     varchar(40)  not null unique,
    user_id      varchar(255) not null,
    client_id    varchar(80)  not null,
    scope        text         not null,
    session_id   varchar(40)  not null,
    wallet_id    varchar(40)  not null,
    expires_at   timestamptz  not null,
    used_at      timestamptz,
    created_at   timestamptz  not null default now()
);
