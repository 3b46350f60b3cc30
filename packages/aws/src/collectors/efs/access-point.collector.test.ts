import { DescribeAccessPointsCommand, EFSClient } from '@aws-sdk/client-efs';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { awsError, collect } from '../../testing/index.ts';
import collector from './access-point.collector.ts';

const efs = mockClient(EFSClient);
const arn = (id: string) => `arn:aws:elasticfilesystem:us-east-1:123456789012:access-point/${id}`;

describe('efs-access-points collector', () => {
  beforeEach(() => efs.reset());

  it('lists every page', async () => {
    efs
      .on(DescribeAccessPointsCommand)
      .resolves({
        AccessPoints: [
          {
            AccessPointId: 'fsap-1',
            AccessPointArn: arn('fsap-1'),
            FileSystemId: 'fs-1',
            Name: 'app',
            Tags: [{ Key: 'Name', Value: 'app' }],
            PosixUser: { Uid: 1000, Gid: 1000, SecondaryGids: [2000] },
            RootDirectory: { Path: '/app', CreationInfo: { OwnerUid: 1000, OwnerGid: 1000, Permissions: '750' } },
            OwnerId: '123456789012',
            LifeCycleState: 'available',
          },
        ],
        NextToken: 'p2',
      })
      .on(DescribeAccessPointsCommand, { NextToken: 'p2' })
      .resolves({
        AccessPoints: [
          { AccessPointId: 'fsap-2', AccessPointArn: arn('fsap-2'), FileSystemId: 'fs-1', RootDirectory: { Path: '/' }, LifeCycleState: 'available' },
        ],
      });
    const { resources } = await collect(collector);
    expect(resources.map((r) => r.id)).toEqual([arn('fsap-1'), arn('fsap-2')]);
    expect(resources[0]?.tags).toEqual({ Name: 'app' });
    expect(resources[0]?.attributes).toEqual({
      fileSystemId: 'fs-1',
      rootDirectoryPath: '/app',
      posixUser: { uid: 1000, gid: 1000, secondaryGids: [2000] },
    });
    expect(resources[1]?.attributes).toEqual({ fileSystemId: 'fs-1', rootDirectoryPath: '/', posixUser: null });
  });

  it('rejects when the listing is denied', async () => {
    efs.on(DescribeAccessPointsCommand).rejects(awsError('AccessDeniedException', 'not authorized', 403));
    await expect(collect(collector)).rejects.toThrow('not authorized');
  });

  it('retries throttling', async () => {
    efs
      .on(DescribeAccessPointsCommand)
      .rejectsOnce(awsError('ThrottlingException', 'Rate exceeded', 400))
      .resolves({ AccessPoints: [] });
    const { resources, stats } = await collect(collector);
    expect(resources).toEqual([]);
    expect(stats.throttles).toBe(1);
    expect(stats.apiCalls).toBe(2);
  });

  it('makes only the listing call when no attribute is wanted', async () => {
    efs.on(DescribeAccessPointsCommand).resolves({ AccessPoints: [] });
    const { stats } = await collect(collector, { wants: [] });
    expect(stats.apiCalls).toBe(1);
  });
});
