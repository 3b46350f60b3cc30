-- Manual findings: findings recorded by a person (a penetration test, an audit)
-- rather than produced by a scan.
--
-- findings.source says where a row comes from: 'scan' rows keep their scan;
-- 'manual' rows have none (scan_id is null). The table stays range-partitioned
-- on scan_created_at; for a manual finding that column holds the time the finding
-- was recorded, so it lands in the monthly partition of its creation, which
-- ensureFindingPartitions() keeps ahead of now. (Retention by month would detach
-- manual findings with the scan findings of their month.)
--
-- A manual finding's finding_uid is 'manual:' followed by its id: it never
-- collides with a scan's finding uids, so the finding_states row that a mute or a
-- note creates for it is its own, marked source = 'manual' so that resolving the
-- findings a full scan no longer sees can leave it alone.

alter table findings add column source text not null default 'scan' check (source in ('scan', 'manual'));
alter table findings alter column scan_id drop not null;
alter table findings add constraint findings_source_scan_check
  check ((source = 'scan' and scan_id is not null) or (source = 'manual' and scan_id is null));
alter table findings add column remediation text check (length(remediation) <= 4000);
alter table findings add column created_by uuid references users (id) on delete set null;

create index findings_manual_idx on findings (tenant_id, provider_id) where source = 'manual';

alter table finding_states add column source text not null default 'scan' check (source in ('scan', 'manual'));

-- Scan findings go with their scan (and a provider's scans with it); a manual finding
-- has no scan, so deleting its cloud account deletes it here. A trigger rather than a
-- foreign key: a key would cost a check per inserted scan finding and an index on
-- findings (provider_id) for the cascade, where this reads the partial index above.
create function vigil_delete_manual_findings() returns trigger
  language plpgsql as $$
begin
  delete from findings where tenant_id = old.tenant_id and provider_id = old.id and source = 'manual';
  return old;
end
$$;
create trigger providers_delete_manual_findings after delete on providers
  for each row execute function vigil_delete_manual_findings();
