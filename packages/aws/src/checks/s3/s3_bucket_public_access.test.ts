import type { PolicyStatement } from '../../lib/resource-policy.ts';
import type { S3Acl } from '../../resources/s3.ts';
import { testCheck, withError } from '../../testing/index.ts';
import check from './s3_bucket_public_access.ts';
import { ALL_USERS, AUTHENTICATED_USERS, BLOCK_ALL, BLOCK_NONE, OWNER_ID, accountBlockResource, bucket, withAccountBlock } from './lib/fixtures.ts';

const publicRead: PolicyStatement = {
  Sid: 'PublicRead',
  Effect: 'Allow',
  Principal: '*',
  Action: 's3:GetObject',
  Resource: 'arn:aws:s3:::example-bucket/*',
};
const policy = (...Statement: PolicyStatement[]) => ({ Version: '2012-10-17', Statement });
const acl = (uri: string, permission: string): S3Acl => ({
  ownerId: OWNER_ID,
  grants: [
    { type: 'CanonicalUser', id: OWNER_ID, permission: 'FULL_CONTROL' },
    { type: 'Group', uri, permission },
  ],
});

testCheck(check, {
  pass: [
    { name: 'private bucket, no blocks', resource: bucket({ publicAccessBlock: null }), related: withAccountBlock(null), message: 'no public ACL grant' },
    {
      name: 'public policy neutralised by the bucket block',
      resource: bucket({ policy: policy(publicRead), acl: acl(ALL_USERS, 'READ') }),
      related: withAccountBlock(null),
      message: 'bucket-level Block Public Access',
    },
    {
      name: 'public policy neutralised by the account block',
      resource: bucket({ policy: policy(publicRead), publicAccessBlock: null }),
      related: withAccountBlock(BLOCK_ALL),
      message: 'account-level',
    },
    {
      name: 'policy open to everyone but limited to a VPC endpoint',
      resource: bucket({
        policy: policy({ ...publicRead, Condition: { StringEquals: { 'aws:SourceVpce': 'vpce-1a2b3c4d' } } }),
        publicAccessBlock: BLOCK_NONE,
      }),
      related: withAccountBlock(null),
    },
    {
      name: 'public ACL ignored, policy private',
      resource: bucket({ acl: acl(ALL_USERS, 'READ'), publicAccessBlock: { ...BLOCK_NONE, ignorePublicAcls: true } }),
      related: withAccountBlock(null),
    },
  ],
  fail: [
    {
      name: 'public policy without blocks',
      resource: bucket({ policy: policy(publicRead), publicAccessBlock: null }),
      related: withAccountBlock(null),
      message: 'PublicRead (s3:GetObject)',
    },
    {
      name: 'public ACL without blocks',
      resource: bucket({ acl: acl(AUTHENTICATED_USERS, 'READ'), publicAccessBlock: BLOCK_NONE }),
      related: withAccountBlock(BLOCK_NONE),
      message: 'READ to AuthenticatedUsers',
    },
    {
      name: 'BlockPublicPolicy alone does not neutralise an existing policy',
      resource: bucket({ policy: policy(publicRead), publicAccessBlock: { ...BLOCK_NONE, blockPublicPolicy: true } }),
      related: withAccountBlock({ ...BLOCK_NONE, blockPublicAcls: true, ignorePublicAcls: true }),
      message: 'its policy allows everyone',
    },
    {
      name: 'both ACL and policy',
      resource: bucket({ policy: policy(publicRead), acl: acl(ALL_USERS, 'FULL_CONTROL'), publicAccessBlock: null }),
      related: withAccountBlock(null),
      message: /FULL_CONTROL to AllUsers and its policy/,
    },
  ],
  error: [
    { name: 'policy denied', resource: withError(bucket(), 'policy'), related: withAccountBlock(null), code: 'AccessDenied' },
    { name: 'ACL denied', resource: withError(bucket(), 'acl'), related: withAccountBlock(null), code: 'AccessDenied' },
    {
      name: 'account block denied',
      resource: bucket(),
      related: { AwsS3AccountPublicAccessBlock: [withError(accountBlockResource(null), 'publicAccessBlock')] },
    },
  ],
});
