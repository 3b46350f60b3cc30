import { testCheck, withError } from '../../testing/index.ts';
import { user } from './lib/fixtures.ts';
import check from './iam_user_administrator_access_policy.ts';

const admin = { policyName: 'AdministratorAccess', policyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' };
const readOnly = { policyName: 'ReadOnlyAccess', policyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' };
const lookalike = { policyName: 'AdministratorAccess', policyArn: 'arn:aws:iam::123456789012:policy/AdministratorAccess' };

testCheck(check, {
  pass: [
    { name: 'none', resource: user('x', { attachedPolicies: [] }), message: 'does not have' },
    { name: 'read only and a customer policy of the same name', resource: user('x', { attachedPolicies: [readOnly, lookalike] }) },
  ],
  fail: [
    { name: 'admin', resource: user('x', { attachedPolicies: [readOnly, admin] }), message: 'has the AdministratorAccess' },
    { name: 'GovCloud admin', resource: user('x', { attachedPolicies: [{ ...admin, policyArn: 'arn:aws-us-gov:iam::aws:policy/AdministratorAccess' }] }) },
  ],
  error: [{ name: 'denied', resource: withError(user('x', {}), 'attachedPolicies'), code: 'AccessDenied' }],
  
});
