-- Webhook secret rotation with an overlap window (decision 0050): until previous_webhook_secret_until
-- deliveries are signed with the new secret and the previous one.
alter table mini_app
    add column previous_webhook_secret_enc   text,
    add column previous_webhook_secret_until timestamptz;
