import {
  DescribeBackupPolicyCommand,
  DescribeFileSystemPolicyCommand,
  DescribeFileSystemsCommand,
  EFSClient,
} from '@aws-sdk/client-efs';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { awsError, collect } from '../../testing/index.ts';
import collector from './file-system.collector.ts';

const efs = mockClient(EFSClient);
const arn = (id: string) => `arn:aws:elasticfilesystem:us-east-1:123456789012:file-system/${id}`;
const fileSystem = (id: string, extra: Record<string, unknown> = {}) => ({
  OwnerId: '123456789012',
  CreationToken: `token-${id}`,
  FileSystemId: id,
  FileSystemArn: arn(id),
  CreationTime: new Date('2025-05-01T00:00:00Z'),
  LifeCycleState: 'available' as const,
  NumberOfMountTargets: 2,
  SizeInBytes: { Value: 6144 },
  PerformanceMode: 'generalPurpose' as const,
  Encrypted: true,
  KmsKeyId: 'arn:aws:kms:us-east-1:123456789012:key/k1',
  ThroughputMode: 'elastic' as const,
  Tags: [{ Key: 'Name', Value: 'shared' }],
  ...extra,
});
const policy = {
  Version: '2012-10-17',
  Id: 'efs-policy',
  Statement: [
    {
      Sid: 'mount',
      Effect: 'Allow',
      Principal: { AWS: '*' },
      Action: ['elasticfilesystem:ClientMount', 'elasticfilesystem:ClientWrite'],
      Condition: { Bool: { 'elasticfilesystem:AccessedViaMountTarget': 'true' } },
    },
  ],
};

function mockHappyPath() {
  efs
    .on(DescribeFileSystemsCommand)
    .resolves({ FileSystems: [fileSystem('fs-1')], NextMarker: 'm2' })
    .on(DescribeFileSystemsCommand, { Marker: 'm2' })
    .resolves({
      FileSystems: [fileSystem('fs-2', { Encrypted: false, KmsKeyId: undefined, AvailabilityZoneName: 'us-east-1a', NumberOfMountTargets: 1, Tags: [] })],
    });
  efs.on(DescribeBackupPolicyCommand, { FileSystemId: 'fs-1' }).resolves({ BackupPolicy: { Status: 'ENABLED' } });
  efs
    .on(DescribeBackupPolicyCommand, { FileSystemId: 'fs-2' })
    .rejects(awsError('PolicyNotFound', 'File system fs-2 does not have a backup policy', 404));
  efs.on(DescribeFileSystemPolicyCommand, { FileSystemId: 'fs-1' }).resolves({ FileSystemId: 'fs-1', Policy: JSON.stringify(policy) });
  efs
    .on(DescribeFileSystemPolicyCommand, { FileSystemId: 'fs-2' })
    .rejects(awsError('PolicyNotFound', 'File System Policy for fs-2 does not exist', 404));
}

describe('efs-file-systems collector', () => {
  beforeEach(() => efs.reset());

  it('lists every page and fills the enrichments', async () => {
    mockHappyPath();
    const { resources } = await collect(collector);
    expect(resources.map((r) => r.id)).toEqual([arn('fs-1'), arn('fs-2')]);
    expect(resources[0]?.name).toBe('fs-1');
    expect(resources[0]?.tags).toEqual({ Name: 'shared' });
    expect(resources[0]?.attributes).toEqual({
      encrypted: true,
      kmsKeyId: 'arn:aws:kms:us-east-1:123456789012:key/k1',
      availabilityZoneName: null,
      numberOfMountTargets: 2,
      lifeCycleState: 'available',
      backupPolicyStatus: 'ENABLED',
      policy,
    });
  });

  it('maps PolicyNotFound to null', async () => {
    mockHappyPath();
    const { resources } = await collect(collector);
    expect(resources[1]?.attributes).toMatchObject({
      encrypted: false,
      kmsKeyId: null,
      availabilityZoneName: 'us-east-1a',
      backupPolicyStatus: null,
      policy: null,
    });
    expect(resources[1]?.errors).toEqual({});
  });

  it('records AccessDenied on an enrichment', async () => {
    mockHappyPath();
    efs.on(DescribeFileSystemPolicyCommand).rejects(awsError('AccessDeniedException', 'not authorized', 403));
    const { resources } = await collect(collector);
    expect(resources[0]?.errors.policy?.code).toBe('AccessDeniedException');
    expect(resources[0]?.attributes).toHaveProperty('backupPolicyStatus', 'ENABLED');
  });

  it('rejects when the listing is denied', async () => {
    efs.on(DescribeFileSystemsCommand).rejects(awsError('AccessDeniedException', 'not authorized to perform elasticfilesystem:DescribeFileSystems', 403));
    await expect(collect(collector)).rejects.toThrow('DescribeFileSystems');
  });

  it('retries throttling', async () => {
    efs
      .on(DescribeFileSystemsCommand)
      .rejectsOnce(awsError('ThrottlingException', 'Rate exceeded', 400))
      .resolves({ FileSystems: [fileSystem('fs-9')] });
    const { resources, stats } = await collect(collector, { wants: [] });
    expect(resources).toHaveLength(1);
    expect(stats.throttles).toBe(1);
  });

  it('makes no enrichment call when no check wants one', async () => {
    mockHappyPath();
    const { stats } = await collect(collector, { wants: ['encrypted'] });
    expect(stats.apiCalls).toBe(2);
    expect(efs.commandCalls(DescribeBackupPolicyCommand)).toHaveLength(0);
    expect(efs.commandCalls(DescribeFileSystemPolicyCommand)).toHaveLength(0);
  });
});
