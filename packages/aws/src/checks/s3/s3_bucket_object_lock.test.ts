import { testCheck, withError } from '../../testing/index.ts';
import check from './s3_bucket_object_lock.ts';
import { bucket } from './lib/fixtures.ts';

testCheck(check, {
  pass: [
    {
      name: 'compliance retention',
      resource: bucket({ objectLock: { enabled: true, defaultRetention: { mode: 'COMPLIANCE', years: 7 } } }),
      message: 'COMPLIANCE retention of 7 years',
    },
    { name: 'enabled, no default retention', resource: bucket({ objectLock: { enabled: true } }), message: 'no default retention' },
  ],
  fail: [
    { name: 'never configured', resource: bucket({ objectLock: null }), message: 'does not have Object Lock' },
    { name: 'configuration without Enabled', resource: bucket({ objectLock: { enabled: false } }) },
  ],
  error: [{ name: 'denied', resource: withError(bucket(), 'objectLock'), code: 'AccessDenied' }],
});
