import type { LogGroupAttributes } from '../../resources/cloudwatch.ts';
import { buildResource, testCheck, withError } from '../../testing/index.ts';
import check from './cloudwatch_log_group_kms_encryption_enabled.ts';

const group = (kmsKeyId: string | null) =>
  buildResource<LogGroupAttributes>(
    'AwsLogsLogGroup',
    { retentionInDays: 365, kmsKeyId, logGroupClass: 'STANDARD', storedBytes: 0, creationTime: null },
    { name: '/app/web' },
  );

testCheck(check, {
  pass: [{ name: 'KMS key', resource: group('arn:aws:kms:us-east-1:123456789012:key/1234'), message: 'key/1234' }],
  fail: [{ name: 'no key', resource: group(null), message: 'not encrypted' }],
  error: [{ name: 'not collected', resource: withError(group(null), 'kmsKeyId'), code: 'AccessDenied' }],
});
