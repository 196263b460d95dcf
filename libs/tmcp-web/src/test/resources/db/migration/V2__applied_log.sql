-- Test-only: an effect without a natural key (one row per application, duplicates included).
create table applied_log (event_id varchar(40) not null, applied_at timestamptz not null default now());
