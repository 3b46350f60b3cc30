import type { S3Acl } from '../../resources/s3.ts';
import { testCheck, withError } from '../../testing/index.ts';
import check from './s3_bucket_public_write_acl.ts';
import { ALL_USERS, AUTHENTICATED_USERS, BLOCK_ALL, BLOCK_NONE, OWNER_ID, bucket, withAccountBlock } from './lib/fixtures.ts';

const acl = (...grants: S3Acl['grants']): S3Acl => ({
  ownerId: OWNER_ID,
  grants: [{ type: 'CanonicalUser', id: OWNER_ID, permission: 'FULL_CONTROL' }, ...grants],
});

testCheck(check, {
  pass: [
    { name: 'owner only', resource: bucket(), related: withAccountBlock(null), message: 'no write permission' },
    {
      name: 'public READ only, log delivery WRITE',
      resource: bucket({
        acl: acl(
          { type: 'Group', uri: ALL_USERS, permission: 'READ' },
          { type: 'Group', uri: 'http://acs.amazonaws.com/groups/s3/LogDelivery', permission: 'WRITE' },
        ),
        publicAccessBlock: BLOCK_NONE,
      }),
      related: withAccountBlock(null),
    },
    {
      name: 'public WRITE ignored at bucket level',
      resource: bucket({ acl: acl({ type: 'Group', uri: ALL_USERS, permission: 'WRITE' }), publicAccessBlock: BLOCK_ALL }),
      related: withAccountBlock(null),
      message: 'bucket-level IgnorePublicAcls',
    },
  ],
  fail: [
    {
      name: 'WRITE to AllUsers',
      resource: bucket({ acl: acl({ type: 'Group', uri: ALL_USERS, permission: 'WRITE' }), publicAccessBlock: null }),
      related: withAccountBlock(BLOCK_NONE),
      message: 'WRITE to AllUsers',
    },
    {
      name: 'WRITE_ACP to AuthenticatedUsers',
      resource: bucket({ acl: acl({ type: 'Group', uri: AUTHENTICATED_USERS, permission: 'WRITE_ACP' }), publicAccessBlock: null }),
      related: withAccountBlock(null),
      message: 'WRITE_ACP to AuthenticatedUsers',
    },
  ],
  error: [
    { name: 'ACL denied', resource: withError(bucket(), 'acl'), related: withAccountBlock(null), code: 'AccessDenied' },
    { name: 'block denied', resource: withError(bucket(), 'publicAccessBlock'), related: withAccountBlock(null), code: 'AccessDenied' },
  ],
});
