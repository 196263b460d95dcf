-- Developer accounts (spec 4.4). The whitelist is managed by the platform (4.4.9); a developer
-- profile is created at the first developer-token issuance (4.4.3 step 4).
create table developer_whitelist (
    matrix_user_id varchar(255) primary key,
    note           varchar(500),
    added_by       varchar(80)  not null,
    added_at       timestamptz  not null default now()
);

create table developer (
    developer_id varchar(255) primary key,
    status       varchar(20)  not null default 'active' check (status in ('active', 'removed')),
    created_at   timestamptz  not null default now()
);

create table organization (
    org_id        varchar(40)  primary key,
    name          varchar(200) not null,
    description   varchar(1000),
    website       varchar(500),
    contact_email varchar(255),
    personal      boolean      not null default false,
    created_by    varchar(255) not null,
    created_at    timestamptz  not null default now()
);

create table organization_member (
    org_id       varchar(40)  not null references organization (org_id) on delete cascade,
    developer_id varchar(255) not null,
    role         varchar(20)  not null check (role in ('admin', 'developer', 'viewer')),
    joined_at    timestamptz  not null default now(),
    primary key (org_id, developer_id)
);
create index organization_member_developer on organization_member (developer_id);

create table organization_invitation (
    invitation_id  varchar(40)  primary key,
    org_id         varchar(40)  not null references organization (org_id) on delete cascade,
    matrix_user_id varchar(255) not null,
    role           varchar(20)  not null check (role in ('admin', 'developer', 'viewer')),
    invited_by     varchar(255) not null,
    invited_at     timestamptz  not null default now(),
    expires_at     timestamptz  not null,
    status         varchar(20)  not null default 'pending' check (status in ('pending', 'accepted')),
    accepted_at    timestamptz
);

-- Spec 4.4.8: role changes MUST be audited.
create table organization_role_change (
    org_id       varchar(40)  not null,
    developer_id varchar(255) not null,
    old_role     varchar(20)  not null,
    new_role     varchar(20)  not null,
    changed_by   varchar(255) not null,
    changed_at   timestamptz  not null default now()
);

-- A developer session: one per authorization-code login, continued by refresh; its id is the
-- developer token's session_id, so revoking it (logout, whitelist removal, refresh-token reuse)
-- ends the token everywhere through the shared revocation list.
create table developer_session (
    session_id    varchar(40)  primary key,
    developer_id  varchar(255) not null,
    created_at    timestamptz  not null default now(),
    revoked_at    timestamptz,
    revoke_reason varchar(40)
);
create index developer_session_live on developer_session (developer_id) where revoked_at is null;

-- Developer refresh tokens, SHA-256 only, single use; a family is a session.
create table developer_refresh_token (
    token_hash   varchar(64)  primary key,
    session_id   varchar(40)  not null references developer_session (session_id),
    developer_id varchar(255) not null,
    expires_at   timestamptz  not null,
    used_at      timestamptz,
    created_at   timestamptz  not null default now()
);
create index developer_refresh_token_session on developer_refresh_token (session_id);
