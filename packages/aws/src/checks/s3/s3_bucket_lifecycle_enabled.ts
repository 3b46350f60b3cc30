import { defineAwsCheck } from '../../context.ts';
import type { S3BucketAttributes } from '../../resources/s3.ts';

export default defineAwsCheck<S3BucketAttributes>({
  id: 's3_bucket_lifecycle_enabled',
  service: 's3',
  title: 'S3 bucket has at least one enabled lifecycle rule',
  severity: 'low',
  resourceType: 'AwsS3Bucket',
  requires: ['lifecycle'],
  categories: [],
  description:
    'Checks that the bucket has a lifecycle configuration with at least one rule in the Enabled state, to expire or ' +
    'transition objects, old versions and incomplete multipart uploads.',
  risk:
    'Without lifecycle rules data is kept forever: storage costs grow without bound and data is retained longer than ' +
    'retention policies or privacy rules allow.',
  remediation: {
    recommendation:
      'Add lifecycle rules matching the data retention policy: expire or transition objects, expire noncurrent versions ' +
      'and abort incomplete multipart uploads.',
    cli:
      'aws s3api put-bucket-lifecycle-configuration --bucket <bucket> --lifecycle-configuration ' +
      '\'{"Rules":[{"ID":"retention","Status":"Enabled","Filter":{},"NoncurrentVersionExpiration":{"NoncurrentDays":90},' +
      '"AbortIncompleteMultipartUpload":{"DaysAfterInitiation":7}}]}\'',
    terraform:
      'resource "aws_s3_bucket_lifecycle_configuration" "b" {\n  bucket = aws_s3_bucket.b.id\n  rule {\n    id     = "retention"\n' +
      '    status = "Enabled"\n    filter {}\n    noncurrent_version_expiration {\n      noncurrent_days = 90\n    }\n' +
      '    abort_incomplete_multipart_upload {\n      days_after_initiation = 7\n    }\n  }\n}',
    console: 'S3 console → the bucket → Management → Lifecycle rules → Create lifecycle rule.',
    url: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-lifecycle-mgmt.html',
  },
  evaluate(bucket) {
    const rules = bucket.attributes.lifecycle?.rules ?? [];
    const enabled = rules.filter((r) => r.status === 'Enabled');
    if (enabled.length > 0) {
      return { status: 'PASS', message: `S3 bucket ${bucket.name} has ${enabled.length} enabled lifecycle rule(s).` };
    }
    return rules.length > 0
      ? { status: 'FAIL', message: `S3 bucket ${bucket.name} has lifecycle rules but all ${rules.length} are disabled.` }
      : { status: 'FAIL', message: `S3 bucket ${bucket.name} has no lifecycle configuration.` };
  },
});
