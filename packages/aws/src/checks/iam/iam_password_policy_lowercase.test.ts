import { testCheck, withError } from '../../testing/index.ts';
import { account } from './lib/fixtures.ts';
import check from './iam_password_policy_lowercase.ts';

testCheck(check, {
  pass: [{ name: 'required', resource: account({ passwordPolicy: { requireLowercaseCharacters: true } }), message: 'requires at least one lowercase letter' }],
  fail: [
    { name: 'not required', resource: account({ passwordPolicy: { requireLowercaseCharacters: false } }), message: 'does not require' },
    { name: 'absent from the policy', resource: account({ passwordPolicy: { minimumPasswordLength: 14 } }) },
    { name: 'no policy', resource: account({ passwordPolicy: null }), message: 'no IAM password policy' },
  ],
  error: [{ name: 'access denied', resource: withError(account({}), 'passwordPolicy'), code: 'AccessDenied' }],
});
