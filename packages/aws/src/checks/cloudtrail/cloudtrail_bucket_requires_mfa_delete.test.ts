import { buildResource, testCheck, withError } from '../../testing/index.ts';
import check from './cloudtrail_bucket_requires_mfa_delete.ts';
import { trail } from './lib/fixtures.ts';

const bucket = (name: string, status: 'Enabled' | 'Suspended' | null, mfaDelete: 'Enabled' | 'Disabled' | null) =>
  buildResource('AwsS3Bucket', { versioning: { status, mfaDelete } }, { name });
const main = trail('main', { s3BucketName: 'trail-bucket' });

testCheck(check, {
  pass: [{ name: 'MFA delete on', resource: main, related: { AwsS3Bucket: [bucket('trail-bucket', 'Enabled', 'Enabled')] }, message: 'MFA delete enabled' }],
  fail: [
    { name: 'versioned without MFA delete', resource: main, related: { AwsS3Bucket: [bucket('trail-bucket', 'Enabled', 'Disabled')] }, message: 'MFA delete is not' },
    { name: 'not versioned', resource: main, related: { AwsS3Bucket: [bucket('trail-bucket', null, null)] }, message: 'not versioned' },
    { name: 'versioning suspended', resource: main, related: { AwsS3Bucket: [bucket('trail-bucket', 'Suspended', 'Enabled')] } },
  ],
  manual: [{ name: 'bucket in another account', resource: main, related: { AwsS3Bucket: [] }, message: 'another account' }],
  error: [
    {
      name: 'versioning not collected',
      resource: main,
      related: { AwsS3Bucket: [withError(bucket('trail-bucket', null, null), 'versioning')] },
      code: 'AccessDenied',
    },
  ],
});
