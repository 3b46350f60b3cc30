import type { S3ReplicationRule } from '../../resources/s3.ts';
import { testCheck, withError } from '../../testing/index.ts';
import check from './s3_bucket_cross_region_replication.ts';
import { bucket } from './lib/fixtures.ts';

const rule = (destinationBucket: string, status = 'Enabled'): S3ReplicationRule => ({ id: 'r', status, destinationBucket });
const source = (...rules: S3ReplicationRule[]) =>
  bucket({ replication: { role: 'arn:aws:iam::123456789012:role/replication', rules } }, 'source-bucket', 'us-east-1');
const others = { AwsS3Bucket: [bucket({}, 'dr-bucket', 'eu-west-1'), bucket({}, 'same-region-copy', 'us-east-1')] };

testCheck(check, {
  pass: [
    { name: 'to another region', resource: source(rule('arn:aws:s3:::dr-bucket')), related: others, message: 'dr-bucket (eu-west-1)' },
    {
      name: 'one of several rules crosses regions',
      resource: source(rule('arn:aws:s3:::same-region-copy'), rule('arn:aws:s3:::dr-bucket')),
      related: others,
    },
  ],
  fail: [
    { name: 'no replication', resource: bucket({ replication: null }), related: others, message: 'no enabled replication rule' },
    { name: 'disabled rule', resource: source(rule('arn:aws:s3:::dr-bucket', 'Disabled')), related: others },
    { name: 'same region only', resource: source(rule('arn:aws:s3:::same-region-copy')), related: others, message: 'own region (us-east-1)' },
  ],
  manual: [
    {
      name: 'destination in another account',
      resource: source(rule('arn:aws:s3:::partner-archive')),
      related: others,
      message: 'partner-archive',
    },
  ],
  error: [{ name: 'denied', resource: withError(bucket(), 'replication'), related: others, code: 'AccessDenied' }],
});
