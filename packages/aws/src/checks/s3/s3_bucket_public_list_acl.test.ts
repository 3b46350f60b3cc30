import type { S3Acl } from '../../resources/s3.ts';
import { testCheck, withError } from '../../testing/index.ts';
import check from './s3_bucket_public_list_acl.ts';
import { ALL_USERS, AUTHENTICATED_USERS, BLOCK_ALL, BLOCK_NONE, OWNER_ID, accountBlockResource, bucket, withAccountBlock } from './lib/fixtures.ts';

const acl = (...grants: S3Acl['grants']): S3Acl => ({
  ownerId: OWNER_ID,
  grants: [{ type: 'CanonicalUser', id: OWNER_ID, permission: 'FULL_CONTROL' }, ...grants],
});

testCheck(check, {
  pass: [
    {
      // The account block is not needed to decide: an unreadable one does not matter.
      name: 'owner only, account block denied',
      resource: bucket(),
      related: { AwsS3AccountPublicAccessBlock: [withError(accountBlockResource(null), 'publicAccessBlock')] },
    },
    { name: 'owner only', resource: bucket({ publicAccessBlock: null }), related: withAccountBlock(null), message: 'no read permission' },
    {
      name: 'log delivery and public WRITE only',
      resource: bucket({
        acl: acl(
          { type: 'Group', uri: 'http://acs.amazonaws.com/groups/s3/LogDelivery', permission: 'WRITE' },
          { type: 'Group', uri: ALL_USERS, permission: 'WRITE' },
        ),
        publicAccessBlock: BLOCK_NONE,
      }),
      related: withAccountBlock(null),
    },
    {
      name: 'public READ ignored at account level',
      resource: bucket({ acl: acl({ type: 'Group', uri: ALL_USERS, permission: 'READ' }), publicAccessBlock: null }),
      related: withAccountBlock(BLOCK_ALL),
      message: 'account-level IgnorePublicAcls',
    },
  ],
  fail: [
    {
      name: 'READ to AllUsers',
      resource: bucket({ acl: acl({ type: 'Group', uri: ALL_USERS, permission: 'READ' }), publicAccessBlock: null }),
      related: withAccountBlock(null),
      message: 'READ to AllUsers',
    },
    {
      name: 'FULL_CONTROL to AuthenticatedUsers, only BlockPublicAcls on',
      resource: bucket({
        acl: acl({ type: 'Group', uri: AUTHENTICATED_USERS, permission: 'FULL_CONTROL' }),
        publicAccessBlock: { ...BLOCK_NONE, blockPublicAcls: true },
      }),
      related: withAccountBlock(null),
      message: 'FULL_CONTROL to AuthenticatedUsers',
    },
  ],
  error: [
    { name: 'ACL denied', resource: withError(bucket(), 'acl'), related: withAccountBlock(null), code: 'AccessDenied' },
    {
      name: 'public READ and the account block denied',
      resource: bucket({ acl: acl({ type: 'Group', uri: ALL_USERS, permission: 'READ' }), publicAccessBlock: null }),
      related: { AwsS3AccountPublicAccessBlock: [withError(accountBlockResource(null), 'publicAccessBlock')] },
    },
  ],
});
