-- The X-Request-Id of the request that wrote the event (decision 0046): the record carries it, so
-- consumers log under the request's id.
alter table outbox_event add column request_id varchar(64);
