import { testCheck, withError } from '../../testing/index.ts';
import { reportRow, user } from './lib/fixtures.ts';
import check from './iam_user_mfa_enabled_console_access.ts';

testCheck(check, {
  pass: [
    { name: 'password and mfa', resource: user('alice', { credentialReport: reportRow({ passwordEnabled: true, mfaActive: true }) }), message: 'MFA enabled' },
    { name: 'no password', resource: user('alice', { credentialReport: reportRow({ passwordEnabled: false }) }), message: 'no console password' },
  ],
  fail: [{ name: 'password without mfa', resource: user('alice', { credentialReport: reportRow({ passwordEnabled: true }) }), message: 'but no MFA' }],
  manual: [{ name: 'not in the report', resource: user('alice', { credentialReport: null }), message: 'not in the credential report' }],
  error: [{ name: 'report denied', resource: withError(user('alice', {}), 'credentialReport'), code: 'AccessDenied' }],
});
