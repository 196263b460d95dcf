-- Automated review checks (spec 9.3.1, decision 0050): why each consent scope is requested, and the
-- reports of the checks.
alter table mini_app_scope add column justification varchar(500);

create table automated_check (
    check_id   varchar(40) primary key,
    miniapp_id varchar(80) not null references mini_app (client_id) on delete cascade,
    passed     boolean     not null,
    report     text        not null,
    created_at timestamptz not null default now()
);
create index automated_check_app on automated_check (miniapp_id, created_at desc);
