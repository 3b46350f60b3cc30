import {
  EC2Client,
  GetEbsDefaultKmsKeyIdCommand,
  GetEbsEncryptionByDefaultCommand,
  GetImageBlockPublicAccessStateCommand,
  GetInstanceMetadataDefaultsCommand,
  GetSnapshotBlockPublicAccessStateCommand,
} from '@aws-sdk/client-ec2';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { awsError, collect } from '../../testing/index.ts';
import collector from './compute-regional-settings.collector.ts';

const ec2 = mockClient(EC2Client);

function mockAll() {
  ec2.on(GetEbsEncryptionByDefaultCommand).resolves({ EbsEncryptionByDefault: true, SseType: 'sse-ebs' });
  ec2.on(GetEbsDefaultKmsKeyIdCommand).resolves({ KmsKeyId: 'alias/aws/ebs' });
  ec2.on(GetSnapshotBlockPublicAccessStateCommand).resolves({ State: 'block-all-sharing' });
  ec2.on(GetImageBlockPublicAccessStateCommand).resolves({ ImageBlockPublicAccessState: 'block-new-sharing' });
  ec2.on(GetInstanceMetadataDefaultsCommand).resolves({ AccountLevel: { HttpTokens: 'required', HttpPutResponseHopLimit: 2 } });
}

describe('ec2-regional-settings collector', () => {
  beforeEach(() => ec2.reset());

  it('reads every regional setting into one resource per region', async () => {
    mockAll();
    const { resources } = await collect(collector, { region: 'eu-central-1' });
    expect(resources).toHaveLength(1);
    expect(resources[0]?.id).toBe('arn:aws:ec2:eu-central-1:123456789012:regional-settings');
    expect(resources[0]?.name).toBe('123456789012/eu-central-1');
    expect(resources[0]?.attributes).toEqual({
      ebsEncryptionByDefault: true,
      ebsDefaultKmsKeyId: 'alias/aws/ebs',
      snapshotBlockPublicAccessState: 'block-all-sharing',
      imageBlockPublicAccessState: 'block-new-sharing',
      instanceMetadataDefaults: { httpTokens: 'required', httpPutResponseHopLimit: 2 },
    });
  });

  it('reads defaults that were never set as off / empty', async () => {
    ec2.on(GetEbsEncryptionByDefaultCommand).resolves({ EbsEncryptionByDefault: false });
    ec2.on(GetSnapshotBlockPublicAccessStateCommand).resolves({ State: 'unblocked' });
    ec2.on(GetImageBlockPublicAccessStateCommand).resolves({ ImageBlockPublicAccessState: 'unblocked' });
    ec2.on(GetInstanceMetadataDefaultsCommand).resolves({ AccountLevel: {} });
    const { resources } = await collect(collector, {
      wants: ['ebsEncryptionByDefault', 'snapshotBlockPublicAccessState', 'imageBlockPublicAccessState', 'instanceMetadataDefaults'],
    });
    expect(resources[0]?.attributes).toEqual({
      ebsEncryptionByDefault: false,
      snapshotBlockPublicAccessState: 'unblocked',
      imageBlockPublicAccessState: 'unblocked',
      instanceMetadataDefaults: {},
    });
  });

  it('records UnauthorizedOperation on the one setting that was denied', async () => {
    mockAll();
    ec2.on(GetSnapshotBlockPublicAccessStateCommand).rejects(awsError('UnauthorizedOperation', 'You are not authorized to perform this operation.', 403));
    const { resources } = await collect(collector);
    expect(resources[0]?.errors).toEqual({
      snapshotBlockPublicAccessState: { code: 'UnauthorizedOperation', message: 'You are not authorized to perform this operation.' },
    });
    expect(resources[0]?.attributes).toMatchObject({ ebsEncryptionByDefault: true, imageBlockPublicAccessState: 'block-new-sharing' });
  });

  it('retries RequestLimitExceeded', async () => {
    ec2
      .on(GetEbsEncryptionByDefaultCommand)
      .rejectsOnce(awsError('RequestLimitExceeded', 'Request limit exceeded.', 503))
      .resolves({ EbsEncryptionByDefault: true });
    const { resources, stats } = await collect(collector, { wants: ['ebsEncryptionByDefault'] });
    expect(resources[0]?.attributes).toEqual({ ebsEncryptionByDefault: true });
    expect(stats.throttles).toBe(1);
    expect(stats.apiCalls).toBe(2);
  });

  it('calls only the wanted settings', async () => {
    mockAll();
    const { stats } = await collect(collector, { wants: ['instanceMetadataDefaults'] });
    expect(stats.apiCalls).toBe(1);
    expect(ec2.commandCalls(GetInstanceMetadataDefaultsCommand)).toHaveLength(1);
    const none = await collect(collector, { wants: [] });
    expect(none.resources).toHaveLength(1);
    expect(none.stats.apiCalls).toBe(0);
  });
});
