import { testCheck, withError } from '../../testing/index.ts';
import { account as accountOf } from './lib/fixtures.ts';
import type { AccountAttributes } from '../../resources/iam.ts';
import check from './iam_password_policy_minimum_length_14.ts';

const account = (passwordPolicy: AccountAttributes['passwordPolicy']) => accountOf({ passwordPolicy });

testCheck(check, {
  pass: [
    { name: 'length 14', resource: account({ minimumPasswordLength: 14 }), message: '14 characters' },
    { name: 'length 20', resource: account({ minimumPasswordLength: 20 }) },
    { name: 'custom minimum 10', resource: account({ minimumPasswordLength: 12 }), options: { minimumLength: 10 } },
  ],
  fail: [
    { name: 'length 8', resource: account({ minimumPasswordLength: 8 }), message: 'only 8' },
    { name: 'no policy', resource: account(null), message: 'no IAM password policy' },
  ],
  error: [{ name: 'access denied', resource: withError(account(null), 'passwordPolicy'), code: 'AccessDenied' }],
});
