-- The store (spec 16.6): each app's published version, shown in listings and used by update checks.
alter table mini_app add column version varchar(40) not null default '1.0.0';
create index mini_app_store on mini_app (status, category);
create index installation_app on installation (client_id);
