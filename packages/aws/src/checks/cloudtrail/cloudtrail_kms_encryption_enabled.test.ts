import { testCheck, withError } from '../../testing/index.ts';
import check from './cloudtrail_kms_encryption_enabled.ts';
import { trail } from './lib/fixtures.ts';

testCheck(check, {
  pass: [{ name: 'KMS key', resource: trail('main', { kmsKeyId: 'arn:aws:kms:us-east-1:123456789012:key/abcd' }), message: 'key/abcd' }],
  fail: [{ name: 'no key', resource: trail('main', { kmsKeyId: null }), message: 'does not encrypt' }],
  error: [{ name: 'not collected', resource: withError(trail('main'), 'kmsKeyId'), code: 'AccessDenied' }],
});
