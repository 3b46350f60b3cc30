import { testCheck, withError } from '../../testing/index.ts';
import { user } from './lib/fixtures.ts';
import check from './iam_user_console_access_unused.ts';

const profile = (createDate: string) => ({ createDate, passwordResetRequired: false });

testCheck(check, {
  pass: [
    { name: 'no password', resource: user('alice', { loginProfile: null, passwordLastUsed: null }), message: 'no console password' },
    { name: 'recent sign-in', resource: user('alice', { loginProfile: profile('2025-01-01T00:00:00Z'), passwordLastUsed: '2026-10-30T00:00:00Z' }), message: '2026-10-30' },
    { name: 'new password', resource: user('alice', { loginProfile: profile('2026-10-20T00:00:00Z'), passwordLastUsed: null }), message: 'less than 45 days' },
  ],
  fail: [
    { name: 'old sign-in', resource: user('alice', { loginProfile: profile('2025-01-01T00:00:00Z'), passwordLastUsed: '2026-08-01T00:00:00Z' }), message: 'since 2026-08-01' },
    { name: 'never used', resource: user('alice', { loginProfile: profile('2026-01-01T00:00:00Z'), passwordLastUsed: null }), message: 'never used' },
    {
      name: 'option 30 days',
      resource: user('alice', { loginProfile: profile('2025-01-01T00:00:00Z'), passwordLastUsed: '2026-09-20T00:00:00Z' }),
      options: { maxUnusedDays: 30 },
    },
  ],
  error: [{ name: 'profile denied', resource: withError(user('alice', { passwordLastUsed: null }), 'loginProfile'), code: 'AccessDenied' }],
});
