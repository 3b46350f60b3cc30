import { testCheck, withError } from '../../testing/index.ts';
import check from './s3_bucket_acl_prohibited.ts';
import { bucket } from './lib/fixtures.ts';

testCheck(check, {
  pass: [{ name: 'BucketOwnerEnforced', resource: bucket(), message: 'ACLs disabled' }],
  fail: [
    { name: 'BucketOwnerPreferred', resource: bucket({ ownershipControls: { objectOwnership: 'BucketOwnerPreferred' } }), message: 'BucketOwnerPreferred' },
    { name: 'ObjectWriter', resource: bucket({ ownershipControls: { objectOwnership: 'ObjectWriter' } }) },
    { name: 'no ownership controls', resource: bucket({ ownershipControls: null }), message: 'no Object Ownership controls' },
  ],
  error: [{ name: 'denied', resource: withError(bucket(), 'ownershipControls'), code: 'AccessDenied' }],
});
