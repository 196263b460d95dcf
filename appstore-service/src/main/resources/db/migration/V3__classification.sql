-- Spec 16.2: official apps may hold the privileged scopes of 16.7; third-party apps never.
alter table mini_app add column classification varchar(20) not null default 'third_party'
    check (classification in ('official', 'third_party'));
