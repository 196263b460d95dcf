-- Mini-app names from tmcp.app events, the display names of their virtual users (@ma_...).
create table miniapp_name (
    client_id  varchar(100) primary key,
    name       varchar(255) not null,
    updated_at timestamptz  not null default now()
);
