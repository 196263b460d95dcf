-- The review lifecycle (spec 9.2, 9.3, decision 0043): every status, the history of transitions
-- with who made them and why, and appeals of rejections.
alter table mini_app drop constraint if exists mini_app_status_check;
alter table mini_app add constraint mini_app_status_check
    check (status in ('draft', 'pending_review', 'under_review', 'active', 'rejected', 'suspended'));

create table review_event (
    event_id    bigserial    primary key,
    miniapp_id  varchar(80)  not null references mini_app (client_id) on delete cascade,
    action      varchar(20)  not null,
    from_status varchar(20)  not null,
    to_status   varchar(20)  not null,
    actor       varchar(255) not null,
    reasons     text,
    at          timestamptz  not null default now()
);
create index review_event_app on review_event (miniapp_id, event_id);

create table appeal (
    appeal_id    varchar(40)   primary key,
    miniapp_id   varchar(80)   not null references mini_app (client_id) on delete cascade,
    reason       varchar(2000) not null,
    changes_made text          not null,
    evidence     text          not null,
    created_by   varchar(255)  not null,
    created_at   timestamptz   not null default now()
);
