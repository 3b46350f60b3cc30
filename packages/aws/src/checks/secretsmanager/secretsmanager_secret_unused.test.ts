import type { SecretsManagerSecretAttributes } from '../../resources/secretsmanager.ts';
import { buildResource, testCheck, withError } from '../../testing/index.ts';
import check from './secretsmanager_secret_unused.ts';

// testCheck evaluates at 2026-11-01T00:00:00Z.
type A = Pick<SecretsManagerSecretAttributes, 'lastAccessedDate' | 'createdDate'>;
const secret = (lastAccessedDate: string | null, createdDate: string | null = '2024-01-01T00:00:00.000Z') =>
  buildResource<A>('AwsSecretsManagerSecret', { lastAccessedDate, createdDate }, { name: 'prod/db' });

testCheck(check, {
  pass: [
    { name: 'accessed yesterday', resource: secret('2026-10-31T00:00:00.000Z'), message: '1 days ago' },
    { name: 'accessed 90 days ago', resource: secret('2026-08-03T00:00:00.000Z') },
    { name: 'new, not accessed yet', resource: secret(null, '2026-10-20T00:00:00.000Z'), message: 'created only 12 days ago' },
    { name: 'custom limit', resource: secret('2026-06-01T00:00:00.000Z'), options: { unusedDays: 180 } },
  ],
  fail: [
    { name: 'accessed 153 days ago', resource: secret('2026-06-01T00:00:00.000Z'), message: '153 days ago (limit 90)' },
    { name: 'never accessed', resource: secret(null), message: 'never been accessed' },
    { name: 'never accessed, creation unknown', resource: secret(null, null) },
    { name: 'stricter limit', resource: secret('2026-10-01T00:00:00.000Z'), options: { unusedDays: 7 } },
  ],
  error: [{ name: 'not collected', resource: withError(secret(null), 'lastAccessedDate'), code: 'AccessDenied' }],
});
