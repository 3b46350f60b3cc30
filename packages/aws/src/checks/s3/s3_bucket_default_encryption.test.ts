import { testCheck, withError } from '../../testing/index.ts';
import check from './s3_bucket_default_encryption.ts';
import { bucket } from './lib/fixtures.ts';

testCheck(check, {
  pass: [
    { name: 'SSE-S3', resource: bucket(), message: 'AES256' },
    { name: 'SSE-KMS', resource: bucket({ encryption: { rules: [{ sseAlgorithm: 'aws:kms', kmsMasterKeyId: 'alias/data' }] } }), message: 'aws:kms' },
  ],
  fail: [
    { name: 'no configuration', resource: bucket({ encryption: null }), message: 'no default server-side encryption' },
    { name: 'no rule', resource: bucket({ encryption: { rules: [] } }) },
  ],
  error: [{ name: 'denied', resource: withError(bucket(), 'encryption'), code: 'AccessDenied' }],
});
