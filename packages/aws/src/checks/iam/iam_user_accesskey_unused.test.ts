import { testCheck, withError } from '../../testing/index.ts';
import { key, user } from './lib/fixtures.ts';
import check from './iam_user_accesskey_unused.ts';

// "now" is 2026-11-01.
testCheck(check, {
  pass: [
    { name: 'no keys', resource: user('alice', { accessKeys: [] }), message: 'no active access key' },
    { name: 'recently used', resource: user('alice', { accessKeys: [key({ accessKeyId: 'AKIA1', createDate: '2025-01-01T00:00:00Z', lastUsedDate: '2026-10-20T00:00:00Z' })] }), message: 'in the last 45 days' },
    { name: 'new, unused', resource: user('alice', { accessKeys: [key({ accessKeyId: 'AKIA1', createDate: '2026-10-25T00:00:00Z' })] }) },
    { name: 'stale but inactive', resource: user('alice', { accessKeys: [key({ accessKeyId: 'AKIA1', status: 'Inactive', createDate: '2025-01-01T00:00:00Z' })] }) },
  ],
  fail: [
    {
      name: 'used long ago',
      resource: user('alice', { accessKeys: [key({ accessKeyId: 'AKIA1', createDate: '2025-01-01T00:00:00Z', lastUsedDate: '2026-08-01T00:00:00Z' })] }),
      message: 'AKIA1 (last used 2026-08-01)',
    },
    {
      name: 'never used, old',
      resource: user('alice', { accessKeys: [key({ accessKeyId: 'AKIA2', createDate: '2026-01-01T00:00:00Z' })] }),
      message: 'never used, created 2026-01-01',
    },
    {
      name: 'shorter option',
      resource: user('alice', { accessKeys: [key({ accessKeyId: 'AKIA1', createDate: '2025-01-01T00:00:00Z', lastUsedDate: '2026-10-20T00:00:00Z' })] }),
      options: { maxUnusedDays: 7 },
    },
  ],
  error: [{ name: 'keys denied', resource: withError(user('alice', {}), 'accessKeys'), code: 'AccessDenied' }],
});
