import { DescribeVolumesCommand, EC2Client } from '@aws-sdk/client-ec2';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { awsError, collect } from '../../testing/index.ts';
import collector from './compute-volumes.collector.ts';

const ec2 = mockClient(EC2Client);

const attached = {
  VolumeId: 'vol-0aaa0000000000001',
  Size: 8,
  SnapshotId: 'snap-0123',
  AvailabilityZone: 'us-east-1a',
  State: 'in-use' as const,
  CreateTime: new Date('2025-06-01T12:00:00Z'),
  VolumeType: 'gp3' as const,
  Encrypted: true,
  KmsKeyId: 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab',
  Attachments: [
    { VolumeId: 'vol-0aaa0000000000001', InstanceId: 'i-0001', Device: '/dev/xvda', State: 'attached' as const, DeleteOnTermination: true },
  ],
  Tags: [{ Key: 'team', Value: 'web' }],
};
const detached = { VolumeId: 'vol-0aaa0000000000002', Size: 100, SnapshotId: '', State: 'available' as const, VolumeType: 'gp2' as const, Encrypted: false, Attachments: [] };

describe('ec2-volumes collector', () => {
  beforeEach(() => ec2.reset());

  it('lists every page', async () => {
    ec2
      .on(DescribeVolumesCommand)
      .resolvesOnce({ Volumes: [attached], NextToken: 'next' })
      .resolvesOnce({ Volumes: [detached] });
    const { resources } = await collect(collector);
    expect(ec2.commandCalls(DescribeVolumesCommand)[1]?.args[0].input).toMatchObject({ NextToken: 'next' });
    expect(resources.map((r) => r.id)).toEqual([
      'arn:aws:ec2:us-east-1:123456789012:volume/vol-0aaa0000000000001',
      'arn:aws:ec2:us-east-1:123456789012:volume/vol-0aaa0000000000002',
    ]);
    expect(resources[0]?.attributes).toMatchObject({
      encrypted: true,
      kmsKeyId: attached.KmsKeyId,
      state: 'in-use',
      sizeGiB: 8,
      createTime: '2025-06-01T12:00:00.000Z',
      attachments: [{ instanceId: 'i-0001', device: '/dev/xvda', state: 'attached', deleteOnTermination: true }],
    });
    expect(resources[0]?.tags).toEqual({ team: 'web' });
    expect(resources[1]?.attributes).toMatchObject({ encrypted: false, kmsKeyId: null, snapshotId: null, attachments: [] });
  });

  it('rejects when the listing is denied', async () => {
    ec2.on(DescribeVolumesCommand).rejects(awsError('UnauthorizedOperation', 'You are not authorized to perform this operation.', 403));
    await expect(collect(collector)).rejects.toThrow(/not authorized/);
  });

  it('retries RequestLimitExceeded', async () => {
    ec2.on(DescribeVolumesCommand).rejectsOnce(awsError('RequestLimitExceeded', 'Request limit exceeded.', 503)).resolves({ Volumes: [detached] });
    const { resources, stats } = await collect(collector);
    expect(resources).toHaveLength(1);
    expect(stats.throttles).toBe(1);
  });

  it('makes only the listing call when no attribute is wanted', async () => {
    ec2.on(DescribeVolumesCommand).resolves({ Volumes: [attached, detached] });
    const { stats } = await collect(collector, { wants: [] });
    expect(stats.apiCalls).toBe(1);
  });
});
