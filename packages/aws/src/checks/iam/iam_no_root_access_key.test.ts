import { testCheck, withError } from '../../testing/index.ts';
import { account } from './lib/fixtures.ts';
import check from './iam_no_root_access_key.ts';

testCheck(check, {
  pass: [{ name: 'no keys', resource: account({ accountSummary: { AccountAccessKeysPresent: 0, Users: 3 } }), message: 'has no access key' }],
  fail: [{ name: 'a key', resource: account({ accountSummary: { AccountAccessKeysPresent: 1 } }), message: 'has an access key' }],
  error: [{ name: 'access denied', resource: withError(account({}), 'accountSummary'), code: 'AccessDenied' }],
});
