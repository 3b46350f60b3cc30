import { testCheck, withError } from '../../testing/index.ts';
import { key, user } from './lib/fixtures.ts';
import check from './iam_rotate_access_key_90_days.ts';

testCheck(check, {
  pass: [
    { name: 'no keys', resource: user('alice', { accessKeys: [] }), message: 'no active access key' },
    { name: 'young key', resource: user('alice', { accessKeys: [key({ accessKeyId: 'AKIA1', createDate: '2026-10-01T00:00:00Z' })] }), message: 'no older than 90' },
    { name: 'old but inactive', resource: user('alice', { accessKeys: [key({ accessKeyId: 'AKIA1', status: 'Inactive', createDate: '2024-01-01T00:00:00Z' })] }) },
    { name: 'option 365', resource: user('alice', { accessKeys: [key({ accessKeyId: 'AKIA1', createDate: '2026-03-01T00:00:00Z' })] }), options: { maxKeyAgeDays: 365 } },
  ],
  fail: [{ name: 'old key', resource: user('alice', { accessKeys: [key({ accessKeyId: 'AKIA1', createDate: '2026-03-01T00:00:00Z' })] }), message: 'AKIA1 (created 2026-03-01)' }],
  error: [{ name: 'keys denied', resource: withError(user('alice', {}), 'accessKeys'), code: 'AccessDenied' }],
});
