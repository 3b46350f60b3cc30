import { testCheck, withError } from '../../testing/index.ts';
import { ACCOUNT, doc, role } from './lib/fixtures.ts';
import check from './iam_role_cross_account_readonlyaccess_policy.ts';

const readOnly = [{ policyName: 'ReadOnlyAccess', policyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }];
const trust = (aws: string | string[]) => doc({ Effect: 'Allow', Principal: { AWS: aws }, Action: 'sts:AssumeRole' });

testCheck(check, {
  pass: [
    { name: 'no ReadOnlyAccess', resource: role('vendor', { attachedPolicies: [], assumeRolePolicyDocument: trust('111122223333') }), message: 'does not have' },
    { name: 'own account', resource: role('ops', { attachedPolicies: readOnly, assumeRolePolicyDocument: trust(`arn:aws:iam::${ACCOUNT}:root`) }), message: 'only its own account' },
    {
      name: 'service trust',
      resource: role('ec2', { attachedPolicies: readOnly, assumeRolePolicyDocument: doc({ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }) }),
    },
  ],
  fail: [
    { name: 'other account', resource: role('vendor', { attachedPolicies: readOnly, assumeRolePolicyDocument: trust(['arn:aws:iam::111122223333:role/x', ACCOUNT]) }), message: '111122223333' },
    { name: 'anyone', resource: role('open', { attachedPolicies: readOnly, assumeRolePolicyDocument: doc({ Effect: 'Allow', Principal: '*', Action: 'sts:AssumeRole' }) }), message: 'anyone' },
  ],
  error: [
    { name: 'policies denied', resource: withError(role('x', { assumeRolePolicyDocument: trust('111122223333') }), 'attachedPolicies'), code: 'AccessDenied' },
  ],
  notApplicable: [{ name: 'service-linked', resource: role('x', { serviceLinked: true, attachedPolicies: readOnly }) }],
});
