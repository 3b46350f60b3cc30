import { testCheck, withError } from '../../testing/index.ts';
import { account } from './lib/fixtures.ts';
import check from './iam_password_policy_expires_passwords_within_90_days_or_less.ts';

testCheck(check, {
  pass: [
    { name: '90 days', resource: account({ passwordPolicy: { expirePasswords: true, maxPasswordAge: 90 } }), message: '90 days' },
    { name: '30 days', resource: account({ passwordPolicy: { expirePasswords: true, maxPasswordAge: 30 } }) },
    {
      name: 'custom 180',
      resource: account({ passwordPolicy: { expirePasswords: true, maxPasswordAge: 180 } }),
      options: { maxPasswordAgeDays: 180 },
    },
  ],
  fail: [
    { name: '180 days', resource: account({ passwordPolicy: { expirePasswords: true, maxPasswordAge: 180 } }), message: 'only after 180' },
    { name: 'no expiry', resource: account({ passwordPolicy: { expirePasswords: false } }), message: 'does not make passwords expire' },
    { name: 'no policy', resource: account({ passwordPolicy: null }), message: 'no IAM password policy' },
  ],
  error: [{ name: 'access denied', resource: withError(account({}), 'passwordPolicy'), code: 'AccessDenied' }],
});
