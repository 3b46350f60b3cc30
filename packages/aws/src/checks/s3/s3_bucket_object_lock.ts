import { defineAwsCheck } from '../../context.ts';
import type { S3BucketAttributes } from '../../resources/s3.ts';

export default defineAwsCheck<S3BucketAttributes>({
  id: 's3_bucket_object_lock',
  service: 's3',
  title: 'S3 bucket has Object Lock enabled',
  severity: 'low',
  resourceType: 'AwsS3Bucket',
  requires: ['objectLock'],
  categories: ['resilience'],
  description:
    'Checks that Object Lock is enabled on the bucket, which lets objects be stored write-once-read-many (WORM) under a ' +
    'retention period or legal hold, optionally with a default retention for every new object.',
  risk:
    'Without Object Lock, anyone with delete permissions (including an attacker with stolen credentials) can remove or ' +
    'overwrite every object version, and records that must be kept immutable for compliance are not protected.',
  remediation: {
    recommendation:
      'Enable Object Lock (versioning is required) and set a default retention in governance or compliance mode for data ' +
      'that must be immutable, such as backups and audit logs.',
    cli:
      'aws s3api put-object-lock-configuration --bucket <bucket> --object-lock-configuration ' +
      '\'{"ObjectLockEnabled":"Enabled","Rule":{"DefaultRetention":{"Mode":"GOVERNANCE","Days":30}}}\'',
    terraform:
      'resource "aws_s3_bucket_object_lock_configuration" "b" {\n  bucket = aws_s3_bucket.b.id\n  rule {\n' +
      '    default_retention {\n      mode = "GOVERNANCE"\n      days = 30\n    }\n  }\n}',
    console: 'S3 console → the bucket → Properties → Object Lock → Edit → Enable → set a default retention → Save.',
    url: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-lock.html',
  },
  evaluate(bucket) {
    const lock = bucket.attributes.objectLock;
    if (!lock?.enabled) return { status: 'FAIL', message: `S3 bucket ${bucket.name} does not have Object Lock enabled.` };
    const r = lock.defaultRetention;
    const period = r?.days !== undefined ? `${r.days} days` : r?.years !== undefined ? `${r.years} years` : undefined;
    return {
      status: 'PASS',
      message: r?.mode
        ? `S3 bucket ${bucket.name} has Object Lock enabled with a default ${r.mode} retention${period ? ` of ${period}` : ''}.`
        : `S3 bucket ${bucket.name} has Object Lock enabled (no default retention).`,
    };
  },
});
