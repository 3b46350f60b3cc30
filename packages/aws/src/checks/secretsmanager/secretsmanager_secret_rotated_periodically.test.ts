import type { SecretsManagerSecretAttributes } from '../../resources/secretsmanager.ts';
import { buildResource, testCheck, withError } from '../../testing/index.ts';
import check from './secretsmanager_secret_rotated_periodically.ts';

// testCheck evaluates at 2026-11-01T00:00:00Z.
type A = Pick<SecretsManagerSecretAttributes, 'lastRotatedDate' | 'createdDate'>;
const secret = (lastRotatedDate: string | null, createdDate: string | null = '2024-01-01T00:00:00.000Z') =>
  buildResource<A>('AwsSecretsManagerSecret', { lastRotatedDate, createdDate }, { name: 'prod/db' });

testCheck(check, {
  pass: [
    { name: 'rotated 31 days ago', resource: secret('2026-10-01T00:00:00.000Z'), message: '31 days ago' },
    { name: 'new secret', resource: secret(null, '2026-10-01T00:00:00.000Z'), message: 'created only 31 days ago' },
    { name: 'custom limit', resource: secret('2026-06-01T00:00:00.000Z'), options: { maxDaysSinceRotation: 365 } },
  ],
  fail: [
    { name: 'rotated 153 days ago', resource: secret('2026-06-01T00:00:00.000Z'), message: '153 days ago (limit 90)' },
    { name: 'never rotated', resource: secret(null), message: 'never been rotated' },
    { name: 'stricter limit', resource: secret('2026-10-01T00:00:00.000Z'), options: { maxDaysSinceRotation: 30 } },
  ],
  error: [{ name: 'not collected', resource: withError(secret(null), 'lastRotatedDate'), code: 'AccessDenied' }],
});
