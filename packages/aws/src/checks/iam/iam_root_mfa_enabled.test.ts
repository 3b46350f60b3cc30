import { testCheck, withError } from '../../testing/index.ts';
import { account } from './lib/fixtures.ts';
import check from './iam_root_mfa_enabled.ts';

testCheck(check, {
  pass: [{ name: 'mfa', resource: account({ accountSummary: { AccountMFAEnabled: 1 } }), message: 'has MFA enabled' }],
  fail: [
    { name: 'no mfa', resource: account({ accountSummary: { AccountMFAEnabled: 0 } }), message: 'does not have MFA' },
    { name: 'key missing from the summary', resource: account({ accountSummary: {} }) },
  ],
  error: [{ name: 'access denied', resource: withError(account({}), 'accountSummary'), code: 'AccessDenied' }],
});
