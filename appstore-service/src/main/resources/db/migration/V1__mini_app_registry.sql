create table mini_app (
    client_id     varchar(80)  primary key,
    name          varchar(200) not null,
    client_type   varchar(20)  not null check (client_type in ('public', 'confidential', 'hybrid')),
    status        varchar(20)  not null default 'active',
    redirect_uris text         not null default '',
    created_at    timestamptz  not null default now()
);

create table mini_app_scope (
    client_id    varchar(80) not null references mini_app (client_id) on delete cascade,
    scope        varchar(80) not null,
    pre_approved boolean     not null,
    primary key (client_id, scope)
);
