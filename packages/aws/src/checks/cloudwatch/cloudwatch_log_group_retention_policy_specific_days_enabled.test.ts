import type { LogGroupAttributes } from '../../resources/cloudwatch.ts';
import { buildResource, testCheck, withError } from '../../testing/index.ts';
import check from './cloudwatch_log_group_retention_policy_specific_days_enabled.ts';

const group = (retentionInDays: number | null) =>
  buildResource<LogGroupAttributes>(
    'AwsLogsLogGroup',
    { retentionInDays, kmsKeyId: null, logGroupClass: 'STANDARD', storedBytes: 0, creationTime: null },
    { name: '/app/web' },
  );

testCheck(check, {
  pass: [
    { name: 'never expire', resource: group(null), message: 'never expires' },
    { name: '365 days', resource: group(365), message: '365 days' },
    { name: '3653 days', resource: group(3653) },
    { name: 'custom minimum 90', resource: group(90), options: { minRetentionDays: 90 } },
  ],
  fail: [
    { name: '30 days', resource: group(30), message: 'only 30 days (minimum 365)' },
    { name: '364 days', resource: group(364) },
    { name: 'custom minimum 400', resource: group(365), options: { minRetentionDays: 400 }, message: 'minimum 400' },
  ],
  error: [{ name: 'not collected', resource: withError(group(null), 'retentionInDays'), code: 'AccessDenied' }],
});
