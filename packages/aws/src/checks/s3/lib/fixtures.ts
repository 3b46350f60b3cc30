/** Test fixtures for the S3 checks (imported by tests only). */
import type { Resource } from '@vigil/engine';
import { buildResource } from '../../../testing/index.ts';
import type { S3AccountPublicAccessBlockAttributes, S3BucketAttributes, S3PublicAccessBlock } from '../../../resources/s3.ts';

export const ACCOUNT = '123456789012';
export const OWNER_ID = '79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be';
export const ALL_USERS = 'http://acs.amazonaws.com/groups/global/AllUsers';
export const AUTHENTICATED_USERS = 'http://acs.amazonaws.com/groups/global/AuthenticatedUsers';

export const BLOCK_ALL: S3PublicAccessBlock = {
  blockPublicAcls: true,
  ignorePublicAcls: true,
  blockPublicPolicy: true,
  restrictPublicBuckets: true,
};
export const BLOCK_NONE: S3PublicAccessBlock = {
  blockPublicAcls: false,
  ignorePublicAcls: false,
  blockPublicPolicy: false,
  restrictPublicBuckets: false,
};

/** A bucket as S3 creates it today: private, SSE-S3, ACLs disabled, Block Public Access on. */
export function bucket(attrs: Partial<S3BucketAttributes> = {}, name = 'example-bucket', region = 'us-east-1'): Resource<S3BucketAttributes> {
  return buildResource<S3BucketAttributes>(
    'AwsS3Bucket',
    {
      policy: null,
      policyStatus: null,
      acl: { ownerId: OWNER_ID, grants: [{ type: 'CanonicalUser', id: OWNER_ID, permission: 'FULL_CONTROL' }] },
      publicAccessBlock: BLOCK_ALL,
      encryption: { rules: [{ sseAlgorithm: 'AES256', bucketKeyEnabled: false }] },
      versioning: { status: null, mfaDelete: null },
      logging: null,
      ownershipControls: { objectOwnership: 'BucketOwnerEnforced' },
      objectLock: null,
      lifecycle: null,
      replication: null,
      tags: {},
      notifications: { topicArns: [], queueArns: [], lambdaFunctionArns: [], eventBridge: false },
      ...attrs,
    },
    { name, region, id: `arn:aws:s3:::${name}`, account: ACCOUNT },
  );
}

export function accountBlockResource(
  publicAccessBlock: S3PublicAccessBlock | null,
): Resource<S3AccountPublicAccessBlockAttributes> {
  return buildResource<S3AccountPublicAccessBlockAttributes>(
    'AwsS3AccountPublicAccessBlock',
    { publicAccessBlock },
    { name: ACCOUNT, region: 'global', id: `arn:aws:s3::${ACCOUNT}:public-access-block`, account: ACCOUNT },
  );
}

/** `related` for checks that use the account-level block. */
export const withAccountBlock = (block: S3PublicAccessBlock | null) => ({
  AwsS3AccountPublicAccessBlock: [accountBlockResource(block)],
});
