import { testCheck, withError } from '../../testing/index.ts';
import { user } from './lib/fixtures.ts';
import check from './iam_policy_attached_only_to_group_or_roles.ts';

testCheck(check, {
  pass: [{ name: 'none', resource: user('alice', { attachedPolicies: [], inlinePolicies: [], groups: ['dev'] }), message: 'no policy attached' }],
  fail: [
    {
      name: 'managed',
      resource: user('alice', { attachedPolicies: [{ policyName: 'ReadOnlyAccess', policyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }], inlinePolicies: [] }),
      message: 'managed policies ReadOnlyAccess',
    },
    { name: 'inline', resource: user('alice', { attachedPolicies: [], inlinePolicies: [{ policyName: 's3', document: {} }] }), message: 'inline policies s3' },
  ],
  error: [
    { name: 'attached denied', resource: withError(user('alice', { inlinePolicies: [] }), 'attachedPolicies'), code: 'AccessDenied' },
    { name: 'inline denied', resource: withError(user('alice', { attachedPolicies: [] }), 'inlinePolicies') },
  ],
});
