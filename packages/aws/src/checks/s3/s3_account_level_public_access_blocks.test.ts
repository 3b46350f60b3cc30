import { testCheck, withError } from '../../testing/index.ts';
import check from './s3_account_level_public_access_blocks.ts';
import { BLOCK_ALL, BLOCK_NONE, accountBlockResource } from './lib/fixtures.ts';

testCheck(check, {
  pass: [{ name: 'all four on', resource: accountBlockResource(BLOCK_ALL), message: 'all four' }],
  fail: [
    { name: 'not configured', resource: accountBlockResource(null), message: 'no account-level' },
    { name: 'all off', resource: accountBlockResource(BLOCK_NONE), message: 'BlockPublicAcls, IgnorePublicAcls' },
    {
      name: 'policy settings off',
      resource: accountBlockResource({ ...BLOCK_ALL, blockPublicPolicy: false, restrictPublicBuckets: false }),
      message: 'BlockPublicPolicy, RestrictPublicBuckets off',
    },
  ],
  error: [{ name: 'denied', resource: withError(accountBlockResource(null), 'publicAccessBlock'), code: 'AccessDenied' }],
});
