import { testCheck, withError } from '../../testing/index.ts';
import check from './s3_bucket_no_mfa_delete.ts';
import { bucket } from './lib/fixtures.ts';

testCheck(check, {
  pass: [
    {
      name: 'versioning with MFA Delete',
      resource: bucket({ versioning: { status: 'Enabled', mfaDelete: 'Enabled' } }),
      message: 'has MFA Delete enabled',
    },
  ],
  fail: [
    { name: 'never versioned', resource: bucket({ versioning: { status: null, mfaDelete: null } }), message: 'versioning is off' },
    { name: 'versioning without MFA Delete', resource: bucket({ versioning: { status: 'Enabled', mfaDelete: 'Disabled' } }) },
    { name: 'suspended', resource: bucket({ versioning: { status: 'Suspended', mfaDelete: 'Disabled' } }), message: 'suspended' },
  ],
  error: [{ name: 'versioning denied', resource: withError(bucket(), 'versioning'), code: 'AccessDenied' }],
});
