-- Test-only: what a consumer's effect looks like (one row per applied event).
create table applied (event_id varchar(40) primary key, applied_at timestamptz not null default now());
