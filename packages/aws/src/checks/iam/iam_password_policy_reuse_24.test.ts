import { testCheck, withError } from '../../testing/index.ts';
import { account } from './lib/fixtures.ts';
import check from './iam_password_policy_reuse_24.ts';

testCheck(check, {
  pass: [
    { name: '24 remembered', resource: account({ passwordPolicy: { passwordReusePrevention: 24 } }), message: 'last 24' },
    { name: 'custom 5', resource: account({ passwordPolicy: { passwordReusePrevention: 5 } }), options: { minimumReuse: 5 } },
  ],
  fail: [
    { name: '5 remembered', resource: account({ passwordPolicy: { passwordReusePrevention: 5 } }), message: 'only the last 5' },
    { name: 'reuse allowed', resource: account({ passwordPolicy: { minimumPasswordLength: 14 } }), message: 'does not prevent' },
    { name: 'no policy', resource: account({ passwordPolicy: null }), message: 'no IAM password policy' },
  ],
  error: [{ name: 'access denied', resource: withError(account({}), 'passwordPolicy'), code: 'AccessDenied' }],
});
