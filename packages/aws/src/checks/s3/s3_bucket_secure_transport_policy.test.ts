import type { PolicyStatement } from '../../lib/resource-policy.ts';
import { testCheck, withError } from '../../testing/index.ts';
import check from './s3_bucket_secure_transport_policy.ts';
import { bucket } from './lib/fixtures.ts';

const deny = (extra: Partial<PolicyStatement> = {}): PolicyStatement => ({
  Sid: 'DenyInsecureTransport',
  Effect: 'Deny',
  Principal: '*',
  Action: 's3:*',
  Resource: ['arn:aws:s3:::example-bucket', 'arn:aws:s3:::example-bucket/*'],
  Condition: { Bool: { 'aws:SecureTransport': 'false' } },
  ...extra,
});
const withPolicy = (...Statement: PolicyStatement[]) => bucket({ policy: { Version: '2012-10-17', Statement } });

testCheck(check, {
  pass: [
    { name: 'CIS deny statement', resource: withPolicy(deny()), message: 'denies all requests made without HTTPS' },
    {
      name: 'deny among other statements, AWS:* principal',
      resource: withPolicy(
        { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::123456789012:role/app' }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::example-bucket/*' },
        deny({ Principal: { AWS: '*' }, Resource: 'arn:aws:s3:::example-bucket/*' }),
      ),
    },
  ],
  fail: [
    { name: 'no policy', resource: bucket({ policy: null }), message: 'has no bucket policy' },
    { name: 'deny only GetObject', resource: withPolicy(deny({ Action: 's3:GetObject' })), message: 'aws:SecureTransport' },
    { name: 'deny on the bucket only', resource: withPolicy(deny({ Resource: 'arn:aws:s3:::example-bucket' })) },
    { name: 'deny for one principal', resource: withPolicy(deny({ Principal: { AWS: 'arn:aws:iam::111122223333:root' } })) },
    { name: 'SecureTransport true', resource: withPolicy(deny({ Condition: { Bool: { 'aws:SecureTransport': 'true' } } })) },
    { name: 'empty statement list', resource: withPolicy() },
  ],
  error: [{ name: 'policy denied', resource: withError(bucket(), 'policy'), code: 'AccessDenied' }],
});
