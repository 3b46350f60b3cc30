import type { S3LifecycleRule } from '../../resources/s3.ts';
import { testCheck, withError } from '../../testing/index.ts';
import check from './s3_bucket_lifecycle_enabled.ts';
import { bucket } from './lib/fixtures.ts';

const rule = (status: string): S3LifecycleRule => ({
  id: `rule-${status}`,
  status,
  hasExpiration: true,
  hasTransitions: false,
  hasNoncurrentVersionExpiration: false,
  hasNoncurrentVersionTransitions: false,
});

testCheck(check, {
  pass: [
    { name: 'one enabled rule', resource: bucket({ lifecycle: { rules: [rule('Enabled'), rule('Disabled')] } }), message: '1 enabled' },
  ],
  fail: [
    { name: 'no configuration', resource: bucket({ lifecycle: null }), message: 'no lifecycle configuration' },
    { name: 'only disabled rules', resource: bucket({ lifecycle: { rules: [rule('Disabled')] } }), message: 'all 1 are disabled' },
    { name: 'empty rules', resource: bucket({ lifecycle: { rules: [] } }) },
  ],
  error: [{ name: 'denied', resource: withError(bucket(), 'lifecycle'), code: 'AccessDenied' }],
});
