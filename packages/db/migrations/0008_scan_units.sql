-- A scan's accounts fan out further: one collection unit per (region, service) of the
-- account — every collector of that service in that region (global services once) — and
-- one account-level evaluation step (unit 0) for the checks that need the account's
-- whole inventory. Each unit is its own job: a region that keeps failing is retried and
-- ends as ERROR on its own, and one account's regions are collected by several workers.
--
-- A collection unit keeps the resources the evaluation step needs (only the types of
-- the cross-resource checks in scope, and the units that could not be listed) as a
-- gzip-compressed JSON fragment; the step reads every fragment of its account. Fragments
-- are dropped when the account ends.

create table scan_units (
  tenant_id        uuid not null,
  scan_id          uuid not null,
  account_id       text not null,
  unit_no          smallint not null check (unit_no >= 0),
  region           text not null,
  service          text not null,
  state            text not null default 'pending' check (state in
                     ('pending', 'running', 'completed', 'completed_with_errors', 'failed', 'cancelled')),
  attempt          integer not null default 0 check (attempt >= 0),
  worker_id        text,
  failure_reason   text,
  progress_done    integer not null default 0 check (progress_done >= 0),
  progress_total   integer not null default 0 check (progress_total >= 0),
  counts           jsonb not null default '{}',
  resource_count   integer not null default 0,
  finding_count    integer not null default 0,
  api_calls        bigint not null default 0,
  error_count      integer not null default 0,
  inventory        bytea,
  started_at       timestamptz(3),
  finished_at      timestamptz(3),
  updated_at       timestamptz(3) not null default now(),
  primary key (scan_id, account_id, unit_no),
  foreign key (tenant_id, scan_id) references scans (tenant_id, id) on delete cascade
);
create index scan_units_tenant_idx on scan_units (tenant_id, scan_id);

alter table scan_units enable row level security;
alter table scan_units force row level security;
create policy tenant_isolation on scan_units
  using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
  with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
grant select, insert, update, delete on scan_units to vigil_app;

-- The unit of its account that stored a finding, so a retried unit replaces exactly its
-- own findings (null: manual findings, and findings stored before units existed).
-- Nullable without a default: no partition is rewritten.
alter table findings add column scan_unit smallint;
