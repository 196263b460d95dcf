-- One row per periodic job of the service: the replica that runs it now and until when
-- (docs/decisions/0040). A replica takes the row when it is free or expired, renews its own, and
-- gives it up when it stops; a killed replica's row expires.
create table job_lease (
    job        varchar(120) primary key,
    holder     varchar(200) not null,
    expires_at timestamptz  not null
);
