import { testCheck, withError } from '../../testing/index.ts';
import check from './s3_bucket_level_public_access_block.ts';
import { BLOCK_ALL, BLOCK_NONE, accountBlockResource, bucket, withAccountBlock } from './lib/fixtures.ts';

testCheck(check, {
  pass: [
    { name: 'bucket blocks all', resource: bucket(), related: withAccountBlock(null), message: 'has all four' },
    {
      name: 'account blocks all, bucket has none',
      resource: bucket({ publicAccessBlock: null }),
      related: withAccountBlock(BLOCK_ALL),
      message: 'account-level',
    },
    {
      name: 'settings split between bucket and account',
      resource: bucket({ publicAccessBlock: { ...BLOCK_NONE, blockPublicAcls: true, ignorePublicAcls: true } }),
      related: withAccountBlock({ ...BLOCK_NONE, blockPublicPolicy: true, restrictPublicBuckets: true }),
    },
  ],
  fail: [
    {
      name: 'nothing configured anywhere',
      resource: bucket({ publicAccessBlock: null }),
      related: withAccountBlock(null),
      message: 'BlockPublicAcls, IgnorePublicAcls, BlockPublicPolicy, RestrictPublicBuckets',
    },
    {
      name: 'one setting off on both levels',
      resource: bucket({ publicAccessBlock: { ...BLOCK_ALL, restrictPublicBuckets: false } }),
      related: withAccountBlock({ ...BLOCK_ALL, restrictPublicBuckets: false }),
      message: 'RestrictPublicBuckets',
    },
    { name: 'no account resource at all', resource: bucket({ publicAccessBlock: BLOCK_NONE }) },
  ],
  error: [
    { name: 'bucket block denied', resource: withError(bucket(), 'publicAccessBlock'), related: withAccountBlock(null), code: 'AccessDenied' },
    {
      name: 'account block denied',
      resource: bucket(),
      related: { AwsS3AccountPublicAccessBlock: [withError(accountBlockResource(null), 'publicAccessBlock')] },
      code: 'AccessDenied',
    },
  ],
});
