-- The W3C traceparent of the request that wrote the event (decision 0046): the relay sends the
-- record as a continuation of that trace, and the record carries it to the consumers.
alter table outbox_event add column traceparent varchar(55);
