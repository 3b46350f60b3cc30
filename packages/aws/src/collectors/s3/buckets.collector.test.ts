import {
  GetBucketAclCommand,
  GetBucketEncryptionCommand,
  GetBucketLifecycleConfigurationCommand,
  GetBucketLocationCommand,
  GetBucketLoggingCommand,
  GetBucketNotificationConfigurationCommand,
  GetBucketOwnershipControlsCommand,
  GetBucketPolicyCommand,
  GetBucketPolicyStatusCommand,
  GetBucketReplicationCommand,
  GetBucketTaggingCommand,
  GetBucketVersioningCommand,
  GetObjectLockConfigurationCommand,
  GetPublicAccessBlockCommand,
  ListBucketsCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { awsError, collect } from '../../testing/index.ts';
import collector, { regionFromLocation } from './buckets.collector.ts';

const s3 = mockClient(S3Client);

const OWNER = { ID: '79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be' };
const created = new Date('2024-03-01T10:00:00.000Z');

/** Every enrichment answered as for a freshly created bucket (S3's defaults since 2023). */
function defaults(): void {
  s3.on(GetBucketPolicyCommand).rejects(awsError('NoSuchBucketPolicy', 'The bucket policy does not exist', 404));
  s3.on(GetBucketPolicyStatusCommand).rejects(awsError('NoSuchBucketPolicy', 'The bucket policy does not exist', 404));
  s3.on(GetBucketAclCommand).resolves({
    Owner: OWNER,
    Grants: [{ Grantee: { Type: 'CanonicalUser', ID: OWNER.ID }, Permission: 'FULL_CONTROL' }],
  });
  s3.on(GetPublicAccessBlockCommand).resolves({
    PublicAccessBlockConfiguration: {
      BlockPublicAcls: true,
      IgnorePublicAcls: true,
      BlockPublicPolicy: true,
      RestrictPublicBuckets: true,
    },
  });
  s3.on(GetBucketEncryptionCommand).resolves({
    ServerSideEncryptionConfiguration: {
      Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' }, BucketKeyEnabled: false }],
    },
  });
  s3.on(GetBucketVersioningCommand).resolves({});
  s3.on(GetBucketLoggingCommand).resolves({});
  s3.on(GetBucketOwnershipControlsCommand).resolves({
    OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
  });
  s3.on(GetObjectLockConfigurationCommand).rejects(
    awsError('ObjectLockConfigurationNotFoundError', 'Object Lock configuration does not exist for this bucket', 404),
  );
  s3.on(GetBucketLifecycleConfigurationCommand).rejects(
    awsError('NoSuchLifecycleConfiguration', 'The lifecycle configuration does not exist', 404),
  );
  s3.on(GetBucketReplicationCommand).rejects(
    awsError('ReplicationConfigurationNotFoundError', 'The replication configuration was not found', 404),
  );
  s3.on(GetBucketTaggingCommand).rejects(awsError('NoSuchTagSet', 'The TagSet does not exist', 404));
  s3.on(GetBucketNotificationConfigurationCommand).resolves({});
}

async function regionOfClient(call: { thisValue: unknown }): Promise<string> {
  const client = call.thisValue as S3Client;
  return client.config.region();
}

describe('s3-buckets collector', () => {
  beforeEach(() => {
    s3.reset();
    defaults();
  });

  it('lists every page and builds one resource per bucket in its own region', async () => {
    s3.on(ListBucketsCommand, { ContinuationToken: undefined }).resolves({
      Buckets: [{ Name: 'logs-prod', CreationDate: created, BucketRegion: 'us-east-1' }],
      Owner: OWNER,
      ContinuationToken: 'eyJDb250aW51YXRpb25Ub2tlbiI6ICJsb2dzLXByb2QifQ==',
    });
    s3.on(ListBucketsCommand, { ContinuationToken: 'eyJDb250aW51YXRpb25Ub2tlbiI6ICJsb2dzLXByb2QifQ==' }).resolves({
      Buckets: [{ Name: 'data-eu', CreationDate: created, BucketRegion: 'eu-west-1' }],
      Owner: OWNER,
    });
    const { resources } = await collect(collector);
    expect(resources.map((r) => [r.id, r.name, r.region, r.type])).toEqual([
      ['arn:aws:s3:::logs-prod', 'logs-prod', 'us-east-1', 'AwsS3Bucket'],
      ['arn:aws:s3:::data-eu', 'data-eu', 'eu-west-1', 'AwsS3Bucket'],
    ]);
    expect(s3.commandCalls(ListBucketsCommand)[0]?.args[0].input).toMatchObject({ MaxBuckets: 1000 });
    expect(resources[0]?.attributes).toEqual({
      creationDate: '2024-03-01T10:00:00.000Z',
      policy: null,
      policyStatus: null,
      acl: { ownerId: OWNER.ID, grants: [{ type: 'CanonicalUser', id: OWNER.ID, permission: 'FULL_CONTROL' }] },
      publicAccessBlock: { blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: true, restrictPublicBuckets: true },
      encryption: { rules: [{ sseAlgorithm: 'AES256', bucketKeyEnabled: false }] },
      versioning: { status: null, mfaDelete: null },
      logging: null,
      ownershipControls: { objectOwnership: 'BucketOwnerEnforced' },
      objectLock: null,
      lifecycle: null,
      replication: null,
      tags: {},
      notifications: { topicArns: [], queueArns: [], lambdaFunctionArns: [], eventBridge: false },
    });
    expect(resources[0]?.errors).toEqual({});
  });

  it('sends enrichment calls to the bucket region', async () => {
    s3.on(ListBucketsCommand).resolves({
      Buckets: [
        { Name: 'home', BucketRegion: 'us-east-1' },
        { Name: 'far', BucketRegion: 'ap-southeast-2' },
      ],
    });
    await collect(collector, { wants: ['logging'] });
    const calls = s3.commandCalls(GetBucketLoggingCommand);
    const regions = Object.fromEntries(
      await Promise.all(calls.map(async (c) => [c.args[0].input.Bucket, await regionOfClient(c)] as const)),
    );
    expect(regions).toEqual({ home: 'us-east-1', far: 'ap-southeast-2' });
    expect(await regionOfClient(s3.commandCalls(ListBucketsCommand)[0]!)).toBe('us-east-1');
  });

  it('parses a configured bucket', async () => {
    const policy = {
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'DenyInsecureTransport',
          Effect: 'Deny',
          Principal: '*',
          Action: 's3:*',
          Resource: ['arn:aws:s3:::configured', 'arn:aws:s3:::configured/*'],
          Condition: { Bool: { 'aws:SecureTransport': 'false' } },
        },
      ],
    };
    s3.on(ListBucketsCommand).resolves({ Buckets: [{ Name: 'configured', BucketRegion: 'eu-central-1' }] });
    s3.on(GetBucketPolicyCommand).resolves({ Policy: JSON.stringify(policy) });
    s3.on(GetBucketPolicyStatusCommand).resolves({ PolicyStatus: { IsPublic: false } });
    s3.on(GetPublicAccessBlockCommand).rejects(
      awsError('NoSuchPublicAccessBlockConfiguration', 'The public access block configuration was not found', 404),
    );
    s3.on(GetBucketEncryptionCommand).resolves({
      ServerSideEncryptionConfiguration: {
        Rules: [
          {
            ApplyServerSideEncryptionByDefault: {
              SSEAlgorithm: 'aws:kms',
              KMSMasterKeyID: 'arn:aws:kms:eu-central-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab',
            },
            BucketKeyEnabled: true,
          },
        ],
      },
    });
    s3.on(GetBucketVersioningCommand).resolves({ Status: 'Enabled', MFADelete: 'Enabled' });
    s3.on(GetBucketLoggingCommand).resolves({ LoggingEnabled: { TargetBucket: 'access-logs', TargetPrefix: 'configured/' } });
    s3.on(GetBucketOwnershipControlsCommand).rejects(
      awsError('OwnershipControlsNotFoundError', 'The bucket ownership controls were not found', 404),
    );
    s3.on(GetObjectLockConfigurationCommand).resolves({
      ObjectLockConfiguration: { ObjectLockEnabled: 'Enabled', Rule: { DefaultRetention: { Mode: 'GOVERNANCE', Days: 30 } } },
    });
    s3.on(GetBucketLifecycleConfigurationCommand).resolves({
      Rules: [
        {
          ID: 'expire-old',
          Status: 'Enabled',
          Filter: { Prefix: '' },
          Expiration: { Days: 365 },
          NoncurrentVersionExpiration: { NoncurrentDays: 30 },
          AbortIncompleteMultipartUpload: { DaysAfterInitiation: 7 },
        },
      ],
    });
    s3.on(GetBucketReplicationCommand).resolves({
      ReplicationConfiguration: {
        Role: 'arn:aws:iam::123456789012:role/s3-replication',
        Rules: [
          {
            ID: 'to-dr',
            Status: 'Enabled',
            Priority: 1,
            Filter: {},
            DeleteMarkerReplication: { Status: 'Disabled' },
            Destination: { Bucket: 'arn:aws:s3:::configured-dr', StorageClass: 'STANDARD_IA' },
          },
        ],
      },
    });
    s3.on(GetBucketTaggingCommand).resolves({
      TagSet: [
        { Key: 'env', Value: 'prod' },
        { Key: 'team', Value: 'data' },
      ],
    });
    s3.on(GetBucketNotificationConfigurationCommand).resolves({
      QueueConfigurations: [{ QueueArn: 'arn:aws:sqs:eu-central-1:123456789012:uploads', Events: ['s3:ObjectCreated:*'] }],
      EventBridgeConfiguration: {},
    });
    const { resources } = await collect(collector);
    const r = resources[0];
    expect(r?.tags).toEqual({ env: 'prod', team: 'data' });
    expect(r?.attributes).toMatchObject({
      policy,
      policyStatus: { isPublic: false },
      publicAccessBlock: null,
      encryption: {
        rules: [
          {
            sseAlgorithm: 'aws:kms',
            kmsMasterKeyId: 'arn:aws:kms:eu-central-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab',
            bucketKeyEnabled: true,
          },
        ],
      },
      versioning: { status: 'Enabled', mfaDelete: 'Enabled' },
      logging: { targetBucket: 'access-logs', targetPrefix: 'configured/' },
      ownershipControls: null,
      objectLock: { enabled: true, defaultRetention: { mode: 'GOVERNANCE', days: 30 } },
      lifecycle: {
        rules: [
          {
            id: 'expire-old',
            status: 'Enabled',
            hasExpiration: true,
            hasTransitions: false,
            hasNoncurrentVersionExpiration: true,
            hasNoncurrentVersionTransitions: false,
            abortIncompleteMultipartUploadDays: 7,
          },
        ],
      },
      replication: {
        role: 'arn:aws:iam::123456789012:role/s3-replication',
        rules: [{ id: 'to-dr', status: 'Enabled', destinationBucket: 'arn:aws:s3:::configured-dr', storageClass: 'STANDARD_IA' }],
      },
      tags: { env: 'prod', team: 'data' },
      notifications: {
        topicArns: [],
        queueArns: ['arn:aws:sqs:eu-central-1:123456789012:uploads'],
        lambdaFunctionArns: [],
        eventBridge: true,
      },
    });
    expect(r?.errors).toEqual({});
  });

  it('falls back to GetBucketLocation when the listing has no region', async () => {
    s3.on(ListBucketsCommand).resolves({ Buckets: [{ Name: 'classic' }, { Name: 'old-eu' }, { Name: 'west' }, { Name: 'gone' }] });
    s3.on(GetBucketLocationCommand, { Bucket: 'classic' }).resolves({});
    s3.on(GetBucketLocationCommand, { Bucket: 'old-eu' }).resolves({ LocationConstraint: 'EU' });
    s3.on(GetBucketLocationCommand, { Bucket: 'west' }).resolves({ LocationConstraint: 'us-west-2' });
    s3.on(GetBucketLocationCommand, { Bucket: 'gone' }).rejects(awsError('NoSuchBucket', 'The specified bucket does not exist', 404));
    const { resources } = await collect(collector, { wants: [] });
    expect(resources.map((r) => [r.name, r.region])).toEqual([
      ['classic', 'us-east-1'],
      ['old-eu', 'eu-west-1'],
      ['west', 'us-west-2'],
    ]);
  });

  it('maps LocationConstraint values to regions', () => {
    expect(regionFromLocation(undefined)).toBe('us-east-1');
    expect(regionFromLocation('')).toBe('us-east-1');
    expect(regionFromLocation('EU')).toBe('eu-west-1');
    expect(regionFromLocation('ap-south-1')).toBe('ap-south-1');
  });

  it('records AccessDenied on an enrichment attribute and keeps the others', async () => {
    s3.on(ListBucketsCommand).resolves({ Buckets: [{ Name: 'locked', BucketRegion: 'us-east-1' }] });
    s3.on(GetBucketPolicyCommand).rejects(awsError('AccessDenied', 'Access Denied', 403));
    s3.on(GetBucketTaggingCommand).rejects(awsError('AccessDenied', 'Access Denied', 403));
    const { resources } = await collect(collector);
    expect(resources[0]?.errors.policy?.code).toBe('AccessDenied');
    expect(resources[0]?.errors.tags?.code).toBe('AccessDenied');
    expect(resources[0]?.attributes).not.toHaveProperty('policy');
    expect(resources[0]?.attributes).toMatchObject({ logging: null, encryption: { rules: [{ sseAlgorithm: 'AES256' }] } });
    expect(resources[0]?.tags).toEqual({});
  });

  it('records a policy that is not valid JSON as an error', async () => {
    s3.on(ListBucketsCommand).resolves({ Buckets: [{ Name: 'odd', BucketRegion: 'us-east-1' }] });
    s3.on(GetBucketPolicyCommand).resolves({ Policy: '{"Version": ' });
    const { resources } = await collect(collector, { wants: ['policy'] });
    expect(resources[0]?.errors.policy).toBeDefined();
  });

  it('rejects when the listing is denied', async () => {
    s3.on(ListBucketsCommand).rejects(awsError('AccessDenied', 'Access Denied', 403));
    await expect(collect(collector)).rejects.toMatchObject({ name: 'AccessDenied' });
  });

  it('retries throttling (SlowDown 503) on the listing and on enrichments', async () => {
    s3.on(ListBucketsCommand)
      .rejectsOnce(awsError('SlowDown', 'Please reduce your request rate.', 503))
      .resolves({ Buckets: [{ Name: 'busy', BucketRegion: 'us-east-1' }] });
    s3.on(GetBucketVersioningCommand)
      .rejectsOnce(awsError('SlowDown', 'Please reduce your request rate.', 503))
      .resolves({ Status: 'Suspended', MFADelete: 'Disabled' });
    const { resources, stats } = await collect(collector, { wants: ['versioning'] });
    expect(resources[0]?.attributes).toMatchObject({ versioning: { status: 'Suspended', mfaDelete: 'Disabled' } });
    expect(resources[0]?.errors).toEqual({});
    expect(stats.throttles).toBe(2);
    expect(stats.apiCalls).toBe(4);
  });

  it('makes no enrichment call when no check wants an attribute', async () => {
    s3.on(ListBucketsCommand).resolves({ Buckets: [{ Name: 'quiet', BucketRegion: 'us-east-1', CreationDate: created }] });
    const { resources, stats } = await collect(collector, { wants: [] });
    expect(resources).toHaveLength(1);
    expect(resources[0]?.attributes).toEqual({ creationDate: '2024-03-01T10:00:00.000Z' });
    expect(stats.apiCalls).toBe(1);
    expect(s3.calls()).toHaveLength(1);
  });

  it('makes only the wanted enrichment calls', async () => {
    s3.on(ListBucketsCommand).resolves({ Buckets: [{ Name: 'one', BucketRegion: 'us-east-1' }] });
    const { stats } = await collect(collector, { wants: ['logging', 'tags'] });
    expect(stats.apiCalls).toBe(3);
    expect(s3.commandCalls(GetBucketLoggingCommand)).toHaveLength(1);
    expect(s3.commandCalls(GetBucketTaggingCommand)).toHaveLength(1);
    expect(s3.commandCalls(GetBucketPolicyCommand)).toHaveLength(0);
  });

  it('handles an account without buckets', async () => {
    s3.on(ListBucketsCommand).resolves({ Buckets: [], Owner: OWNER });
    const { resources } = await collect(collector);
    expect(resources).toEqual([]);
  });
});
