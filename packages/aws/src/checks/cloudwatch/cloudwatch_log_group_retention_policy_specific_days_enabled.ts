import { z } from 'zod';
import { defineAwsCheck } from '../../context.ts';
import type { LogGroupAttributes } from '../../resources/cloudwatch.ts';

const options = z.object({ minRetentionDays: z.number().int().positive().default(365) });

export default defineAwsCheck<LogGroupAttributes, typeof options>({
  id: 'cloudwatch_log_group_retention_policy_specific_days_enabled',
  service: 'cloudwatch',
  title: 'CloudWatch Logs log group keeps its events for at least 365 days',
  severity: 'medium',
  resourceType: 'AwsLogsLogGroup',
  requires: ['retentionInDays'],
  categories: ['logging', 'forensics-ready'],
  options,
  description:
    'Checks that the log group retention is "never expire" or at least the required number of days (365 by default, option `minRetentionDays`).',
  risk: 'Intrusions are often discovered months after they began; logs deleted after a short retention period leave no evidence of how the attacker got in or what they touched.',
  remediation: {
    recommendation: 'Set a retention of at least one year (or longer, as your regulations require) on the log group.',
    cli: 'aws logs put-retention-policy --log-group-name <log-group> --retention-in-days 365',
    terraform: 'resource "aws_cloudwatch_log_group" "app" {\n  name              = "<log-group>"\n  retention_in_days = 365\n}',
    cloudformation: 'LogGroup:\n  Type: AWS::Logs::LogGroup\n  Properties:\n    RetentionInDays: 365',
    console: 'CloudWatch console → Log groups → the group → Actions → Edit retention setting → 1 year (365 days) or more.',
    url: 'https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/Working-with-log-groups-and-streams.html#SettingLogRetention',
  },
  evaluate(group, ctx) {
    const days = group.attributes.retentionInDays;
    const min = ctx.options.minRetentionDays;
    if (days === null) return { status: 'PASS', message: `Log group ${group.name} never expires its events.` };
    return days >= min
      ? { status: 'PASS', message: `Log group ${group.name} keeps its events for ${days} days.` }
      : { status: 'FAIL', message: `Log group ${group.name} keeps its events for only ${days} days (minimum ${min}).` };
  },
});
