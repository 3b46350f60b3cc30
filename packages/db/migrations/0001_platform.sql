-- Vigil platform schema: tenants, identities, cloud accounts, scans and findings.
--
-- Runs unchanged on PostgreSQL >= 15 and on PGlite. Every tenant table carries
-- tenant_id with row-level security (ENABLE + FORCE) keyed on the transaction
-- setting app.tenant_id; the application works as the role vigil_app, which has
-- no BYPASSRLS. Children reference their parents with composite keys
-- (tenant_id, id) so a row can never point at another tenant's parent, even
-- though foreign-key checks themselves bypass row-level security.

-- The application role. Roles are cluster-wide: another database on the same
-- server may have created it already.
do $$
begin
  if not exists (select 1 from pg_roles where rolname = 'vigil_app') then
    create role vigil_app nologin nobypassrls;
  end if;
  -- The connecting role must be able to SET ROLE vigil_app (superusers always can).
  if not pg_has_role(current_user, 'vigil_app', 'member') then
    execute format('grant vigil_app to %I', current_user);
  end if;
end
$$;

grant usage on schema public to vigil_app;
-- insertFindings stages each batch in a temporary table (COPY cannot target a
-- table under row-level security); PUBLIC usually has this, hardened servers not.
do $$
begin
  execute format('grant temporary on database %I to vigil_app', current_database());
end
$$;

create type vigil_severity as enum ('informational', 'low', 'medium', 'high', 'critical');

-- ---------------------------------------------------------------- tenancy ---

create table tenants (
  id          uuid primary key default gen_random_uuid(),
  name        text not null check (length(name) between 1 and 200),
  created_at  timestamptz(3) not null default now(),
  updated_at  timestamptz(3) not null default now()
);

-- A user may belong to several tenants, so users carry no tenant_id; a tenant
-- sees the users that are its members (policy below).
create table users (
  id             uuid primary key default gen_random_uuid(),
  email          text not null check (length(email) between 3 and 320),
  name           text,
  password_hash  text,
  created_at     timestamptz(3) not null default now(),
  updated_at     timestamptz(3) not null default now(),
  last_login_at  timestamptz(3)
);
create unique index users_email_key on users (lower(email));

create table memberships (
  tenant_id   uuid not null references tenants (id) on delete cascade,
  user_id     uuid not null references users (id) on delete cascade,
  role        text not null check (role in ('owner', 'admin', 'member', 'read_only')),
  created_at  timestamptz(3) not null default now(),
  primary key (tenant_id, user_id)
);
create index memberships_user_idx on memberships (user_id);

-- Only the prefix (public, shown in lists) and a hash of the secret are stored.
create table api_keys (
  id            uuid primary key default gen_random_uuid(),
  tenant_id     uuid not null references tenants (id) on delete cascade,
  name          text not null check (length(name) between 1 and 200),
  role          text not null check (role in ('owner', 'admin', 'member', 'read_only')),
  prefix        text not null check (length(prefix) between 8 and 64),
  secret_hash   text not null,
  created_by    uuid references users (id) on delete set null,
  created_at    timestamptz(3) not null default now(),
  last_used_at  timestamptz(3),
  expires_at    timestamptz(3),
  revoked_at    timestamptz(3)
);
create unique index api_keys_prefix_key on api_keys (prefix);
create index api_keys_tenant_idx on api_keys (tenant_id, created_at);

-- Sessions belong to a user, not to a tenant: read and written only on the
-- authentication path (withSystem), never by vigil_app.
create table refresh_tokens (
  id           uuid primary key default gen_random_uuid(),
  user_id      uuid not null references users (id) on delete cascade,
  token_hash   text not null,
  created_at   timestamptz(3) not null default now(),
  expires_at   timestamptz(3) not null,
  revoked_at   timestamptz(3),
  replaced_by  uuid references refresh_tokens (id) on delete set null
);
create unique index refresh_tokens_hash_key on refresh_tokens (token_hash);
create index refresh_tokens_user_idx on refresh_tokens (user_id);

-- ------------------------------------------------------ cloud accounts ---

create table providers (
  id                       uuid primary key default gen_random_uuid(),
  tenant_id                uuid not null references tenants (id) on delete cascade,
  kind                     text not null check (kind in ('aws', 'organization')),
  alias                    text check (length(alias) <= 200),
  account_id               text not null check (length(account_id) between 1 and 128),
  auth_method              text not null check (auth_method in ('role', 'access_keys')),
  role_arn                 text,
  endpoint_url             text,
  tags                     jsonb not null default '{}',
  -- Envelope-encrypted credentials (access keys, external id): never returned.
  secret_ciphertext        bytea,
  secret_key_id            text,
  connection_ok            boolean,
  connection_error         text,
  connection_identity      text,
  connection_checked_at    timestamptz(3),
  created_by               uuid references users (id) on delete set null,
  created_at               timestamptz(3) not null default now(),
  updated_at               timestamptz(3) not null default now(),
  unique (tenant_id, id),
  unique (tenant_id, account_id),
  check (auth_method <> 'role' or role_arn is not null),
  check ((secret_ciphertext is null) = (secret_key_id is null))
);

-- ------------------------------------------------------------------ scans ---

-- 'queued' waits for the account's active scan to finish (POST /scans?queue=true);
-- 'pending' and 'running' are the active states, at most one per provider.
create table scans (
  id                    uuid primary key default gen_random_uuid(),
  tenant_id             uuid not null references tenants (id) on delete cascade,
  provider_id           uuid not null,
  name                  text check (length(name) <= 200),
  state                 text not null default 'pending' check (state in
                          ('queued', 'pending', 'running', 'completed', 'completed_with_errors', 'failed', 'cancelled')),
  trigger               text not null default 'manual' check (trigger in ('manual', 'schedule', 'event')),
  scope                 jsonb not null default '{}',
  progress_done         integer not null default 0 check (progress_done >= 0),
  progress_total        integer not null default 0 check (progress_total >= 0),
  counts                jsonb not null default '{}',
  resource_count        integer not null default 0,
  finding_count         integer not null default 0,
  api_calls             bigint not null default 0,
  error_count           integer not null default 0,
  failure_reason        text,
  cancel_requested_at   timestamptz(3),
  worker_id             text,
  heartbeat_at          timestamptz(3),
  created_by            uuid references users (id) on delete set null,
  created_at            timestamptz(3) not null default now(),
  started_at            timestamptz(3),
  finished_at           timestamptz(3),
  updated_at            timestamptz(3) not null default now(),
  unique (tenant_id, id),
  foreign key (tenant_id, provider_id) references providers (tenant_id, id) on delete cascade
);
-- The database is the lock: one active scan per cloud account.
create unique index scans_one_active_per_provider on scans (provider_id)
  where state in ('pending', 'running');
create index scans_provider_created_idx on scans (provider_id, created_at desc);
create index scans_tenant_created_idx on scans (tenant_id, created_at desc, id);
-- Orphan detection: active scans whose worker stopped sending heartbeats.
create index scans_active_heartbeat_idx on scans (heartbeat_at) where state in ('pending', 'running');

-- Server-sent events replay from Last-Event-ID: ids only grow.
create table scan_events (
  id          bigserial primary key,
  tenant_id   uuid not null,
  scan_id     uuid not null,
  type        text not null check (length(type) between 1 and 64),
  payload     jsonb not null default '{}',
  created_at  timestamptz(3) not null default now(),
  foreign key (tenant_id, scan_id) references scans (tenant_id, id) on delete cascade
);
create index scan_events_scan_idx on scan_events (scan_id, id);

-- -------------------------------------------------------------- inventory ---

create table resources (
  id             uuid primary key default gen_random_uuid(),
  tenant_id      uuid not null,
  provider_id    uuid not null,
  uid            text not null,
  type           text not null,
  service        text not null,
  region         text not null,
  account_id     text not null,
  name           text not null default '',
  tags           jsonb not null default '{}',
  attributes     jsonb not null default '{}',
  first_seen_at  timestamptz(3) not null default now(),
  last_seen_at   timestamptz(3) not null default now(),
  last_scan_id   uuid,
  unique (provider_id, uid),
  foreign key (tenant_id, provider_id) references providers (tenant_id, id) on delete cascade,
  foreign key (tenant_id, last_scan_id) references scans (tenant_id, id) on delete set null (last_scan_id)
);
create index resources_tenant_type_idx on resources (tenant_id, type);
create index resources_tenant_service_region_idx on resources (tenant_id, service, region);

-- --------------------------------------------------------------- findings ---

-- One row per finding per scan, partitioned by month on scan_created_at (the
-- creation time of the scan, so a scan's findings share one partition and a
-- query that names the scan can name its partition too). Partitions are
-- created ahead by ensureFindingPartitions(); there is no default partition.
create table findings (
  id               uuid not null default gen_random_uuid(),
  tenant_id        uuid not null,
  scan_id          uuid not null,
  scan_created_at  timestamptz(3) not null,
  provider_id      uuid not null,
  finding_uid      text not null,
  check_id         text not null,
  account_id       text not null,
  region           text not null,
  service          text not null,
  severity         vigil_severity not null,
  status           text not null check (status in ('PASS', 'FAIL', 'MANUAL', 'ERROR')),
  message          text not null,
  resource_uid     text not null,
  resource_name    text not null,
  resource_type    text not null,
  compliance       jsonb not null default '{}',
  error_code       text,
  muted            boolean not null default false,
  mute_reason      text,
  delta            text check (delta in ('new', 'changed', 'unchanged')),
  first_seen_at    timestamptz(3) not null,
  observed_at      timestamptz(3) not null,
  primary key (id, scan_created_at),
  unique (scan_id, finding_uid, scan_created_at),
  foreign key (tenant_id, scan_id) references scans (tenant_id, id) on delete cascade
) partition by range (scan_created_at);

-- The default listing, most severe first with keyset on (severity, id), read
-- backwards: within one scan, and across scans.
create index findings_scan_page_idx on findings (scan_id, severity, id);
create index findings_tenant_page_idx on findings (tenant_id, severity, id);
create index findings_check_idx on findings (tenant_id, check_id, status);
create index findings_resource_idx on findings (tenant_id, resource_uid);
create index findings_location_idx on findings (tenant_id, account_id, region, service);
create index findings_first_seen_idx on findings (tenant_id, first_seen_at);
create index findings_muted_idx on findings (scan_id) where muted;
create index findings_text_idx on findings
  using gin (to_tsvector('simple'::regconfig, message || ' ' || resource_name));

-- The lifecycle of a finding across scans of one account; mutes live here so
-- they survive from one scan to the next.
create table finding_states (
  tenant_id        uuid not null,
  provider_id      uuid not null,
  finding_uid      text not null,
  check_id         text not null,
  resource_uid     text not null,
  first_seen_at    timestamptz(3) not null,
  last_seen_at     timestamptz(3) not null,
  last_status      text not null check (last_status in ('PASS', 'FAIL', 'MANUAL', 'ERROR')),
  last_severity    vigil_severity not null,
  last_scan_id     uuid,
  muted            boolean not null default false,
  mute_reason      text,
  mute_expires_at  timestamptz(3),
  muted_by         uuid references users (id) on delete set null,
  muted_at         timestamptz(3),
  note             text,
  resolved_at      timestamptz(3),
  updated_at       timestamptz(3) not null default now(),
  primary key (provider_id, finding_uid),
  foreign key (tenant_id, provider_id) references providers (tenant_id, id) on delete cascade,
  foreign key (tenant_id, last_scan_id) references scans (tenant_id, id) on delete set null (last_scan_id)
);
create index finding_states_tenant_idx on finding_states (tenant_id, last_status);
create index finding_states_muted_idx on finding_states (tenant_id) where muted;

-- ----------------------------------------------------------------- checks ---

create table check_overrides (
  tenant_id   uuid not null references tenants (id) on delete cascade,
  check_id    text not null check (check_id ~ '^[a-z0-9_]{1,128}$'),
  disabled    boolean not null default false,
  severity    vigil_severity,
  updated_by  uuid references users (id) on delete set null,
  updated_at  timestamptz(3) not null default now(),
  primary key (tenant_id, check_id)
);

create table custom_checks (
  id             uuid primary key default gen_random_uuid(),
  tenant_id      uuid not null references tenants (id) on delete cascade,
  check_id       text not null check (check_id ~ '^[a-z0-9_]{1,128}$'),
  provider       text not null default 'aws',
  service        text not null,
  title          text not null check (length(title) between 1 and 150),
  description    text not null default '',
  risk           text not null default '',
  severity       vigil_severity not null,
  resource_type  text not null,
  rule           jsonb not null,
  remediation    jsonb not null default '{}',
  enabled        boolean not null default true,
  created_by     uuid references users (id) on delete set null,
  created_at     timestamptz(3) not null default now(),
  updated_at     timestamptz(3) not null default now(),
  unique (tenant_id, check_id)
);

-- ------------------------------------------------------ row-level security ---

alter table tenants enable row level security;
alter table tenants force row level security;
create policy tenant_isolation on tenants
  using (id = nullif(current_setting('app.tenant_id', true), '')::uuid)
  with check (id = nullif(current_setting('app.tenant_id', true), '')::uuid);

alter table users enable row level security;
alter table users force row level security;
create policy member_of_tenant on users
  using (exists (
    select 1 from memberships m
    where m.user_id = users.id
      and m.tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid));

-- No policy: nobody but a BYPASSRLS role (the authentication path) sees sessions.
alter table refresh_tokens enable row level security;
alter table refresh_tokens force row level security;

do $$
declare
  t text;
begin
  foreach t in array array['memberships', 'api_keys', 'providers', 'scans', 'scan_events', 'resources',
                           'findings', 'finding_states', 'check_overrides', 'custom_checks']
  loop
    execute format('alter table %I enable row level security', t);
    execute format('alter table %I force row level security', t);
    execute format($p$create policy tenant_isolation on %I
      using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
      with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)$p$, t);
    execute format('grant select, insert, update, delete on %I to vigil_app', t);
  end loop;
end
$$;

-- Tenants are created on the sign-up path; inside a tenant only its own row.
grant select, update on tenants to vigil_app;
-- Users are created and changed on the authentication path only: a user may
-- belong to several tenants, so no tenant may change what the others see.
grant select on users to vigil_app;
grant usage on sequence scan_events_id_seq to vigil_app;
-- Not granted to vigil_app: refresh_tokens, schema_migrations, and any findings
-- partition (a partition granted directly would bypass the parent's policy).
