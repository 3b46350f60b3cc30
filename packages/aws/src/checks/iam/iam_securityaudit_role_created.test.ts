import { testCheck, withError } from '../../testing/index.ts';
import { account } from './lib/fixtures.ts';
import check from './iam_securityaudit_role_created.ts';

testCheck(check, {
  pass: [{ name: 'role', resource: account({ securityAuditEntities: { users: [], groups: [], roles: ['audit'] } }), message: 'audit' }],
  fail: [
    { name: 'only a group', resource: account({ securityAuditEntities: { users: [], groups: ['auditors'], roles: [] } }), message: 'no IAM role' },
    { name: 'policy missing', resource: account({ securityAuditEntities: null }) },
  ],
  error: [{ name: 'access denied', resource: withError(account({}), 'securityAuditEntities'), code: 'AccessDenied' }],
});
