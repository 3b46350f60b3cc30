-- Scans fan out: one job per cloud account of a scan (one for an AWS account, one per
-- member account of an organization), then a final aggregation. scan_accounts holds
-- each account's outcome of its last attempt; the scan's figures are their sums.

create table scan_accounts (
  tenant_id        uuid not null,
  scan_id          uuid not null,
  account_id       text not null check (length(account_id) between 1 and 128),
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
  started_at       timestamptz(3),
  finished_at      timestamptz(3),
  updated_at       timestamptz(3) not null default now(),
  primary key (scan_id, account_id),
  foreign key (tenant_id, scan_id) references scans (tenant_id, id) on delete cascade
);
create index scan_accounts_tenant_idx on scan_accounts (tenant_id, scan_id);

alter table scan_accounts enable row level security;
alter table scan_accounts force row level security;
create policy tenant_isolation on scan_accounts
  using (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid)
  with check (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);
grant select, insert, update, delete on scan_accounts to vigil_app;

-- The account a finding state belongs to: an organization provider spans many
-- accounts, and a scan that could not read one of them must not resolve its findings.
alter table finding_states add column account_id text;
create index finding_states_account_idx on finding_states (provider_id, account_id) where resolved_at is null;

-- A finding's lifecycle across scans: open while it fails, resolved when it passes or
-- its resource is gone (after a full scan that covered it), reopened when it fails again.
alter table finding_states add column lifecycle text not null default 'open'
  check (lifecycle in ('open', 'resolved', 'reopened'));
alter table finding_states add column lifecycle_changed_at timestamptz(3);
update finding_states set lifecycle = 'resolved' where resolved_at is not null or last_status = 'PASS';
