-- Webhook delivery (spec 9.1.2, decision 0042): one row per event and app, queued in the same
-- transaction that records the source event as processed; the dispatcher claims due rows.
create table webhook_delivery (
    delivery_id      varchar(40)  primary key,
    event_id         varchar(80)  not null,
    miniapp_id       varchar(80)  not null references mini_app (client_id) on delete cascade,
    event_type       varchar(60)  not null,
    body             text         not null,
    status           varchar(20)  not null default 'pending'
                     check (status in ('pending', 'delivered', 'stopped', 'gave_up')),
    attempts         int          not null default 0,
    next_attempt_at  timestamptz  not null default now(),
    last_status_code int,
    last_error       varchar(500),
    created_at       timestamptz  not null default now(),
    finished_at      timestamptz,
    unique (miniapp_id, event_id)
);
create index webhook_delivery_due on webhook_delivery (next_attempt_at) where status = 'pending';
create index webhook_delivery_app on webhook_delivery (miniapp_id, created_at desc);

create table webhook_attempt (
    delivery_id  varchar(40) not null references webhook_delivery (delivery_id) on delete cascade,
    attempt      int         not null,
    attempted_at timestamptz not null default now(),
    status_code  int,
    latency_ms   int         not null,
    error        varchar(500),
    primary key (delivery_id, attempt)
);

-- Set when an endpoint kept failing for three days; configuring the webhook again clears it.
alter table mini_app add column webhook_disabled_at timestamptz;
