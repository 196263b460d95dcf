-- Ratings, usage and ranking (spec 16.6.1, 16.6.3; decision 0049).

-- One rating per user and app, editable; the app's count and sum kept with each change.
create table app_rating (
    client_id  varchar(80)  not null references mini_app (client_id) on delete cascade,
    user_id    varchar(255) not null,
    rating     smallint     not null check (rating between 1 and 5),
    review     varchar(2000),
    created_at timestamptz  not null default now(),
    updated_at timestamptz  not null default now(),
    primary key (client_id, user_id)
);
create index app_rating_recent on app_rating (client_id, updated_at desc);

alter table mini_app
    add column rating_count  int         not null default 0,
    add column rating_sum    bigint      not null default 0,
    add column install_count int         not null default 0,
    add column released_at   timestamptz;  -- the current version's publication

update mini_app m set install_count = (select count(*) from installation i where i.client_id = m.client_id);
create index installation_recent on installation (client_id, installed_at);

-- Sessions per app, user and day (UTC), from auth-service's session.started.
create table app_activity (
    client_id varchar(80)  not null,
    day       date         not null,
    user_id   varchar(255) not null,
    sessions  int          not null,
    primary key (client_id, day, user_id)
);
create index app_activity_day on app_activity (day);

-- What the ranking job computed last for each active app.
create table app_stats (
    client_id               varchar(80)  primary key references mini_app (client_id) on delete cascade,
    active_users_30d        int          not null,
    daily_sessions_per_user double precision not null,
    installs_this_week      int          not null,
    installs_last_week      int          not null,
    score                   double precision not null,
    trending                boolean      not null,
    computed_at             timestamptz  not null default now()
);
create index app_stats_score on app_stats (score desc);
