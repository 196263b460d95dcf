-- An event that could not be delivered after its retries is parked (status 'parked'): it leaves the
-- head of its room, so the room's later events go on, and waits for an operator's redelivery or an
-- invite of its sender (docs/decisions/0029).
alter table room_outbox add column parked_at timestamptz;
create index room_outbox_parked on room_outbox (seq) where status = 'parked';
