import type { Resource } from '@vigil/engine';
import { buildResource } from '../../testing/index.ts';
import type { RdsDbClusterAttributes, RdsDbInstanceAttributes, RdsDbSnapshotAttributes } from '../../resources/rds.ts';

/** Test fixtures: a well-configured PostgreSQL instance, Aurora MySQL cluster and manual snapshot. */
export function instance(a: Partial<RdsDbInstanceAttributes> = {}, name = a.identifier ?? 'orders-db'): Resource<RdsDbInstanceAttributes> {
  return buildResource<RdsDbInstanceAttributes>(
    'AwsRdsDbInstance',
    {
      identifier: name,
      engine: 'postgres',
      engineVersion: '16.4',
      instanceClass: 'db.m6g.large',
      status: 'available',
      dbClusterIdentifier: null,
      readReplicaSource: null,
      storageEncrypted: true,
      kmsKeyId: 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab',
      publiclyAccessible: false,
      multiAZ: true,
      autoMinorVersionUpgrade: true,
      backupRetentionPeriod: 7,
      deletionProtection: true,
      iamDatabaseAuthenticationEnabled: true,
      monitoringInterval: 60,
      enabledCloudwatchLogsExports: ['postgresql', 'upgrade'],
      copyTagsToSnapshot: true,
      masterUsername: 'orders_admin',
      port: 6543,
      vpcId: 'vpc-0abc',
      caCertificateIdentifier: 'rds-ca-rsa2048-g1',
      certificateValidTill: '2027-06-01T00:00:00.000Z',
      parameterGroups: ['orders-pg16'],
      transportParameters: { 'rds.force_ssl': '1' },
      ...a,
    },
    { name, id: `arn:aws:rds:us-east-1:123456789012:db:${name}` },
  );
}

/** An Aurora MySQL cluster member: cluster-managed settings carry the values RDS reports for members. */
export function auroraMember(a: Partial<RdsDbInstanceAttributes> = {}): Resource<RdsDbInstanceAttributes> {
  return instance(
    {
      engine: 'aurora-mysql',
      dbClusterIdentifier: 'aurora-1',
      multiAZ: false,
      deletionProtection: false,
      iamDatabaseAuthenticationEnabled: false,
      enabledCloudwatchLogsExports: [],
      copyTagsToSnapshot: false,
      masterUsername: 'admin',
      port: 3306,
      ...a,
    },
    'aurora-1-instance-1',
  );
}

export function cluster(a: Partial<RdsDbClusterAttributes> = {}, name = a.identifier ?? 'aurora-1'): Resource<RdsDbClusterAttributes> {
  return buildResource<RdsDbClusterAttributes>(
    'AwsRdsDbCluster',
    {
      identifier: name,
      engine: 'aurora-mysql',
      engineVersion: '8.0.mysql_aurora.3.05.2',
      engineMode: 'provisioned',
      status: 'available',
      multiAZ: true,
      storageEncrypted: true,
      kmsKeyId: 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab',
      deletionProtection: true,
      iamDatabaseAuthenticationEnabled: true,
      backtrackWindow: 86400,
      enabledCloudwatchLogsExports: ['audit', 'error'],
      copyTagsToSnapshot: true,
      masterUsername: 'payments_admin',
      port: 3307,
      backupRetentionPeriod: 7,
      autoMinorVersionUpgrade: null,
      publiclyAccessible: null,
      members: [{ identifier: `${name}-instance-1`, isWriter: true }],
      ...a,
    },
    { name, id: `arn:aws:rds:us-east-1:123456789012:cluster:${name}` },
  );
}

/** A non-Aurora Multi-AZ DB cluster (PostgreSQL). */
export function multiAzCluster(a: Partial<RdsDbClusterAttributes> = {}): Resource<RdsDbClusterAttributes> {
  return cluster(
    { engine: 'postgres', engineVersion: '16.4', backtrackWindow: null, autoMinorVersionUpgrade: true, publiclyAccessible: false, port: 5433, ...a },
    'pg-maz',
  );
}

export function snapshot(a: Partial<RdsDbSnapshotAttributes> = {}, name = a.identifier ?? 'orders-export'): Resource<RdsDbSnapshotAttributes> {
  return buildResource<RdsDbSnapshotAttributes>(
    'AwsRdsDbSnapshot',
    {
      identifier: name,
      kind: 'instance',
      snapshotType: 'manual',
      engine: 'postgres',
      status: 'available',
      encrypted: true,
      kmsKeyId: 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab',
      sourceIdentifier: 'orders-db',
      createTime: '2026-10-01T03:00:00.000Z',
      restoreAccess: [],
      ...a,
    },
    { name, id: `arn:aws:rds:us-east-1:123456789012:snapshot:${name}` },
  );
}
