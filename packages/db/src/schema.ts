// Generated from the migrations by `npm run -w @vigil/db generate`; do not edit.
// schema.test.ts fails when this file and the migrated schema disagree.
import type { ColumnType, Generated } from 'kysely';

export type JsonPrimitive = string | number | boolean | null;
export type JsonValue = JsonPrimitive | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };
/** Counts of a scan's findings: `{ status: { FAIL: 3, … }, severity: { high: 1, … } }`. */
export type ScanCounts = { status?: Record<string, number>; severity?: Record<string, number> };

export type VigilSeverity = 'informational' | 'low' | 'medium' | 'high' | 'critical';

export type ApiKeysRole = 'owner' | 'admin' | 'member' | 'read_only';
export type CloudEventsOutcome = 'accepted' | 'ignored';
export type FindingStatesLastStatus = 'PASS' | 'FAIL' | 'MANUAL' | 'ERROR';
export type FindingStatesSource = 'scan' | 'manual';
export type FindingStatesLifecycle = 'open' | 'resolved' | 'reopened';
export type FindingsStatus = 'PASS' | 'FAIL' | 'MANUAL' | 'ERROR';
export type FindingsDelta = 'new' | 'changed' | 'unchanged';
export type FindingsSource = 'scan' | 'manual';
export type InvitationsRole = 'owner' | 'admin' | 'member' | 'read_only';
export type MembershipsRole = 'owner' | 'admin' | 'member' | 'read_only';
export type ProvidersKind = 'aws' | 'organization';
export type ProvidersAuthMethod = 'role' | 'access_keys';
export type ScanAccountsState = 'pending' | 'running' | 'completed' | 'completed_with_errors' | 'failed' | 'cancelled';
export type ScanUnitsState = 'pending' | 'running' | 'completed' | 'completed_with_errors' | 'failed' | 'cancelled';
export type ScansState = 'queued' | 'pending' | 'running' | 'completed' | 'completed_with_errors' | 'failed' | 'cancelled';
export type ScansTrigger = 'manual' | 'schedule' | 'event';
export type SchedulesLastOutcome = 'started' | 'queued' | 'skipped' | 'error';

export interface ApiKeysTable {
  id: Generated<string>;
  tenant_id: string;
  name: string;
  role: ApiKeysRole;
  prefix: string;
  secret_hash: string;
  created_by: Generated<string | null>;
  created_at: ColumnType<Date, Date | string | undefined, Date | string>;
  last_used_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  expires_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  revoked_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export interface CheckOverridesTable {
  tenant_id: string;
  check_id: string;
  disabled: Generated<boolean>;
  severity: Generated<VigilSeverity | null>;
  updated_by: Generated<string | null>;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface CloudEventsTable {
  tenant_id: string;
  event_id: string;
  account_id: Generated<string | null>;
  event_source: Generated<string | null>;
  event_name: Generated<string | null>;
  outcome: CloudEventsOutcome;
  reason: Generated<string | null>;
  received_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface CustomChecksTable {
  id: Generated<string>;
  tenant_id: string;
  check_id: string;
  provider: Generated<string>;
  service: string;
  title: string;
  description: Generated<string>;
  risk: Generated<string>;
  severity: VigilSeverity;
  resource_type: string;
  rule: ColumnType<JsonObject, string, string>;
  remediation: ColumnType<JsonObject, string | undefined, string>;
  enabled: Generated<boolean>;
  created_by: Generated<string | null>;
  created_at: ColumnType<Date, Date | string | undefined, Date | string>;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface EventRescansTable {
  id: Generated<string>;
  tenant_id: string;
  provider_id: string;
  account_id: string;
  resource_type: string;
  resource_ref: string;
  region: string;
  event_count: Generated<number>;
  last_event_id: Generated<string | null>;
  first_event_at: ColumnType<Date, Date | string | undefined, Date | string>;
  last_event_at: ColumnType<Date, Date | string | undefined, Date | string>;
  locked_until: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  not_before: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  attempts: Generated<number>;
  last_error: Generated<string | null>;
}

export interface EventSecretsTable {
  tenant_id: string;
  secret_ciphertext: Uint8Array;
  secret_key_id: string;
  previous_ciphertext: Generated<Uint8Array | null>;
  previous_key_id: Generated<string | null>;
  previous_valid_until: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  created_by: Generated<string | null>;
  created_at: ColumnType<Date, Date | string | undefined, Date | string>;
  rotated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface FindingStatesTable {
  tenant_id: string;
  provider_id: string;
  finding_uid: string;
  check_id: string;
  resource_uid: string;
  first_seen_at: ColumnType<Date, Date | string, Date | string>;
  last_seen_at: ColumnType<Date, Date | string, Date | string>;
  last_status: FindingStatesLastStatus;
  last_severity: VigilSeverity;
  last_scan_id: Generated<string | null>;
  muted: Generated<boolean>;
  mute_reason: Generated<string | null>;
  mute_expires_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  muted_by: Generated<string | null>;
  muted_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  note: Generated<string | null>;
  resolved_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
  source: Generated<FindingStatesSource>;
  account_id: Generated<string | null>;
  lifecycle: Generated<FindingStatesLifecycle>;
  lifecycle_changed_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export interface FindingsTable {
  id: Generated<string>;
  tenant_id: string;
  scan_id: Generated<string | null>;
  scan_created_at: ColumnType<Date, Date | string, Date | string>;
  provider_id: string;
  finding_uid: string;
  check_id: string;
  account_id: string;
  region: string;
  service: string;
  severity: VigilSeverity;
  status: FindingsStatus;
  message: string;
  resource_uid: string;
  resource_name: string;
  resource_type: string;
  compliance: ColumnType<Record<string, string[]>, string | undefined, string>;
  error_code: Generated<string | null>;
  muted: Generated<boolean>;
  mute_reason: Generated<string | null>;
  delta: Generated<FindingsDelta | null>;
  first_seen_at: ColumnType<Date, Date | string, Date | string>;
  observed_at: ColumnType<Date, Date | string, Date | string>;
  source: Generated<FindingsSource>;
  remediation: Generated<string | null>;
  created_by: Generated<string | null>;
  scan_unit: Generated<number | null>;
}

export interface InvitationsTable {
  id: Generated<string>;
  tenant_id: string;
  email: string;
  role: InvitationsRole;
  token_hash: string;
  invited_by: Generated<string | null>;
  created_at: ColumnType<Date, Date | string | undefined, Date | string>;
  expires_at: ColumnType<Date, Date | string, Date | string>;
  accepted_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  revoked_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export interface MembershipsTable {
  tenant_id: string;
  user_id: string;
  role: MembershipsRole;
  created_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface ProvidersTable {
  id: Generated<string>;
  tenant_id: string;
  kind: ProvidersKind;
  alias: Generated<string | null>;
  account_id: string;
  auth_method: ProvidersAuthMethod;
  role_arn: Generated<string | null>;
  endpoint_url: Generated<string | null>;
  tags: ColumnType<Record<string, string>, string | undefined, string>;
  secret_ciphertext: Generated<Uint8Array | null>;
  secret_key_id: Generated<string | null>;
  connection_ok: Generated<boolean | null>;
  connection_error: Generated<string | null>;
  connection_identity: Generated<string | null>;
  connection_checked_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  created_by: Generated<string | null>;
  created_at: ColumnType<Date, Date | string | undefined, Date | string>;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface RefreshTokensTable {
  id: Generated<string>;
  user_id: string;
  token_hash: string;
  created_at: ColumnType<Date, Date | string | undefined, Date | string>;
  expires_at: ColumnType<Date, Date | string, Date | string>;
  revoked_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  replaced_by: Generated<string | null>;
  family_id: string;
  tenant_id: string;
  used_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  absolute_expires_at: ColumnType<Date, Date | string, Date | string>;
}

export interface ResourcesTable {
  id: Generated<string>;
  tenant_id: string;
  provider_id: string;
  uid: string;
  type: string;
  service: string;
  region: string;
  account_id: string;
  name: Generated<string>;
  tags: ColumnType<Record<string, string>, string | undefined, string>;
  attributes: ColumnType<JsonObject, string | undefined, string>;
  first_seen_at: ColumnType<Date, Date | string | undefined, Date | string>;
  last_seen_at: ColumnType<Date, Date | string | undefined, Date | string>;
  last_scan_id: Generated<string | null>;
}

export interface ScanAccountsTable {
  tenant_id: string;
  scan_id: string;
  account_id: string;
  state: Generated<ScanAccountsState>;
  attempt: Generated<number>;
  worker_id: Generated<string | null>;
  failure_reason: Generated<string | null>;
  progress_done: Generated<number>;
  progress_total: Generated<number>;
  counts: ColumnType<JsonValue, string | undefined, string>;
  resource_count: Generated<number>;
  finding_count: Generated<number>;
  api_calls: Generated<number>;
  error_count: Generated<number>;
  started_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  finished_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface ScanEventsTable {
  id: Generated<number>;
  tenant_id: string;
  scan_id: string;
  type: string;
  payload: ColumnType<JsonObject, string | undefined, string>;
  created_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface ScanUnitsTable {
  tenant_id: string;
  scan_id: string;
  account_id: string;
  unit_no: number;
  region: string;
  service: string;
  state: Generated<ScanUnitsState>;
  attempt: Generated<number>;
  worker_id: Generated<string | null>;
  failure_reason: Generated<string | null>;
  progress_done: Generated<number>;
  progress_total: Generated<number>;
  counts: ColumnType<JsonValue, string | undefined, string>;
  resource_count: Generated<number>;
  finding_count: Generated<number>;
  api_calls: Generated<number>;
  error_count: Generated<number>;
  inventory: Generated<Uint8Array | null>;
  started_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  finished_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface ScansTable {
  id: Generated<string>;
  tenant_id: string;
  provider_id: string;
  name: Generated<string | null>;
  state: Generated<ScansState>;
  trigger: Generated<ScansTrigger>;
  scope: ColumnType<JsonObject, string | undefined, string>;
  progress_done: Generated<number>;
  progress_total: Generated<number>;
  counts: ColumnType<ScanCounts, string | undefined, string>;
  resource_count: Generated<number>;
  finding_count: Generated<number>;
  api_calls: Generated<number>;
  error_count: Generated<number>;
  failure_reason: Generated<string | null>;
  cancel_requested_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  worker_id: Generated<string | null>;
  heartbeat_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  created_by: Generated<string | null>;
  created_at: ColumnType<Date, Date | string | undefined, Date | string>;
  started_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  finished_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
  target: ColumnType<JsonValue | null, string | null | undefined, string | null>;
}

export interface SchedulesTable {
  id: Generated<string>;
  tenant_id: string;
  provider_id: string;
  name: string;
  cron: string;
  time_zone: Generated<string>;
  scope: ColumnType<JsonValue, string | undefined, string>;
  enabled: Generated<boolean>;
  next_run_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  last_run_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  last_scan_id: Generated<string | null>;
  last_outcome: Generated<SchedulesLastOutcome | null>;
  last_error: Generated<string | null>;
  created_by: Generated<string | null>;
  created_at: ColumnType<Date, Date | string | undefined, Date | string>;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface SchemaMigrationsTable {
  version: number;
  name: string;
  applied_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface TenantsTable {
  id: Generated<string>;
  name: string;
  created_at: ColumnType<Date, Date | string | undefined, Date | string>;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface UsersTable {
  id: Generated<string>;
  email: string;
  name: Generated<string | null>;
  password_hash: Generated<string | null>;
  created_at: ColumnType<Date, Date | string | undefined, Date | string>;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
  last_login_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export interface Database {
  api_keys: ApiKeysTable;
  check_overrides: CheckOverridesTable;
  cloud_events: CloudEventsTable;
  custom_checks: CustomChecksTable;
  event_rescans: EventRescansTable;
  event_secrets: EventSecretsTable;
  finding_states: FindingStatesTable;
  findings: FindingsTable;
  invitations: InvitationsTable;
  memberships: MembershipsTable;
  providers: ProvidersTable;
  refresh_tokens: RefreshTokensTable;
  resources: ResourcesTable;
  scan_accounts: ScanAccountsTable;
  scan_events: ScanEventsTable;
  scan_units: ScanUnitsTable;
  scans: ScansTable;
  schedules: SchedulesTable;
  schema_migrations: SchemaMigrationsTable;
  tenants: TenantsTable;
  users: UsersTable;
}
