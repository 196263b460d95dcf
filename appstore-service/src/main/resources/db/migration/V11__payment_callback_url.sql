-- A payment request's callback_url (spec 7.3.1, decision 0050): that payment's webhooks go there
-- instead of the app's webhook_url.
alter table webhook_delivery add column target_url varchar(2048);
