import type { DescribeDBClustersCommandOutput, DBCluster } from '@aws-sdk/client-rds';
import { DescribeDBClustersCommand, RDSClient } from '@aws-sdk/client-rds';
import { defineAwsCollector } from '../../context.ts';
import type { RdsDbClusterAttributes } from '../../resources/rds.ts';
import { isOtherServiceEngine } from './shared.ts';
import { tagRecord } from '../../lib/tags.ts';

function attributesOf(c: DBCluster): RdsDbClusterAttributes {
  const aurora = (c.Engine ?? '').startsWith('aurora');
  return {
    identifier: c.DBClusterIdentifier ?? '',
    engine: c.Engine ?? '',
    engineVersion: c.EngineVersion ?? '',
    engineMode: c.EngineMode ?? 'provisioned',
    status: c.Status ?? '',
    multiAZ: c.MultiAZ ?? false,
    storageEncrypted: c.StorageEncrypted ?? false,
    kmsKeyId: c.KmsKeyId ?? null,
    deletionProtection: c.DeletionProtection ?? false,
    iamDatabaseAuthenticationEnabled: c.IAMDatabaseAuthenticationEnabled ?? false,
    backtrackWindow: c.BacktrackWindow ?? null,
    enabledCloudwatchLogsExports: c.EnabledCloudwatchLogsExports ?? [],
    copyTagsToSnapshot: c.CopyTagsToSnapshot ?? false,
    masterUsername: c.MasterUsername ?? null,
    port: c.Port ?? null,
    backupRetentionPeriod: c.BackupRetentionPeriod ?? 0,
    autoMinorVersionUpgrade: aurora ? null : (c.AutoMinorVersionUpgrade ?? null),
    publiclyAccessible: aurora ? null : (c.PubliclyAccessible ?? null),
    members: (c.DBClusterMembers ?? []).flatMap((m) =>
      m.DBInstanceIdentifier ? [{ identifier: m.DBInstanceIdentifier, isWriter: m.IsClusterWriter ?? false }] : [],
    ),
  };
}

/** RDS DB clusters (`AwsRdsDbCluster`, regional): Aurora and Multi-AZ DB clusters, DocumentDB and Neptune left out. */
export default defineAwsCollector({
  id: 'rds-clusters',
  service: 'rds',
  resourceType: 'AwsRdsDbCluster',
  scope: 'regional',
  calls: [{ api: 'DescribeDBClusters', action: 'rds:DescribeDBClusters' }],
  attributes: {
    identifier: {},
    engine: {},
    engineVersion: {},
    engineMode: {},
    status: {},
    multiAZ: {},
    storageEncrypted: {},
    kmsKeyId: {},
    deletionProtection: {},
    iamDatabaseAuthenticationEnabled: {},
    backtrackWindow: {},
    enabledCloudwatchLogsExports: {},
    copyTagsToSnapshot: {},
    masterUsername: {},
    port: {},
    backupRetentionPeriod: {},
    autoMinorVersionUpgrade: {},
    publiclyAccessible: {},
    members: {},
  },
  async *collect(ctx) {
    const rds = ctx.client(RDSClient);
    let marker: string | undefined;
    do {
      const page: DescribeDBClustersCommandOutput = await rds.send(new DescribeDBClustersCommand({ MaxRecords: 100, Marker: marker }));
      for (const c of page.DBClusters ?? []) {
        if (isOtherServiceEngine(c.Engine) || !c.DBClusterIdentifier) continue;
        yield ctx.resource<Partial<RdsDbClusterAttributes>>({
          id: c.DBClusterArn ?? ctx.arn('rds', `cluster:${c.DBClusterIdentifier}`),
          name: c.DBClusterIdentifier,
          tags: tagRecord(c.TagList),
          attributes: attributesOf(c),
        });
      }
      marker = page.Marker;
    } while (marker);
  },
});
