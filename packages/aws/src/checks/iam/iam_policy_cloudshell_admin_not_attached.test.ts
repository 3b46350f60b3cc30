import { testCheck, withError } from '../../testing/index.ts';
import { account } from './lib/fixtures.ts';
import check from './iam_policy_cloudshell_admin_not_attached.ts';

testCheck(check, {
  pass: [
    { name: 'not attached', resource: account({ cloudShellFullAccessEntities: { users: [], groups: [], roles: [] } }), message: 'attached to nothing' },
    { name: 'policy missing in the partition', resource: account({ cloudShellFullAccessEntities: null }) },
  ],
  fail: [
    {
      name: 'attached',
      resource: account({ cloudShellFullAccessEntities: { users: ['alice'], groups: [], roles: ['ops'] } }),
      message: 'users alice; roles ops',
    },
  ],
  error: [{ name: 'access denied', resource: withError(account({}), 'cloudShellFullAccessEntities'), code: 'AccessDenied' }],
});
