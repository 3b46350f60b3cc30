import { defineAwsCheck } from '../../context.ts';
import type { S3BucketAttributes } from '../../resources/s3.ts';

export default defineAwsCheck<S3BucketAttributes>({
  id: 's3_bucket_server_access_logging_enabled',
  service: 's3',
  title: 'S3 bucket has server access logging enabled',
  severity: 'medium',
  resourceType: 'AwsS3Bucket',
  requires: ['logging'],
  categories: ['logging', 'forensics-ready'],
  description:
    'Checks that server access logging is enabled on the bucket, so that S3 delivers a record of every request made to it ' +
    'to a target bucket.',
  risk:
    'Without access logs there is no record of who read, wrote or deleted which objects (CloudTrail only records object-level ' +
    'requests when data events are enabled), hampering incident investigation and access reviews.',
  remediation: {
    recommendation:
      'Enable server access logging to a dedicated log bucket in the same region and account, with a prefix per source bucket ' +
      '(or enable CloudTrail data events for the bucket).',
    cli:
      'aws s3api put-bucket-logging --bucket <bucket> --bucket-logging-status ' +
      '\'{"LoggingEnabled":{"TargetBucket":"<log-bucket>","TargetPrefix":"<bucket>/"}}\'',
    terraform:
      'resource "aws_s3_bucket_logging" "b" {\n  bucket        = aws_s3_bucket.b.id\n  target_bucket = aws_s3_bucket.logs.id\n' +
      '  target_prefix = "${aws_s3_bucket.b.id}/"\n}',
    console: 'S3 console → the bucket → Properties → Server access logging → Edit → Enable → choose the destination → Save.',
    url: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/ServerLogs.html',
  },
  evaluate(bucket) {
    const logging = bucket.attributes.logging;
    if (!logging) return { status: 'FAIL', message: `S3 bucket ${bucket.name} has server access logging disabled.` };
    return {
      status: 'PASS',
      message: `S3 bucket ${bucket.name} delivers server access logs to s3://${logging.targetBucket}/${logging.targetPrefix ?? ''}.`,
    };
  },
});
