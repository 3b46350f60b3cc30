import { defineAwsCheck } from '../../context.ts';
import type { S3BucketAttributes } from '../../resources/s3.ts';

export default defineAwsCheck<S3BucketAttributes>({
  id: 's3_bucket_default_encryption',
  service: 's3',
  title: 'S3 bucket has default server-side encryption configured',
  severity: 'medium',
  resourceType: 'AwsS3Bucket',
  requires: ['encryption'],
  categories: ['encryption'],
  description:
    'Checks that the bucket has a default encryption rule (SSE-S3, SSE-KMS or DSSE-KMS) applied to objects written ' +
    'without their own encryption header.',
  risk:
    'Objects stored unencrypted are readable by anyone who obtains the underlying storage or a copy of it, and ' +
    'do not meet the encryption-at-rest requirement of most compliance frameworks.',
  remediation: {
    recommendation: 'Configure default encryption on the bucket, preferably SSE-KMS with a customer managed key and S3 Bucket Keys.',
    cli:
      'aws s3api put-bucket-encryption --bucket <bucket> --server-side-encryption-configuration ' +
      '\'{"Rules":[{"ApplyServerSideEncryptionByDefault":{"SSEAlgorithm":"AES256"}}]}\'',
    terraform:
      'resource "aws_s3_bucket_server_side_encryption_configuration" "b" {\n  bucket = aws_s3_bucket.b.id\n' +
      '  rule {\n    apply_server_side_encryption_by_default {\n      sse_algorithm = "AES256"\n    }\n  }\n}',
    console: 'S3 console → the bucket → Properties → Default encryption → Edit → choose an encryption type → Save.',
    url: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/default-bucket-encryption.html',
  },
  evaluate(bucket) {
    const rule = bucket.attributes.encryption?.rules[0];
    return rule
      ? { status: 'PASS', message: `S3 bucket ${bucket.name} encrypts new objects by default with ${rule.sseAlgorithm}.` }
      : { status: 'FAIL', message: `S3 bucket ${bucket.name} has no default server-side encryption.` };
  },
});
