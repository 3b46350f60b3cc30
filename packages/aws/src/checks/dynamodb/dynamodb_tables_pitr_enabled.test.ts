import type { DynamoDbTableAttributes } from '../../resources/dynamodb.ts';
import { buildResource, testCheck, withError } from '../../testing/index.ts';
import check from './dynamodb_tables_pitr_enabled.ts';

const table = (pointInTimeRecoveryStatus: string | null, recoveryPeriodInDays: number | null = null) =>
  buildResource<Pick<DynamoDbTableAttributes, 'continuousBackups'>>(
    'AwsDynamoDbTable',
    { continuousBackups: { continuousBackupsStatus: 'ENABLED', pointInTimeRecoveryStatus, recoveryPeriodInDays } },
    { name: 'orders' },
  );

testCheck(check, {
  pass: [
    { name: 'enabled', resource: table('ENABLED', 35), message: '35-day recovery period' },
    { name: 'enabled without period', resource: table('ENABLED') },
  ],
  fail: [
    { name: 'disabled', resource: table('DISABLED'), message: 'does not have point-in-time recovery' },
    { name: 'unknown', resource: table(null) },
  ],
  error: [{ name: 'denied', resource: withError(table(null), 'continuousBackups', 'AccessDeniedException'), code: 'AccessDeniedException' }],
});
