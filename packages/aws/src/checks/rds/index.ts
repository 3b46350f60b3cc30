import type { Check } from '@vigil/engine';
import rdsClusterBacktrackEnabled from './rds_cluster_backtrack_enabled.ts';
import rdsClusterCopyTagsToSnapshots from './rds_cluster_copy_tags_to_snapshots.ts';
import rdsClusterDefaultAdmin from './rds_cluster_default_admin.ts';
import rdsClusterDeletionProtection from './rds_cluster_deletion_protection.ts';
import rdsClusterIamAuthenticationEnabled from './rds_cluster_iam_authentication_enabled.ts';
import rdsClusterIntegrationCloudwatchLogs from './rds_cluster_integration_cloudwatch_logs.ts';
import rdsClusterMinorVersionUpgradeEnabled from './rds_cluster_minor_version_upgrade_enabled.ts';
import rdsClusterMultiAz from './rds_cluster_multi_az.ts';
import rdsClusterNonDefaultPort from './rds_cluster_non_default_port.ts';
import rdsClusterStorageEncrypted from './rds_cluster_storage_encrypted.ts';
import rdsInstanceBackupEnabled from './rds_instance_backup_enabled.ts';
import rdsInstanceCertificateExpiration from './rds_instance_certificate_expiration.ts';
import rdsInstanceCopyTagsToSnapshots from './rds_instance_copy_tags_to_snapshots.ts';
import rdsInstanceDefaultAdmin from './rds_instance_default_admin.ts';
import rdsInstanceDeletionProtection from './rds_instance_deletion_protection.ts';
import rdsInstanceEnhancedMonitoringEnabled from './rds_instance_enhanced_monitoring_enabled.ts';
import rdsInstanceIamAuthenticationEnabled from './rds_instance_iam_authentication_enabled.ts';
import rdsInstanceInsideVpc from './rds_instance_inside_vpc.ts';
import rdsInstanceIntegrationCloudwatchLogs from './rds_instance_integration_cloudwatch_logs.ts';
import rdsInstanceMinorVersionUpgradeEnabled from './rds_instance_minor_version_upgrade_enabled.ts';
import rdsInstanceMultiAz from './rds_instance_multi_az.ts';
import rdsInstanceNoPublicAccess from './rds_instance_no_public_access.ts';
import rdsInstanceNonDefaultPort from './rds_instance_non_default_port.ts';
import rdsInstanceStorageEncrypted from './rds_instance_storage_encrypted.ts';
import rdsInstanceTransportEncrypted from './rds_instance_transport_encrypted.ts';
import rdsSnapshotsEncrypted from './rds_snapshots_encrypted.ts';
import rdsSnapshotsPublicAccess from './rds_snapshots_public_access.ts';

export const checks: Check[] = [
  rdsClusterBacktrackEnabled,
  rdsClusterCopyTagsToSnapshots,
  rdsClusterDefaultAdmin,
  rdsClusterDeletionProtection,
  rdsClusterIamAuthenticationEnabled,
  rdsClusterIntegrationCloudwatchLogs,
  rdsClusterMinorVersionUpgradeEnabled,
  rdsClusterMultiAz,
  rdsClusterNonDefaultPort,
  rdsClusterStorageEncrypted,
  rdsInstanceBackupEnabled,
  rdsInstanceCertificateExpiration,
  rdsInstanceCopyTagsToSnapshots,
  rdsInstanceDefaultAdmin,
  rdsInstanceDeletionProtection,
  rdsInstanceEnhancedMonitoringEnabled,
  rdsInstanceIamAuthenticationEnabled,
  rdsInstanceInsideVpc,
  rdsInstanceIntegrationCloudwatchLogs,
  rdsInstanceMinorVersionUpgradeEnabled,
  rdsInstanceMultiAz,
  rdsInstanceNoPublicAccess,
  rdsInstanceNonDefaultPort,
  rdsInstanceStorageEncrypted,
  rdsInstanceTransportEncrypted,
  rdsSnapshotsEncrypted,
  rdsSnapshotsPublicAccess,
];
