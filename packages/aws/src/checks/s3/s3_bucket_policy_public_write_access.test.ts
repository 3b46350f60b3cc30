import type { PolicyStatement } from '../../lib/resource-policy.ts';
import { testCheck, withError } from '../../testing/index.ts';
import check from './s3_bucket_policy_public_write_access.ts';
import { BLOCK_ALL, BLOCK_NONE, accountBlockResource, bucket, withAccountBlock } from './lib/fixtures.ts';

const stmt = (extra: Partial<PolicyStatement>): PolicyStatement => ({
  Effect: 'Allow',
  Principal: '*',
  Action: 's3:PutObject',
  Resource: 'arn:aws:s3:::example-bucket/*',
  ...extra,
});
const open = (...Statement: PolicyStatement[]) => bucket({ policy: { Version: '2012-10-17', Statement }, publicAccessBlock: BLOCK_NONE });

testCheck(check, {
  pass: [
    { name: 'no policy', resource: bucket({ policy: null }), related: withAccountBlock(null), message: 'grants no write access' },
    { name: 'public read only', resource: open(stmt({ Action: ['s3:GetObject', 's3:ListBucket'] })), related: withAccountBlock(null) },
    {
      name: 'write limited to an organization',
      resource: open(stmt({ Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } } })),
      related: withAccountBlock(null),
    },
    { name: 'write to a named role', resource: open(stmt({ Principal: { AWS: 'arn:aws:iam::123456789012:role/uploader' } })), related: withAccountBlock(null) },
    { name: 'public write restricted by the account', resource: open(stmt({})), related: withAccountBlock(BLOCK_ALL), message: 'account-level RestrictPublicBuckets' },
  ],
  fail: [
    { name: 'public PutObject', resource: open(stmt({ Sid: 'Upload' })), related: withAccountBlock(null), message: 'Upload (s3:PutObject)' },
    { name: 'public s3:*', resource: open(stmt({ Sid: 'All', Action: 's3:*' })), related: withAccountBlock(BLOCK_NONE), message: 'All (' },
    { name: 'public Delete* via AWS:*', resource: open(stmt({ Principal: { AWS: '*' }, Action: 's3:Delete*' })), related: withAccountBlock(null) },
    { name: 'public NotAction', resource: open(stmt({ Action: undefined, NotAction: 's3:GetObject' })), related: withAccountBlock(null) },
  ],
  error: [
    { name: 'policy denied', resource: withError(bucket(), 'policy'), related: withAccountBlock(null), code: 'AccessDenied' },
    {
      name: 'account block denied',
      resource: bucket(),
      related: { AwsS3AccountPublicAccessBlock: [withError(accountBlockResource(null), 'publicAccessBlock')] },
    },
  ],
});
