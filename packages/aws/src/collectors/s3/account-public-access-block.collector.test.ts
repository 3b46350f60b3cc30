import { GetPublicAccessBlockCommand, S3ControlClient } from '@aws-sdk/client-s3-control';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { awsError, collect } from '../../testing/index.ts';
import collector from './account-public-access-block.collector.ts';

const s3control = mockClient(S3ControlClient);

describe('s3-account-public-access-block collector', () => {
  beforeEach(() => s3control.reset());

  it('reads the account-level Block Public Access settings', async () => {
    s3control.on(GetPublicAccessBlockCommand).resolves({
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        IgnorePublicAcls: true,
        BlockPublicPolicy: false,
        RestrictPublicBuckets: true,
      },
    });
    const { resources } = await collect(collector);
    expect(resources).toHaveLength(1);
    expect(resources[0]).toMatchObject({
      id: 'arn:aws:s3::123456789012:public-access-block',
      name: '123456789012',
      region: 'global',
      type: 'AwsS3AccountPublicAccessBlock',
    });
    expect(resources[0]?.attributes).toEqual({
      publicAccessBlock: { blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: false, restrictPublicBuckets: true },
    });
    expect(s3control.commandCalls(GetPublicAccessBlockCommand)[0]?.args[0].input).toEqual({ AccountId: '123456789012' });
  });

  it('maps NoSuchPublicAccessBlockConfiguration to null', async () => {
    s3control
      .on(GetPublicAccessBlockCommand)
      .rejects(awsError('NoSuchPublicAccessBlockConfiguration', 'The public access block configuration was not found', 404));
    const { resources } = await collect(collector);
    expect(resources[0]?.attributes).toEqual({ publicAccessBlock: null });
    expect(resources[0]?.errors).toEqual({});
  });

  it('records AccessDenied on the attribute', async () => {
    s3control.on(GetPublicAccessBlockCommand).rejects(awsError('AccessDenied', 'Access Denied', 403));
    const { resources } = await collect(collector);
    expect(resources[0]?.errors.publicAccessBlock?.code).toBe('AccessDenied');
    expect(resources[0]?.attributes).toEqual({});
  });

  it('retries throttling', async () => {
    s3control
      .on(GetPublicAccessBlockCommand)
      .rejectsOnce(awsError('SlowDown', 'Please reduce your request rate.', 503))
      .resolves({ PublicAccessBlockConfiguration: { BlockPublicAcls: true } });
    const { resources, stats } = await collect(collector);
    expect(resources[0]?.attributes).toMatchObject({ publicAccessBlock: { blockPublicAcls: true, ignorePublicAcls: false } });
    expect(stats.throttles).toBe(1);
    expect(stats.apiCalls).toBe(2);
  });

  it('makes no call when no check wants the settings', async () => {
    const { resources, stats } = await collect(collector, { wants: [] });
    expect(resources).toHaveLength(1);
    expect(stats.apiCalls).toBe(0);
  });
});
