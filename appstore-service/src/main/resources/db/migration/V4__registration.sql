-- Mini-app registration by developers (spec 9.1.1). Client secrets are stored as SHA-256 hex only;
-- the webhook secret is needed again to sign webhooks (9.1.2), so it is kept AES-256-GCM encrypted
-- under TMCP_APPSTORE_SECRET_KEY, next to its SHA-256 (for comparisons without decryption).
alter table mini_app drop constraint if exists mini_app_classification_check;
alter table mini_app add constraint mini_app_classification_check
    check (classification in ('official', 'verified', 'community', 'beta', 'third_party'));
alter table mini_app add constraint mini_app_status_check
    check (status in ('pending_review', 'active', 'rejected', 'suspended'));

alter table mini_app
    add column short_name           varchar(60),
    add column description          varchar(2000),
    add column category             varchar(60),
    add column entry_url            varchar(2000),
    add column webhook_url          varchar(2000),
    add column icon_url             varchar(2000),
    add column primary_color        varchar(9),
    add column developer_info       text,
    add column client_secret_hash   varchar(64),
    add column backend_client_id    varchar(100) unique,
    add column backend_secret_hash  varchar(64),
    add column webhook_secret_hash  varchar(64),
    add column webhook_secret_enc   text,
    add column owner_developer_id   varchar(255),
    add column owner_org_id         varchar(40),
    add column registered_by        varchar(255),
    add column approved_at          timestamptz,
    add column approved_by          varchar(80);

create index mini_app_owner_org on mini_app (owner_org_id);
