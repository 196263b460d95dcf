-- The X-Request-Id of the request behind the row (decision 0046): the send logs under it.
alter table room_outbox add column request_id varchar(64);
