-- A key leaves the JWKS only when every token it signed has expired (decision 0025 addendum):
-- retired_at is when it stopped signing. Keys that were "previous" are retired now, so they stay
-- published for one more full token lifetime; keys retired before this change stay unpublished.
alter table signing_key add column retired_at timestamptz;
update signing_key set status = 'retired', retired_at = now() where status = 'previous';
