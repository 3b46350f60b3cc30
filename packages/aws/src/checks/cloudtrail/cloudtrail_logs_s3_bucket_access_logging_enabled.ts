import { defineAwsCheck } from '../../context.ts';
import type { TrailAttributes } from '../../resources/cloudtrail.ts';

/** What this check reads of the S3 collector's `AwsS3Bucket` (name = bucket name). */
interface BucketLogging {
  logging: { targetBucket: string; targetPrefix?: string } | null;
}

export default defineAwsCheck<TrailAttributes>({
  id: 'cloudtrail_logs_s3_bucket_access_logging_enabled',
  service: 'cloudtrail',
  title: 'S3 bucket receiving CloudTrail logs has server access logging enabled',
  severity: 'medium',
  resourceType: 'AwsCloudTrailTrail',
  requires: ['s3BucketName'],
  uses: { AwsS3Bucket: ['logging'] },
  categories: ['logging', 'forensics-ready'],
  description:
    "Checks that the S3 bucket a trail delivers its log files to has server access logging turned on. When the bucket is not in the scanned account it cannot be inspected and the finding asks for a manual review.",
  risk: 'Without access logs on the log bucket, reads, downloads and deletions of the audit trail itself go unrecorded, so tampering with or theft of the logs cannot be detected.',
  remediation: {
    recommendation:
      'Enable server access logging on the CloudTrail bucket, delivering to a separate bucket that the trail bucket users cannot modify.',
    cli: 'aws s3api put-bucket-logging --bucket <trail-bucket> --bucket-logging-status \'{"LoggingEnabled":{"TargetBucket":"<log-bucket>","TargetPrefix":"cloudtrail-bucket/"}}\'',
    terraform:
      'resource "aws_s3_bucket_logging" "trail" {\n  bucket        = aws_s3_bucket.trail.id\n  target_bucket = aws_s3_bucket.access_logs.id\n  target_prefix = "cloudtrail-bucket/"\n}',
    console: 'S3 console → the trail bucket → Properties → Server access logging → Edit → Enable, choose a target bucket.',
    url: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/enable-server-access-logging.html',
  },
  evaluate(trail, ctx) {
    const bucketName = trail.attributes.s3BucketName;
    if (!bucketName) return { status: 'FAIL', message: `Trail ${trail.name} has no S3 bucket configured.` };
    const bucket = ctx.related<BucketLogging>('AwsS3Bucket').find((b) => b.name === bucketName);
    if (!bucket) {
      return {
        status: 'MANUAL',
        message: `Trail ${trail.name} delivers to bucket ${bucketName}, which is not in account ${ctx.account} (likely another account): check its server access logging there.`,
      };
    }
    const logging = bucket.attributes.logging;
    return logging
      ? {
          status: 'PASS',
          message: `Trail ${trail.name} bucket ${bucketName} has server access logging to ${logging.targetBucket}.`,
        }
      : { status: 'FAIL', message: `Trail ${trail.name} bucket ${bucketName} does not have server access logging enabled.` };
  },
});
