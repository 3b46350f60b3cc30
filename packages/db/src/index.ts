export { createDatabase, databaseEngine } from './database.ts';
export type { DatabaseEngine, DatabaseOptions, Db } from './database.ts';
export { DbError, sqlState } from './errors.ts';
export type { DbErrorCode } from './errors.ts';
export { loadMigrations, migrate, MIGRATIONS_DIR } from './migrate.ts';
export type { MigrateResult, Migration } from './migrate.ts';
export { APP_ROLE, isUuid, withSystem, withTenant } from './tenancy.ts';
export type { Tx } from './tenancy.ts';
export {
  detachFindingPartitionsOlderThan,
  ensureFindingPartitions,
  findingPartitionName,
  findingPartitions,
} from './partitions.ts';
export { deleteExpiredEventScans, dropExpiredFindingPartitions, findingsRetentionCutoff } from './retention.ts';
export { analyzeFindingStates, commitFindingStates, deleteScanFindings, insertFindings, listFindings, resolveMissingFindings } from './findings.repo.ts';
export type { ScanFindingsScope } from './findings.repo.ts';
export type {
  FindingFilters,
  FindingPage,
  FindingRow,
  FindingSort,
  InsertFindingsResult,
} from './findings.repo.ts';
export { createManualFinding, deleteFinding, findingMutedAt, MANUAL_FINDING_UID_PREFIX } from './manual-findings.repo.ts';
export type { ManualFindingInput } from './manual-findings.repo.ts';
export { ACTIVE_SCAN_STATES, createScan } from './scans.repo.ts';
export type { CreateScanResult, ScanRow } from './scans.repo.ts';
export type * from './schema.ts';
