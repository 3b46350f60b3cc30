import { defineAwsCheck } from '../../context.ts';
import type { S3BucketAttributes } from '../../resources/s3.ts';
import { deniesInsecureTransport } from './lib/access.ts';

export default defineAwsCheck<S3BucketAttributes>({
  id: 's3_bucket_secure_transport_policy',
  service: 's3',
  title: 'S3 bucket policy denies requests that are not sent over HTTPS',
  severity: 'medium',
  resourceType: 'AwsS3Bucket',
  requires: ['policy'],
  categories: ['encryption'],
  description:
    'Checks that the bucket policy has a Deny statement for every principal and every S3 action on the bucket objects ' +
    'when aws:SecureTransport is false, so that plain HTTP requests are refused.',
  risk:
    'Without such a statement S3 accepts unencrypted HTTP requests: object data and request signatures can be read or ' +
    'altered in transit by anyone on the network path.',
  remediation: {
    recommendation:
      'Add a Deny statement for Principal "*", Action "s3:*", the bucket and its objects, conditioned on ' +
      'Bool aws:SecureTransport = false.',
    cli:
      'aws s3api put-bucket-policy --bucket <bucket> --policy \'{"Version":"2012-10-17","Statement":[{"Sid":"DenyInsecureTransport",' +
      '"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":["arn:aws:s3:::<bucket>","arn:aws:s3:::<bucket>/*"],' +
      '"Condition":{"Bool":{"aws:SecureTransport":"false"}}}]}\'',
    terraform:
      'data "aws_iam_policy_document" "tls_only" {\n  statement {\n    sid     = "DenyInsecureTransport"\n    effect  = "Deny"\n' +
      '    actions = ["s3:*"]\n    resources = [aws_s3_bucket.b.arn, "${aws_s3_bucket.b.arn}/*"]\n' +
      '    principals {\n      type        = "*"\n      identifiers = ["*"]\n    }\n' +
      '    condition {\n      test     = "Bool"\n      variable = "aws:SecureTransport"\n      values   = ["false"]\n    }\n  }\n}\n' +
      'resource "aws_s3_bucket_policy" "b" {\n  bucket = aws_s3_bucket.b.id\n  policy = data.aws_iam_policy_document.tls_only.json\n}',
    console: 'S3 console → the bucket → Permissions → Bucket policy → Edit → add the Deny statement above → Save.',
    url: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/security-best-practices.html',
  },
  evaluate(bucket) {
    const policy = bucket.attributes.policy;
    if (!policy) {
      return { status: 'FAIL', message: `S3 bucket ${bucket.name} has no bucket policy, so HTTP requests are not denied.` };
    }
    return deniesInsecureTransport(policy, bucket.id)
      ? { status: 'PASS', message: `S3 bucket ${bucket.name} policy denies all requests made without HTTPS.` }
      : {
          status: 'FAIL',
          message: `S3 bucket ${bucket.name} policy has no Deny of s3:* on its objects for all principals when aws:SecureTransport is false.`,
        };
  },
});
