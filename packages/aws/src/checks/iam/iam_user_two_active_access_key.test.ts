import { testCheck, withError } from '../../testing/index.ts';
import { key, user } from './lib/fixtures.ts';
import check from './iam_user_two_active_access_key.ts';

testCheck(check, {
  pass: [
    { name: 'none', resource: user('alice', { accessKeys: [] }), message: 'no active access key' },
    { name: 'one active, one inactive', resource: user('alice', { accessKeys: [key({ accessKeyId: 'AKIA1' }), key({ accessKeyId: 'AKIA2', status: 'Inactive' })] }), message: 'one active' },
  ],
  fail: [{ name: 'two active', resource: user('alice', { accessKeys: [key({ accessKeyId: 'AKIA1' }), key({ accessKeyId: 'AKIA2' })] }), message: 'AKIA1, AKIA2' }],
  error: [{ name: 'keys denied', resource: withError(user('alice', {}), 'accessKeys'), code: 'AccessDenied' }],
});
