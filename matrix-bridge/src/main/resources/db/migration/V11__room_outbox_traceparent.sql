-- The traceparent of the event that queued the row (decision 0046): the send to the homeserver
-- is a span of that trace.
alter table room_outbox add column traceparent varchar(55);
