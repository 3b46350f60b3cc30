import {
  DescribeDBClusterSnapshotAttributesCommand,
  DescribeDBClusterSnapshotsCommand,
  DescribeDBSnapshotAttributesCommand,
  DescribeDBSnapshotsCommand,
  RDSClient,
} from '@aws-sdk/client-rds';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { awsError, collect } from '../../testing/index.ts';
import collector from './snapshots.collector.ts';

const rds = mockClient(RDSClient);
const ARN = 'arn:aws:rds:us-east-1:123456789012:';

const dbSnapshot = (id: string, type: string, extra: Record<string, unknown> = {}) => ({
  DBSnapshotIdentifier: id,
  DBSnapshotArn: `${ARN}snapshot:${id}`,
  DBInstanceIdentifier: 'orders-db',
  SnapshotCreateTime: new Date('2026-10-01T03:00:00Z'),
  Engine: 'postgres',
  EngineVersion: '16.4',
  Status: 'available',
  SnapshotType: type,
  Encrypted: true,
  KmsKeyId: 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab',
  TagList: [],
  ...extra,
});

const clusterSnapshot = {
  DBClusterSnapshotIdentifier: 'aurora-1-before-upgrade',
  DBClusterSnapshotArn: `${ARN}cluster-snapshot:aurora-1-before-upgrade`,
  DBClusterIdentifier: 'aurora-1',
  SnapshotCreateTime: new Date('2026-09-01T03:00:00Z'),
  Engine: 'aurora-mysql',
  Status: 'available',
  SnapshotType: 'manual',
  StorageEncrypted: false,
  TagList: [{ Key: 'purpose', Value: 'upgrade' }],
};

function mockListings() {
  rds
    .on(DescribeDBSnapshotsCommand)
    .resolves({ DBSnapshots: [dbSnapshot('rds:orders-db-2026-10-01-03-00', 'automated')], Marker: 'page2' })
    .on(DescribeDBSnapshotsCommand, { Marker: 'page2' })
    .resolves({ DBSnapshots: [dbSnapshot('orders-export', 'manual', { Encrypted: false, KmsKeyId: undefined })] });
  rds.on(DescribeDBClusterSnapshotsCommand).resolves({
    DBClusterSnapshots: [clusterSnapshot, { ...clusterSnapshot, DBClusterSnapshotIdentifier: 'docs-snap', Engine: 'docdb' }],
  });
}

describe('rds-snapshots collector', () => {
  beforeEach(() => rds.reset());

  it('lists every page of DB and cluster snapshots with who can restore them', async () => {
    mockListings();
    rds.on(DescribeDBSnapshotAttributesCommand).resolves({
      DBSnapshotAttributesResult: {
        DBSnapshotIdentifier: 'orders-export',
        DBSnapshotAttributes: [{ AttributeName: 'restore', AttributeValues: ['all'] }],
      },
    });
    rds.on(DescribeDBClusterSnapshotAttributesCommand).resolves({
      DBClusterSnapshotAttributesResult: {
        DBClusterSnapshotIdentifier: 'aurora-1-before-upgrade',
        DBClusterSnapshotAttributes: [{ AttributeName: 'restore', AttributeValues: ['111122223333'] }],
      },
    });
    const { resources } = await collect(collector);
    expect(resources.map((r) => r.name)).toEqual(['rds:orders-db-2026-10-01-03-00', 'orders-export', 'aurora-1-before-upgrade']);
    const [automated, manual, cluster] = resources;
    expect(automated?.attributes).toEqual({
      identifier: 'rds:orders-db-2026-10-01-03-00',
      kind: 'instance',
      snapshotType: 'automated',
      engine: 'postgres',
      status: 'available',
      encrypted: true,
      kmsKeyId: 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab',
      sourceIdentifier: 'orders-db',
      createTime: '2026-10-01T03:00:00.000Z',
      restoreAccess: [],
    });
    expect(manual?.attributes).toMatchObject({ encrypted: false, kmsKeyId: null, restoreAccess: ['all'] });
    expect(cluster?.id).toBe(`${ARN}cluster-snapshot:aurora-1-before-upgrade`);
    expect(cluster?.tags).toEqual({ purpose: 'upgrade' });
    expect(cluster?.attributes).toMatchObject({ kind: 'cluster', encrypted: false, sourceIdentifier: 'aurora-1', restoreAccess: ['111122223333'] });
    // Automated snapshots cannot be shared: no attribute call for them.
    expect(rds.commandCalls(DescribeDBSnapshotAttributesCommand).map((c) => c.args[0].input)).toEqual([{ DBSnapshotIdentifier: 'orders-export' }]);
    expect(rds.commandCalls(DescribeDBClusterSnapshotAttributesCommand)).toHaveLength(1);
  });

  it('records AccessDenied on the sharing attribute', async () => {
    mockListings();
    rds.on(DescribeDBSnapshotAttributesCommand).rejects(awsError('AccessDenied', 'not authorized to perform: rds:DescribeDBSnapshotAttributes', 403));
    rds.on(DescribeDBClusterSnapshotAttributesCommand).resolves({ DBClusterSnapshotAttributesResult: { DBClusterSnapshotAttributes: [] } });
    const { resources } = await collect(collector);
    expect(resources[1]?.errors.restoreAccess?.code).toBe('AccessDenied');
    expect(resources[1]?.attributes.restoreAccess).toBeUndefined();
    expect(resources[2]?.attributes.restoreAccess).toEqual([]);
    expect(resources[2]?.errors).toEqual({});
  });

  it('rejects when a listing is denied', async () => {
    rds.on(DescribeDBSnapshotsCommand).resolves({ DBSnapshots: [] });
    rds.on(DescribeDBClusterSnapshotsCommand).rejects(awsError('AccessDenied', 'not authorized to perform: rds:DescribeDBClusterSnapshots', 403));
    await expect(collect(collector)).rejects.toMatchObject({ name: 'AccessDenied' });
  });

  it('retries throttling', async () => {
    rds
      .on(DescribeDBSnapshotsCommand)
      .rejectsOnce(awsError('Throttling', 'Rate exceeded'))
      .resolves({ DBSnapshots: [dbSnapshot('orders-export', 'manual')] });
    rds.on(DescribeDBClusterSnapshotsCommand).resolves({ DBClusterSnapshots: [] });
    rds
      .on(DescribeDBSnapshotAttributesCommand)
      .rejectsOnce(awsError('Throttling', 'Rate exceeded'))
      .resolves({ DBSnapshotAttributesResult: { DBSnapshotAttributes: [{ AttributeName: 'restore', AttributeValues: [] }] } });
    const { resources, stats } = await collect(collector);
    expect(resources[0]?.attributes.restoreAccess).toEqual([]);
    expect(stats.throttles).toBe(2);
    expect(stats.apiCalls).toBe(5);
  });

  it('makes no attribute call when no check wants sharing', async () => {
    mockListings();
    const { resources } = await collect(collector, { wants: [] });
    expect(resources).toHaveLength(3);
    expect(rds.commandCalls(DescribeDBSnapshotAttributesCommand)).toHaveLength(0);
    expect(rds.commandCalls(DescribeDBClusterSnapshotAttributesCommand)).toHaveLength(0);
    expect(resources[1]?.attributes).not.toHaveProperty('restoreAccess');
  });
});
