import { testCheck, withError } from '../../testing/index.ts';
import { role } from './lib/fixtures.ts';
import check from './iam_role_administratoraccess_policy.ts';

const admin = { policyName: 'AdministratorAccess', policyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' };
const readOnly = { policyName: 'ReadOnlyAccess', policyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' };
const lookalike = { policyName: 'AdministratorAccess', policyArn: 'arn:aws:iam::123456789012:policy/AdministratorAccess' };

testCheck(check, {
  pass: [
    { name: 'none', resource: role('x', { attachedPolicies: [] }), message: 'does not have' },
    { name: 'read only and a customer policy of the same name', resource: role('x', { attachedPolicies: [readOnly, lookalike] }) },
  ],
  fail: [
    { name: 'admin', resource: role('x', { attachedPolicies: [readOnly, admin] }), message: 'has the AdministratorAccess' },
    { name: 'GovCloud admin', resource: role('x', { attachedPolicies: [{ ...admin, policyArn: 'arn:aws-us-gov:iam::aws:policy/AdministratorAccess' }] }) },
  ],
  error: [{ name: 'denied', resource: withError(role('x', {}), 'attachedPolicies'), code: 'AccessDenied' }],
  notApplicable: [{ name: 'service-linked role', resource: role('x', { serviceLinked: true, attachedPolicies: [admin] }) }],
});
