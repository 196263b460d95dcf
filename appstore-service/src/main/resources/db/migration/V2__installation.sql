alter table mini_app add column removable boolean not null default true;

create table installation (
    client_id    varchar(80)  not null references mini_app (client_id) on delete cascade,
    user_id      varchar(255) not null,
    install_id   varchar(40)  not null unique,
    installed_at timestamptz  not null default now(),
    primary key (client_id, user_id)
);
