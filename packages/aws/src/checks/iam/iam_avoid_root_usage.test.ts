import { testCheck, withError } from '../../testing/index.ts';
import { account, ACCOUNT, reportRow } from './lib/fixtures.ts';
import check from './iam_avoid_root_usage.ts';

const root = (o: Parameters<typeof reportRow>[0]) =>
  account({ rootCredentialReport: reportRow({ user: '<root_account>', arn: `arn:aws:iam::${ACCOUNT}:root`, passwordEnabled: null, ...o }) });
const keys = (lastUsedDate: string | null) => [
  { slot: 1 as const, active: true, lastRotated: null, lastUsedDate, lastUsedService: 's3', lastUsedRegion: 'us-east-1' },
  { slot: 2 as const, active: false, lastRotated: null, lastUsedDate: null, lastUsedService: null, lastUsedRegion: null },
];

testCheck(check, {
  pass: [
    { name: 'never used', resource: root({}), message: 'not used in the last 30 days' },
    { name: 'used long ago', resource: root({ passwordLastUsed: '2026-01-01T00:00:00.000Z' }), message: 'last use 2026-01-01' },
    {
      name: 'shorter lookback',
      resource: root({ passwordLastUsed: '2026-10-20T00:00:00.000Z' }),
      options: { lookbackDays: 7 },
    },
  ],
  fail: [
    { name: 'console sign-in', resource: root({ passwordLastUsed: '2026-10-30T00:00:00.000Z' }), message: 'signed in to the console on 2026-10-30' },
    { name: 'access key used', resource: root({ accessKeys: keys('2026-10-25T10:00:00.000Z') }), message: 'used access key 1' },
  ],
  manual: [{ name: 'no root row', resource: account({ rootCredentialReport: null }), message: 'no root user row' }],
  error: [{ name: 'report denied', resource: withError(account({}), 'rootCredentialReport'), code: 'AccessDenied' }],
});
