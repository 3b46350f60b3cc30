import { testCheck, withError } from '../../testing/index.ts';
import check from './s3_bucket_object_versioning.ts';
import { bucket } from './lib/fixtures.ts';

testCheck(check, {
  pass: [{ name: 'enabled', resource: bucket({ versioning: { status: 'Enabled', mfaDelete: 'Disabled' } }), message: 'versioning enabled' }],
  fail: [
    { name: 'suspended', resource: bucket({ versioning: { status: 'Suspended', mfaDelete: null } }), message: 'suspended' },
    { name: 'never enabled', resource: bucket({ versioning: { status: null, mfaDelete: null } }), message: 'never' },
  ],
  error: [{ name: 'denied', resource: withError(bucket(), 'versioning'), code: 'AccessDenied' }],
});
