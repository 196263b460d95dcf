-- A row Kafka keeps refusing (record too large, invalid topic) is parked after bounded attempts
-- instead of blocking the relay; later rows of the same topic and key are held behind it, so the
-- key's order is kept (docs/decisions/0035). An operator releases it (retried) or discards it.
alter table outbox_event add column attempts     int          not null default 0;
alter table outbox_event add column last_error   varchar(500);
alter table outbox_event add column parked_at    timestamptz;
alter table outbox_event add column discarded_at timestamptz;

drop index outbox_event_unpublished;
create index outbox_event_unpublished on outbox_event (created_at) where published_at is null and parked_at is null;
create index outbox_event_parked on outbox_event (topic, event_key)
    where parked_at is not null and published_at is null and discarded_at is null;
