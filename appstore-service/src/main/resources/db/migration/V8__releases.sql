-- Releases (spec 16.3, 16.4, 16.8; decision 0048): how an app is preinstalled, its published
-- versions with the platform's signature over each bundle, and the clients' bootstraps.
alter table mini_app
    add column install_mode         varchar(10) not null default 'optional'
        check (install_mode in ('mandatory', 'default', 'optional')),
    add column preinstall_platforms varchar(100),  -- space-separated; null: not preinstalled
    add column display_order        int;

-- The seeded official app (no registered_by) is the host's mandatory wallet.
update mini_app set install_mode = 'mandatory', removable = false, preinstall_platforms = 'android ios web desktop',
    display_order = 1
    where classification = 'official' and registered_by is null;

create table app_version (
    miniapp_id    varchar(80)   not null references mini_app (client_id) on delete cascade,
    version       varchar(40)   not null,
    release_notes varchar(2000) not null,
    bundle_url    varchar(2000) not null,
    size_bytes    bigint        not null,
    sha256        varchar(64)   not null,
    signature     text          not null,
    published_by  varchar(255)  not null,
    published_at  timestamptz   not null default now(),
    primary key (miniapp_id, version)
);

create table client_bootstrap (
    bootstrap_id     varchar(40)  primary key,
    user_id          varchar(255) not null,
    device_id        varchar(100) not null,
    platform         varchar(20)  not null,
    client_version   varchar(40)  not null,
    manifest_version varchar(20),
    created_at       timestamptz  not null default now(),
    unique (user_id, device_id)
);
