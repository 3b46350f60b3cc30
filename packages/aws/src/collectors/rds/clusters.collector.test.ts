import { DescribeDBClustersCommand, RDSClient } from '@aws-sdk/client-rds';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { awsError, collect } from '../../testing/index.ts';
import collector from './clusters.collector.ts';

const rds = mockClient(RDSClient);

const aurora = {
  DBClusterIdentifier: 'aurora-1',
  DBClusterArn: 'arn:aws:rds:us-east-1:123456789012:cluster:aurora-1',
  Engine: 'aurora-mysql',
  EngineVersion: '8.0.mysql_aurora.3.05.2',
  EngineMode: 'provisioned',
  Status: 'available',
  MultiAZ: true,
  AvailabilityZones: ['us-east-1a', 'us-east-1b', 'us-east-1c'],
  BackupRetentionPeriod: 7,
  Port: 3306,
  MasterUsername: 'admin',
  StorageEncrypted: true,
  KmsKeyId: 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab',
  DeletionProtection: true,
  IAMDatabaseAuthenticationEnabled: false,
  BacktrackWindow: 86400,
  EnabledCloudwatchLogsExports: ['audit', 'error'],
  CopyTagsToSnapshot: true,
  AutoMinorVersionUpgrade: true,
  DBClusterMembers: [
    { DBInstanceIdentifier: 'aurora-1-instance-1', IsClusterWriter: true, PromotionTier: 1 },
    { DBInstanceIdentifier: 'aurora-1-instance-2', IsClusterWriter: false, PromotionTier: 1 },
  ],
  TagList: [{ Key: 'team', Value: 'payments' }],
};

const multiAzCluster = {
  DBClusterIdentifier: 'pg-maz',
  DBClusterArn: 'arn:aws:rds:us-east-1:123456789012:cluster:pg-maz',
  Engine: 'postgres',
  EngineVersion: '16.4',
  Status: 'available',
  MultiAZ: true,
  Port: 5432,
  MasterUsername: 'postgres',
  StorageEncrypted: false,
  DeletionProtection: false,
  PubliclyAccessible: false,
  AutoMinorVersionUpgrade: false,
  DBClusterMembers: [],
};

describe('rds-clusters collector', () => {
  beforeEach(() => rds.reset());

  it('reads every page and leaves DocumentDB and Neptune out', async () => {
    rds
      .on(DescribeDBClustersCommand)
      .resolves({ DBClusters: [aurora], Marker: 'page2' })
      .on(DescribeDBClustersCommand, { Marker: 'page2' })
      .resolves({ DBClusters: [multiAzCluster, { ...aurora, DBClusterIdentifier: 'docs', Engine: 'docdb' }] });
    const { resources } = await collect(collector);
    expect(resources.map((r) => r.name)).toEqual(['aurora-1', 'pg-maz']);
    expect(resources[0]?.id).toBe('arn:aws:rds:us-east-1:123456789012:cluster:aurora-1');
    expect(resources[0]?.tags).toEqual({ team: 'payments' });
    expect(resources[0]?.attributes).toEqual({
      identifier: 'aurora-1',
      engine: 'aurora-mysql',
      engineVersion: '8.0.mysql_aurora.3.05.2',
      engineMode: 'provisioned',
      status: 'available',
      multiAZ: true,
      storageEncrypted: true,
      kmsKeyId: 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab',
      deletionProtection: true,
      iamDatabaseAuthenticationEnabled: false,
      backtrackWindow: 86400,
      enabledCloudwatchLogsExports: ['audit', 'error'],
      copyTagsToSnapshot: true,
      masterUsername: 'admin',
      port: 3306,
      backupRetentionPeriod: 7,
      autoMinorVersionUpgrade: null,
      publiclyAccessible: null,
      members: [
        { identifier: 'aurora-1-instance-1', isWriter: true },
        { identifier: 'aurora-1-instance-2', isWriter: false },
      ],
    });
    expect(resources[1]?.attributes).toMatchObject({
      engineMode: 'provisioned',
      autoMinorVersionUpgrade: false,
      publiclyAccessible: false,
      backtrackWindow: null,
      enabledCloudwatchLogsExports: [],
      members: [],
    });
  });

  it('rejects when the listing is denied', async () => {
    rds.on(DescribeDBClustersCommand).rejects(awsError('AccessDenied', 'not authorized to perform: rds:DescribeDBClusters', 403));
    await expect(collect(collector)).rejects.toMatchObject({ name: 'AccessDenied' });
  });

  it('retries throttling', async () => {
    rds
      .on(DescribeDBClustersCommand)
      .rejectsOnce(awsError('Throttling', 'Rate exceeded'))
      .resolves({ DBClusters: [aurora] });
    const { resources, stats } = await collect(collector);
    expect(resources).toHaveLength(1);
    expect(stats.throttles).toBe(1);
    expect(stats.apiCalls).toBe(2);
  });

  it('makes only the listing call when no attribute is wanted', async () => {
    rds.on(DescribeDBClustersCommand).resolves({ DBClusters: [aurora] });
    const { resources, stats } = await collect(collector, { wants: [] });
    expect(resources).toHaveLength(1);
    expect(stats.apiCalls).toBe(1);
  });
});
