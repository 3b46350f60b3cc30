import { DescribeSnapshotAttributeCommand, DescribeSnapshotsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { awsError, collect } from '../../testing/index.ts';
import collector from './compute-snapshots.collector.ts';

const ec2 = mockClient(EC2Client);

const snap = (n: number, encrypted: boolean) => ({
  SnapshotId: `snap-000000000000000${n}`,
  VolumeId: `vol-000000000000000${n}`,
  State: 'completed' as const,
  StartTime: new Date('2026-02-01T00:00:00Z'),
  Progress: '100%',
  OwnerId: '123456789012',
  VolumeSize: 8,
  Encrypted: encrypted,
  ...(encrypted ? { KmsKeyId: 'arn:aws:kms:us-east-1:123456789012:key/abcd' } : {}),
  Tags: [],
});

describe('ec2-snapshots collector', () => {
  beforeEach(() => ec2.reset());

  it('lists owned snapshots over every page and reads their volume permissions', async () => {
    ec2
      .on(DescribeSnapshotsCommand)
      .resolvesOnce({ Snapshots: [snap(1, true)], NextToken: 'p2' })
      .resolvesOnce({ Snapshots: [snap(2, false)] });
    ec2
      .on(DescribeSnapshotAttributeCommand, { SnapshotId: 'snap-0000000000000001' })
      .resolves({ SnapshotId: 'snap-0000000000000001', CreateVolumePermissions: [] })
      .on(DescribeSnapshotAttributeCommand, { SnapshotId: 'snap-0000000000000002' })
      .resolves({ SnapshotId: 'snap-0000000000000002', CreateVolumePermissions: [{ Group: 'all' }, { UserId: '210987654321' }] });
    const { resources } = await collect(collector);
    const calls = ec2.commandCalls(DescribeSnapshotsCommand);
    expect(calls[0]?.args[0].input).toMatchObject({ OwnerIds: ['self'] });
    expect(calls[1]?.args[0].input).toMatchObject({ OwnerIds: ['self'], NextToken: 'p2' });
    expect(ec2.commandCalls(DescribeSnapshotAttributeCommand)[0]?.args[0].input).toMatchObject({ Attribute: 'createVolumePermission' });
    expect(resources.map((r) => r.id)).toEqual([
      'arn:aws:ec2:us-east-1::snapshot/snap-0000000000000001',
      'arn:aws:ec2:us-east-1::snapshot/snap-0000000000000002',
    ]);
    expect(resources[0]?.attributes).toMatchObject({ encrypted: true, volumeId: 'vol-0000000000000001', createVolumePermissions: [] });
    expect(resources[1]?.attributes).toMatchObject({
      encrypted: false,
      kmsKeyId: null,
      createVolumePermissions: [{ group: 'all' }, { userId: '210987654321' }],
    });
  });

  it('maps InvalidSnapshot.NotFound (deleted meanwhile) to null', async () => {
    ec2.on(DescribeSnapshotsCommand).resolves({ Snapshots: [snap(1, true)] });
    ec2.on(DescribeSnapshotAttributeCommand).rejects(awsError('InvalidSnapshot.NotFound', "The snapshot 'snap-0000000000000001' does not exist."));
    const { resources } = await collect(collector);
    expect(resources[0]?.attributes).toMatchObject({ createVolumePermissions: null });
    expect(resources[0]?.errors).toEqual({});
  });

  it('records UnauthorizedOperation on the permissions enrichment', async () => {
    ec2.on(DescribeSnapshotsCommand).resolves({ Snapshots: [snap(1, true)] });
    ec2.on(DescribeSnapshotAttributeCommand).rejects(awsError('UnauthorizedOperation', 'You are not authorized to perform this operation.', 403));
    const { resources } = await collect(collector);
    expect(resources[0]?.errors.createVolumePermissions?.code).toBe('UnauthorizedOperation');
    expect(resources[0]?.attributes).toMatchObject({ encrypted: true });
  });

  it('rejects when the listing is denied', async () => {
    ec2.on(DescribeSnapshotsCommand).rejects(awsError('UnauthorizedOperation', 'You are not authorized to perform this operation.', 403));
    await expect(collect(collector)).rejects.toThrow(/not authorized/);
  });

  it('retries RequestLimitExceeded on the enrichment', async () => {
    ec2.on(DescribeSnapshotsCommand).resolves({ Snapshots: [snap(1, true)] });
    ec2
      .on(DescribeSnapshotAttributeCommand)
      .rejectsOnce(awsError('RequestLimitExceeded', 'Request limit exceeded.', 503))
      .resolves({ CreateVolumePermissions: [] });
    const { resources, stats } = await collect(collector);
    expect(resources[0]?.attributes).toMatchObject({ createVolumePermissions: [] });
    expect(resources[0]?.errors).toEqual({});
    expect(stats.throttles).toBe(1);
    expect(stats.apiCalls).toBe(3);
  });

  it('makes no DescribeSnapshotAttribute call when no check wants permissions', async () => {
    ec2.on(DescribeSnapshotsCommand).resolves({ Snapshots: [snap(1, true), snap(2, false)] });
    const { resources, stats } = await collect(collector, { wants: [] });
    expect(resources).toHaveLength(2);
    expect(ec2.commandCalls(DescribeSnapshotAttributeCommand)).toHaveLength(0);
    expect(stats.apiCalls).toBe(1);
  });
});
