import { testCheck, withError } from '../../testing/index.ts';
import check from './cloudtrail_cloudwatch_logging_enabled.ts';
import { trail } from './lib/fixtures.ts';

// testCheck evaluates at 2026-11-01T00:00:00Z.
const GROUP = 'arn:aws:logs:us-east-1:123456789012:log-group:CloudTrail/Default:*';
const sending = (latest?: string) =>
  trail('main', {
    cloudWatchLogsLogGroupArn: GROUP,
    status: latest ? { isLogging: true, latestCloudWatchLogsDeliveryTime: latest } : { isLogging: true },
  });

testCheck(check, {
  pass: [
    { name: 'delivered an hour ago', resource: sending('2026-10-31T23:00:00.000Z'), message: 'last delivery' },
    { name: 'within a custom window', resource: sending('2026-10-29T00:00:00.000Z'), options: { maxDeliveryAgeHours: 96 } },
  ],
  fail: [
    { name: 'no log group', resource: trail('main'), message: 'does not deliver' },
    { name: 'never delivered', resource: sending(), message: 'never delivered' },
    { name: 'stale delivery', resource: sending('2026-10-20T00:00:00.000Z'), message: 'more than 24 hours' },
  ],
  error: [{ name: 'status not collected', resource: withError(sending(), 'status'), code: 'AccessDenied' }],
});
