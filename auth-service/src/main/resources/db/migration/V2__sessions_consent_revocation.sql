-- One row per TEP session (spec 4.10 session_id). A session lives on through refresh-token
-- rotation; its refresh tokens are one family, and revoking the session ends them all.
create table tep_session (
    session_id      varchar(40)  primary key,
    user_id         varchar(255) not null,
    client_id       varchar(80)  not null,
    scope           text         not null,
    wallet_id       varchar(40)  not null,
    subject_source  varchar(20)  not null,
    subject_session varchar(255),
    miniapp_context text,
    created_at      timestamptz  not null default now(),
    revoked_at      timestamptz,
    revoke_reason   varchar(40)
);
create index tep_session_user_client on tep_session (user_id, client_id) where revoked_at is null;

create index refresh_token_session on refresh_token (session_id);

-- Sensitive scopes a user approved for a mini-app (spec 5.5 step 3); kept until revoked.
create table scope_approval (
    user_id     varchar(255) not null,
    client_id   varchar(80)  not null,
    scope       varchar(80)  not null,
    approved_at timestamptz  not null default now(),
    primary key (user_id, client_id, scope)
);

-- A pending consent: created with a consent_required answer, used once at the consent endpoint.
create table consent_request (
    consent_id varchar(60)  primary key,
    user_id    varchar(255) not null,
    client_id  varchar(80)  not null,
    scopes     text         not null,
    granted    text         not null,
    expires_at timestamptz  not null,
    decided_at timestamptz,
    decision   varchar(10)
);
