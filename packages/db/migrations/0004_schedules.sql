-- Scan schedules: a cron expression in a time zone that starts scans of one cloud
-- account. The scheduler (apps/server/src/scheduler) claims due rows with
-- FOR UPDATE SKIP LOCKED and moves next_run_at past "now" in the same
-- transaction, so several processes never fire one occurrence twice.

create table schedules (
  id            uuid primary key default gen_random_uuid(),
  tenant_id     uuid not null references tenants (id) on delete cascade,
  provider_id   uuid not null,
  name          text not null check (length(name) between 1 and 200),
  -- Validated by the API (croner, five fields or a @nickname); stored as given.
  cron          text not null check (length(cron) between 1 and 200),
  -- An IANA time zone name, validated by the API.
  time_zone     text not null default 'UTC' check (length(time_zone) between 1 and 64),
  -- The scope of each scan, same shape as scans.scope.
  scope         jsonb not null default '{}',
  enabled       boolean not null default true,
  -- Null while disabled; enabling computes the next occurrence after that moment.
  next_run_at   timestamptz(3),
  last_run_at   timestamptz(3),
  last_scan_id  uuid,
  last_outcome  text check (last_outcome in ('started', 'queued', 'skipped', 'error')),
  last_error    text check (length(last_error) <= 2000),
  created_by    uuid references users (id) on delete set null,
  created_at    timestamptz(3) not null default now(),
  updated_at    timestamptz(3) not null default now(),
  unique (tenant_id, id),
  foreign key (tenant_id, provider_id) references providers (tenant_id, id) on delete cascade,
  foreign key (tenant_id, last_scan_id) references scans (tenant_id, id) on delete set null (last_scan_id),
  check (not enabled or next_run_at is not null)
);
-- The scheduler's lookup: enabled schedules by due time, across tenants.
create index schedules_due_idx on schedules (next_run_at) where enabled;
create index schedules_tenant_created_idx on schedules (tenant_id, created_at desc, id);
-- Deleting a provider cascades here; deleting a scan nulls last_scan_id.
create index schedules_provider_idx on schedules (provider_id);
create index schedules_last_scan_idx on schedules (last_scan_id) where last_scan_id is not null;

alter table schedules enable row level security;
alter table schedules force row level security;
create policy tenant_isolation on schedules
  using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
  with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
grant select, insert, update, delete on schedules to vigil_app;
