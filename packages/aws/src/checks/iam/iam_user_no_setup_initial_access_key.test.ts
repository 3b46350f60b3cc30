import { testCheck, withError } from '../../testing/index.ts';
import { reportRow, user } from './lib/fixtures.ts';
import check from './iam_user_no_setup_initial_access_key.ts';

const keys = (active: boolean, lastUsedDate: string | null) => [
  { slot: 1 as const, active, lastRotated: '2026-01-01T00:00:00Z', lastUsedDate, lastUsedService: null, lastUsedRegion: null },
  { slot: 2 as const, active: false, lastRotated: null, lastUsedDate: null, lastUsedService: null, lastUsedRegion: null },
];

testCheck(check, {
  pass: [
    { name: 'no password', resource: user('alice', { credentialReport: reportRow({ passwordEnabled: false, accessKeys: keys(true, null) }) }), message: 'no console password' },
    { name: 'key used', resource: user('alice', { credentialReport: reportRow({ passwordEnabled: true, accessKeys: keys(true, '2026-10-01T00:00:00Z') }) }), message: 'no active access key that was never used' },
    { name: 'unused key inactive', resource: user('alice', { credentialReport: reportRow({ passwordEnabled: true, accessKeys: keys(false, null) }) }) },
  ],
  fail: [{ name: 'unused active key', resource: user('alice', { credentialReport: reportRow({ passwordEnabled: true, accessKeys: keys(true, null) }) }), message: 'access key 1' }],
  manual: [{ name: 'not in report', resource: user('alice', { credentialReport: null }) }],
  error: [{ name: 'report denied', resource: withError(user('alice', {}), 'credentialReport'), code: 'AccessDenied' }],
});
