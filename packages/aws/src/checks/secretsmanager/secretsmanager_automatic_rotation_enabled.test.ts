import type { SecretsManagerSecretAttributes } from '../../resources/secretsmanager.ts';
import { buildResource, testCheck, withError } from '../../testing/index.ts';
import check from './secretsmanager_automatic_rotation_enabled.ts';

type A = Pick<SecretsManagerSecretAttributes, 'rotationEnabled' | 'rotationAfterDays' | 'rotationSchedule'>;
const secret = (a: Partial<A>) =>
  buildResource<A>('AwsSecretsManagerSecret', { rotationEnabled: false, rotationAfterDays: null, rotationSchedule: null, ...a }, { name: 'prod/db' });

testCheck(check, {
  pass: [
    { name: 'every 30 days', resource: secret({ rotationEnabled: true, rotationAfterDays: 30 }), message: 'every 30 days' },
    { name: 'schedule', resource: secret({ rotationEnabled: true, rotationSchedule: 'rate(4 hours)' }), message: 'rate(4 hours)' },
  ],
  fail: [{ name: 'disabled', resource: secret({}), message: 'does not have automatic rotation' }],
  error: [{ name: 'not collected', resource: withError(secret({}), 'rotationEnabled'), code: 'AccessDenied' }],
});
