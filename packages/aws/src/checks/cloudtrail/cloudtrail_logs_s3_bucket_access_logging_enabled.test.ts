import { buildResource, testCheck, withError } from '../../testing/index.ts';
import check from './cloudtrail_logs_s3_bucket_access_logging_enabled.ts';
import { trail } from './lib/fixtures.ts';

const bucket = (name: string, logging: { targetBucket: string; targetPrefix?: string } | null) =>
  buildResource('AwsS3Bucket', { logging }, { name, region: 'us-east-1' });
const main = trail('main', { s3BucketName: 'trail-bucket' });

testCheck(check, {
  pass: [
    {
      name: 'bucket with access logging',
      resource: main,
      related: { AwsS3Bucket: [bucket('other', null), bucket('trail-bucket', { targetBucket: 'access-logs', targetPrefix: 'ct/' })] },
      message: 'access-logs',
    },
  ],
  fail: [
    { name: 'bucket without access logging', resource: main, related: { AwsS3Bucket: [bucket('trail-bucket', null)] }, message: 'does not have' },
    { name: 'no bucket configured', resource: trail('main', { s3BucketName: null }), related: { AwsS3Bucket: [] }, message: 'no S3 bucket' },
  ],
  manual: [
    { name: 'bucket in another account', resource: main, related: { AwsS3Bucket: [bucket('other', null)] }, message: 'another account' },
  ],
  error: [
    {
      name: 'bucket logging not collected',
      resource: main,
      related: { AwsS3Bucket: [withError(bucket('trail-bucket', null), 'logging')] },
      code: 'AccessDenied',
    },
    { name: 'trail bucket not collected', resource: withError(main, 's3BucketName'), code: 'AccessDenied' },
  ],
});
