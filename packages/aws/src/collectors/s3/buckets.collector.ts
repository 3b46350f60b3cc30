import type { Bucket } from '@aws-sdk/client-s3';
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
import type { Resource } from '@vigil/engine';
import { errorCode } from '@vigil/engine';
import type { AwsCollectContext } from '../../context.ts';
import { defineAwsCollector } from '../../context.ts';
import { parsePolicy } from '../../lib/resource-policy.ts';
import type { S3BucketAttributes } from '../../resources/s3.ts';
import { tagRecord } from '../../lib/tags.ts';

/** Buckets per ListBuckets page (S3 allows up to 10 000). */
const PAGE_SIZE = 1000;
/** Buckets enriched before they are yielded, so findings stream while a big page is processed. */
const BATCH = 50;

/** The region of a GetBucketLocation `LocationConstraint`: empty is us-east-1, `EU` is eu-west-1. */
export function regionFromLocation(location: string | undefined | null): string {
  if (!location) return 'us-east-1';
  if (location === 'EU') return 'eu-west-1';
  return location;
}

type BucketAttrs = Partial<S3BucketAttributes>;

/** General purpose S3 buckets (`AwsS3Bucket`, global listing, each resource in its bucket's region). */
export default defineAwsCollector({
  id: 's3-buckets',
  service: 's3',
  resourceType: 'AwsS3Bucket',
  scope: 'global',
  calls: [
    { api: 'ListBuckets', action: 's3:ListAllMyBuckets' },
    // Only when ListBuckets does not return the bucket's region (S3-compatible endpoints).
    { api: 'GetBucketLocation', action: 's3:GetBucketLocation' },
  ],
  attributes: {
    creationDate: {},
    policy: {
      calls: [{ api: 'GetBucketPolicy', action: 's3:GetBucketPolicy' }],
      notConfigured: ['NoSuchBucketPolicy'],
    },
    policyStatus: {
      calls: [{ api: 'GetBucketPolicyStatus', action: 's3:GetBucketPolicyStatus' }],
      notConfigured: ['NoSuchBucketPolicy'],
    },
    acl: { calls: [{ api: 'GetBucketAcl', action: 's3:GetBucketAcl' }] },
    publicAccessBlock: {
      calls: [{ api: 'GetPublicAccessBlock', action: 's3:GetBucketPublicAccessBlock' }],
      notConfigured: ['NoSuchPublicAccessBlockConfiguration'],
    },
    encryption: {
      calls: [{ api: 'GetBucketEncryption', action: 's3:GetEncryptionConfiguration' }],
      notConfigured: ['ServerSideEncryptionConfigurationNotFoundError'],
    },
    versioning: { calls: [{ api: 'GetBucketVersioning', action: 's3:GetBucketVersioning' }] },
    logging: { calls: [{ api: 'GetBucketLogging', action: 's3:GetBucketLogging' }] },
    ownershipControls: {
      calls: [{ api: 'GetBucketOwnershipControls', action: 's3:GetBucketOwnershipControls' }],
      notConfigured: ['OwnershipControlsNotFoundError'],
    },
    objectLock: {
      calls: [{ api: 'GetObjectLockConfiguration', action: 's3:GetBucketObjectLockConfiguration' }],
      notConfigured: ['ObjectLockConfigurationNotFoundError'],
    },
    lifecycle: {
      calls: [{ api: 'GetBucketLifecycleConfiguration', action: 's3:GetLifecycleConfiguration' }],
      notConfigured: ['NoSuchLifecycleConfiguration'],
    },
    replication: {
      calls: [{ api: 'GetBucketReplication', action: 's3:GetReplicationConfiguration' }],
      notConfigured: ['ReplicationConfigurationNotFoundError'],
    },
    // NoSuchTagSet (no tags) is mapped to `{}` by the collector, not to null.
    tags: { calls: [{ api: 'GetBucketTagging', action: 's3:GetBucketTagging' }] },
    notifications: {
      calls: [{ api: 'GetBucketNotificationConfiguration', action: 's3:GetBucketNotification' }],
    },
  },
  async *collect(ctx) {
    const home = ctx.client(S3Client);
    let token: string | undefined;
    do {
      const page = await home.send(new ListBucketsCommand({ MaxBuckets: PAGE_SIZE, ContinuationToken: token }));
      const buckets = (page.Buckets ?? []).filter((b): b is Bucket & { Name: string } => Boolean(b.Name));
      for (let i = 0; i < buckets.length; i += BATCH) {
        const done = await ctx.map(buckets.slice(i, i + BATCH), (b) => bucketResource(ctx, home, b), 8);
        for (const r of done) if (r) yield r;
      }
      token = page.ContinuationToken || undefined;
    } while (token);
  },
});

async function bucketRegion(home: S3Client, b: Bucket & { Name: string }): Promise<string | undefined> {
  if (b.BucketRegion) return b.BucketRegion;
  try {
    const { LocationConstraint } = await home.send(new GetBucketLocationCommand({ Bucket: b.Name }));
    return regionFromLocation(LocationConstraint);
  } catch (err) {
    // Deleted between the listing and now: nothing left to assess.
    if (errorCode(err) === 'NoSuchBucket') return undefined;
    throw err;
  }
}

async function bucketResource(
  ctx: AwsCollectContext,
  home: S3Client,
  b: Bucket & { Name: string },
): Promise<Resource<BucketAttrs> | undefined> {
  const region = await bucketRegion(home, b);
  if (!region) return undefined;
  const Bucket = b.Name;
  // Enrichment goes to the bucket's own region (S3 answers other regions with a redirect).
  const s3 = ctx.client(S3Client, region);
  const bucket = ctx.resource<BucketAttrs>({
    id: `arn:${ctx.partition}:s3:::${Bucket}`,
    name: Bucket,
    region,
    attributes: b.CreationDate ? { creationDate: b.CreationDate.toISOString() } : {},
  });
  await Promise.all([
    ctx.enrich(bucket, 'policy', async () => {
      const { Policy } = await s3.send(new GetBucketPolicyCommand({ Bucket }));
      return parsePolicy(Policy);
    }),
    ctx.enrich(bucket, 'policyStatus', async () => {
      const { PolicyStatus } = await s3.send(new GetBucketPolicyStatusCommand({ Bucket }));
      return { isPublic: PolicyStatus?.IsPublic === true };
    }),
    ctx.enrich(bucket, 'acl', async () => {
      const { Owner, Grants } = await s3.send(new GetBucketAclCommand({ Bucket }));
      return {
        ...(Owner?.ID ? { ownerId: Owner.ID } : {}),
        grants: (Grants ?? []).map((g) => ({
          type: g.Grantee?.Type ?? 'Unknown',
          ...(g.Grantee?.ID ? { id: g.Grantee.ID } : {}),
          ...(g.Grantee?.URI ? { uri: g.Grantee.URI } : {}),
          ...(g.Grantee?.EmailAddress ? { email: g.Grantee.EmailAddress } : {}),
          permission: g.Permission ?? 'Unknown',
        })),
      };
    }),
    ctx.enrich(bucket, 'publicAccessBlock', async () => {
      const { PublicAccessBlockConfiguration: c } = await s3.send(new GetPublicAccessBlockCommand({ Bucket }));
      if (!c) return null;
      return {
        blockPublicAcls: c.BlockPublicAcls === true,
        ignorePublicAcls: c.IgnorePublicAcls === true,
        blockPublicPolicy: c.BlockPublicPolicy === true,
        restrictPublicBuckets: c.RestrictPublicBuckets === true,
      };
    }),
    ctx.enrich(bucket, 'encryption', async () => {
      const { ServerSideEncryptionConfiguration: c } = await s3.send(new GetBucketEncryptionCommand({ Bucket }));
      if (!c) return null;
      return {
        rules: (c.Rules ?? []).flatMap((r) => {
          const d = r.ApplyServerSideEncryptionByDefault;
          if (!d?.SSEAlgorithm) return [];
          return [
            {
              sseAlgorithm: d.SSEAlgorithm,
              ...(d.KMSMasterKeyID ? { kmsMasterKeyId: d.KMSMasterKeyID } : {}),
              ...(r.BucketKeyEnabled !== undefined ? { bucketKeyEnabled: r.BucketKeyEnabled } : {}),
            },
          ];
        }),
      };
    }),
    ctx.enrich(bucket, 'versioning', async () => {
      const { Status, MFADelete } = await s3.send(new GetBucketVersioningCommand({ Bucket }));
      return { status: Status ?? null, mfaDelete: MFADelete ?? null };
    }),
    ctx.enrich(bucket, 'logging', async () => {
      const { LoggingEnabled: l } = await s3.send(new GetBucketLoggingCommand({ Bucket }));
      if (!l?.TargetBucket) return null;
      return { targetBucket: l.TargetBucket, ...(l.TargetPrefix !== undefined ? { targetPrefix: l.TargetPrefix } : {}) };
    }),
    ctx.enrich(bucket, 'ownershipControls', async () => {
      const { OwnershipControls } = await s3.send(new GetBucketOwnershipControlsCommand({ Bucket }));
      const ownership = OwnershipControls?.Rules?.[0]?.ObjectOwnership;
      return ownership ? { objectOwnership: ownership } : null;
    }),
    ctx.enrich(bucket, 'objectLock', async () => {
      const { ObjectLockConfiguration: c } = await s3.send(new GetObjectLockConfigurationCommand({ Bucket }));
      if (!c) return null;
      const d = c.Rule?.DefaultRetention;
      return {
        enabled: c.ObjectLockEnabled === 'Enabled',
        ...(d
          ? {
              defaultRetention: {
                ...(d.Mode ? { mode: d.Mode } : {}),
                ...(d.Days !== undefined ? { days: d.Days } : {}),
                ...(d.Years !== undefined ? { years: d.Years } : {}),
              },
            }
          : {}),
      };
    }),
    ctx.enrich(bucket, 'lifecycle', async () => {
      const { Rules } = await s3.send(new GetBucketLifecycleConfigurationCommand({ Bucket }));
      return {
        rules: (Rules ?? []).map((r) => ({
          ...(r.ID ? { id: r.ID } : {}),
          status: r.Status ?? 'Disabled',
          hasExpiration: Boolean(r.Expiration),
          hasTransitions: (r.Transitions?.length ?? 0) > 0,
          hasNoncurrentVersionExpiration: Boolean(r.NoncurrentVersionExpiration),
          hasNoncurrentVersionTransitions: (r.NoncurrentVersionTransitions?.length ?? 0) > 0,
          ...(r.AbortIncompleteMultipartUpload?.DaysAfterInitiation !== undefined
            ? { abortIncompleteMultipartUploadDays: r.AbortIncompleteMultipartUpload.DaysAfterInitiation }
            : {}),
        })),
      };
    }),
    ctx.enrich(bucket, 'replication', async () => {
      const { ReplicationConfiguration: c } = await s3.send(new GetBucketReplicationCommand({ Bucket }));
      if (!c) return null;
      return {
        ...(c.Role ? { role: c.Role } : {}),
        rules: (c.Rules ?? []).map((r) => ({
          ...(r.ID ? { id: r.ID } : {}),
          status: r.Status ?? 'Disabled',
          destinationBucket: r.Destination?.Bucket ?? '',
          ...(r.Destination?.Account ? { destinationAccount: r.Destination.Account } : {}),
          ...(r.Destination?.StorageClass ? { storageClass: r.Destination.StorageClass } : {}),
        })),
      };
    }),
    ctx.enrich(bucket, 'tags', async () => {
      try {
        const { TagSet } = await s3.send(new GetBucketTaggingCommand({ Bucket }));
        return tagRecord(TagSet);
      } catch (err) {
        if (errorCode(err) === 'NoSuchTagSet') return {};
        throw err;
      }
    }),
    ctx.enrich(bucket, 'notifications', async () => {
      const n = await s3.send(new GetBucketNotificationConfigurationCommand({ Bucket }));
      return {
        topicArns: (n.TopicConfigurations ?? []).flatMap((t) => (t.TopicArn ? [t.TopicArn] : [])),
        queueArns: (n.QueueConfigurations ?? []).flatMap((q) => (q.QueueArn ? [q.QueueArn] : [])),
        lambdaFunctionArns: (n.LambdaFunctionConfigurations ?? []).flatMap((l) =>
          l.LambdaFunctionArn ? [l.LambdaFunctionArn] : [],
        ),
        eventBridge: Boolean(n.EventBridgeConfiguration),
      };
    }),
  ]);
  if (bucket.attributes.tags) bucket.tags = { ...bucket.attributes.tags };
  return bucket;
}
