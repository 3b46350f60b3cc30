import { testCheck, withError } from '../../testing/index.ts';
import check from './s3_bucket_kms_encryption.ts';
import { bucket } from './lib/fixtures.ts';

const KEY = 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';

testCheck(check, {
  pass: [
    {
      name: 'SSE-KMS with a customer key',
      resource: bucket({ encryption: { rules: [{ sseAlgorithm: 'aws:kms', kmsMasterKeyId: KEY, bucketKeyEnabled: true }] } }),
      message: KEY,
    },
    { name: 'SSE-KMS with aws/s3', resource: bucket({ encryption: { rules: [{ sseAlgorithm: 'aws:kms' }] } }), message: 'aws/s3' },
    { name: 'DSSE-KMS', resource: bucket({ encryption: { rules: [{ sseAlgorithm: 'aws:kms:dsse', kmsMasterKeyId: KEY }] } }) },
  ],
  fail: [
    { name: 'SSE-S3', resource: bucket(), message: 'uses AES256, not AWS KMS' },
    { name: 'no encryption configuration', resource: bucket({ encryption: null }), message: 'no default encryption' },
  ],
  error: [{ name: 'denied', resource: withError(bucket(), 'encryption'), code: 'AccessDenied' }],
});
