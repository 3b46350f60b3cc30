import { testCheck, withError } from '../../testing/index.ts';
import { account } from './lib/fixtures.ts';
import check from './iam_support_role_created.ts';

testCheck(check, {
  pass: [{ name: 'role', resource: account({ supportAccessEntities: { users: [], groups: [], roles: ['support'] } }), message: 'support' }],
  fail: [
    { name: 'only a user', resource: account({ supportAccessEntities: { users: ['bob'], groups: [], roles: [] } }), message: 'no IAM role' },
    { name: 'policy missing', resource: account({ supportAccessEntities: null }) },
  ],
  error: [{ name: 'access denied', resource: withError(account({}), 'supportAccessEntities'), code: 'AccessDenied' }],
});
