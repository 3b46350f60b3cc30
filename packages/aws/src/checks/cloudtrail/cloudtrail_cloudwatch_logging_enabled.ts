import { z } from 'zod';
import { defineAwsCheck } from '../../context.ts';
import type { TrailAttributes } from '../../resources/cloudtrail.ts';

const options = z.object({ maxDeliveryAgeHours: z.number().int().positive().default(24) });

export default defineAwsCheck<TrailAttributes, typeof options>({
  id: 'cloudtrail_cloudwatch_logging_enabled',
  service: 'cloudtrail',
  title: 'CloudTrail trail delivers its events to CloudWatch Logs',
  severity: 'low',
  resourceType: 'AwsCloudTrailTrail',
  requires: ['cloudWatchLogsLogGroupArn', 'status'],
  categories: ['logging', 'forensics-ready'],
  options,
  description:
    'Checks that the trail sends its events to a CloudWatch Logs log group and that the last delivery there happened recently (within 24 hours by default), which is what metric filters and alarms on API activity need.',
  risk: 'Events that only land in S3 cannot drive real-time metric filters and alarms, so suspicious activity such as root logins or disabled logging is noticed late or not at all.',
  remediation: {
    recommendation:
      'Configure the trail to deliver to a CloudWatch Logs log group with an IAM role CloudTrail can assume, and fix any delivery error it reports.',
    cli: 'aws cloudtrail update-trail --name <trail> --cloud-watch-logs-log-group-arn <log-group-arn> --cloud-watch-logs-role-arn <role-arn>',
    terraform:
      'resource "aws_cloudtrail" "account" {\n  # ...\n  cloud_watch_logs_group_arn = "${aws_cloudwatch_log_group.trail.arn}:*"\n  cloud_watch_logs_role_arn  = aws_iam_role.trail_to_cwl.arn\n}',
    console: 'CloudTrail console → Trails → the trail → CloudWatch Logs → Edit → Enabled, choose the log group and IAM role.',
    url: 'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/send-cloudtrail-events-to-cloudwatch-logs.html',
  },
  evaluate(trail, ctx) {
    const group = trail.attributes.cloudWatchLogsLogGroupArn;
    if (!group) return { status: 'FAIL', message: `Trail ${trail.name} does not deliver its events to CloudWatch Logs.` };
    const last = trail.attributes.status.latestCloudWatchLogsDeliveryTime;
    if (!last) {
      return { status: 'FAIL', message: `Trail ${trail.name} is configured for CloudWatch Logs but has never delivered events there.` };
    }
    const ageHours = (ctx.now.getTime() - new Date(last).getTime()) / 3_600_000;
    const max = ctx.options.maxDeliveryAgeHours;
    return ageHours <= max
      ? { status: 'PASS', message: `Trail ${trail.name} delivers its events to CloudWatch Logs (last delivery ${last}).` }
      : {
          status: 'FAIL',
          message: `Trail ${trail.name} last delivered events to CloudWatch Logs at ${last}, more than ${max} hours ago.`,
        };
  },
});
