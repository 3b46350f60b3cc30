-- Event-driven scans: CloudTrail events (through EventBridge) name a resource, and
-- that one resource is read again and evaluated. Three tables:
--   event_secrets   the per-tenant HMAC secret of POST /events/aws (encrypted);
--   cloud_events    every event id received, so a redelivery is ignored;
--   event_rescans   pending rescans, one row per (provider, resource type, resource):
--                   a burst of events on one resource coalesces into one row.
-- An event scan is stored as a scan with trigger 'event' and a non-null target; it is
-- written in a final state at once, so it never takes the one-active-scan lock.

alter table scans add column target jsonb;
alter table scans add constraint scans_event_target check (target is null or trigger = 'event');

-- The current secret, and the previous one for a grace period after a rotation.
create table event_secrets (
  tenant_id                  uuid primary key references tenants (id) on delete cascade,
  secret_ciphertext          bytea not null,
  secret_key_id              text not null,
  previous_ciphertext        bytea,
  previous_key_id            text,
  previous_valid_until       timestamptz(3),
  created_by                 uuid references users (id) on delete set null,
  created_at                 timestamptz(3) not null default now(),
  rotated_at                 timestamptz(3) not null default now(),
  check ((previous_ciphertext is null) = (previous_key_id is null))
);

create table cloud_events (
  tenant_id      uuid not null references tenants (id) on delete cascade,
  event_id       text not null check (length(event_id) between 1 and 256),
  account_id     text,
  event_source   text,
  event_name     text,
  outcome        text not null check (outcome in ('accepted', 'ignored')),
  reason         text,
  received_at    timestamptz(3) not null default now(),
  primary key (tenant_id, event_id)
);
-- Purged by age.
create index cloud_events_received_idx on cloud_events (received_at);

create table event_rescans (
  id               uuid primary key default gen_random_uuid(),
  tenant_id        uuid not null,
  provider_id      uuid not null,
  -- The account the resource lives in: the provider's, or a member account of an organization provider.
  account_id       text not null check (length(account_id) between 1 and 128),
  resource_type    text not null check (length(resource_type) between 1 and 128),
  resource_ref     text not null check (length(resource_ref) between 1 and 2048),
  region           text not null check (length(region) between 1 and 32),
  event_count      integer not null default 1 check (event_count >= 1),
  last_event_id    text,
  first_event_at   timestamptz(3) not null default now(),
  last_event_at    timestamptz(3) not null default now(),
  -- Set by a processor while it works on the row; a dead processor's lease expires.
  locked_until     timestamptz(3),
  -- Back-off after a failed attempt.
  not_before       timestamptz(3),
  attempts         integer not null default 0 check (attempts >= 0),
  last_error       text,
  unique (provider_id, account_id, resource_type, resource_ref),
  foreign key (tenant_id, provider_id) references providers (tenant_id, id) on delete cascade
);
create index event_rescans_tenant_idx on event_rescans (tenant_id, last_event_at);
create index event_rescans_due_idx on event_rescans (last_event_at);

do $$
declare
  t text;
begin
  foreach t in array array['event_secrets', 'cloud_events', 'event_rescans']
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
