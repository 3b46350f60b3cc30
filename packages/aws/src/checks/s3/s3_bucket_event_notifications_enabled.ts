import { defineAwsCheck } from '../../context.ts';
import type { S3BucketAttributes } from '../../resources/s3.ts';

export default defineAwsCheck<S3BucketAttributes>({
  id: 's3_bucket_event_notifications_enabled',
  service: 's3',
  title: 'S3 bucket sends event notifications (SNS, SQS, Lambda or EventBridge)',
  severity: 'low',
  resourceType: 'AwsS3Bucket',
  requires: ['notifications'],
  categories: ['logging'],
  description:
    'Checks that the bucket publishes event notifications to at least one destination: an SNS topic, an SQS queue, a ' +
    'Lambda function or Amazon EventBridge.',
  risk:
    'Without event notifications, object creations and deletions go unnoticed: unexpected uploads, mass deletions or ' +
    'tampering cannot trigger alerts or automated responses.',
  remediation: {
    recommendation: 'Enable EventBridge notifications for the bucket (or configure SNS, SQS or Lambda destinations) and route relevant events to monitoring.',
    cli:
      'aws s3api put-bucket-notification-configuration --bucket <bucket> --notification-configuration \'{"EventBridgeConfiguration":{}}\'',
    terraform: 'resource "aws_s3_bucket_notification" "b" {\n  bucket      = aws_s3_bucket.b.id\n  eventbridge = true\n}',
    console: 'S3 console → the bucket → Properties → Amazon EventBridge → Edit → On (or Event notifications → Create event notification).',
    url: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/EventNotifications.html',
  },
  evaluate(bucket) {
    const n = bucket.attributes.notifications;
    const targets = [
      n.eventBridge ? 'EventBridge' : undefined,
      n.topicArns.length ? `${n.topicArns.length} SNS topic(s)` : undefined,
      n.queueArns.length ? `${n.queueArns.length} SQS queue(s)` : undefined,
      n.lambdaFunctionArns.length ? `${n.lambdaFunctionArns.length} Lambda function(s)` : undefined,
    ].filter((t): t is string => Boolean(t));
    return targets.length > 0
      ? { status: 'PASS', message: `S3 bucket ${bucket.name} sends event notifications to ${targets.join(', ')}.` }
      : { status: 'FAIL', message: `S3 bucket ${bucket.name} has no event notifications configured.` };
  },
});
