import { testCheck, withError } from '../../testing/index.ts';
import { doc, policy } from './lib/fixtures.ts';
import check from './iam_no_custom_policy_permissive_role_assumption.ts';

testCheck(check, {
  pass: [
    { name: 'specific role', resource: policy('hop', { document: doc({ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: 'arn:aws:iam::111122223333:role/deploy' }) }), message: 'does not allow' },
    { name: 'other sts action', resource: policy('id', { document: doc({ Effect: 'Allow', Action: 'sts:GetCallerIdentity', Resource: '*' }) }) },
  ],
  fail: [
    { name: 'AssumeRole on *', resource: policy('hop', { document: doc({ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' }) }), message: 'sts:AssumeRole on every role' },
    { name: 'sts:* on *', resource: policy('sts', { document: doc({ Effect: 'Allow', Action: ['sts:*'], Resource: ['*'] }) }) },
    { name: 'mixed-case wildcard', resource: policy('sts2', { document: doc({ Effect: 'Allow', Action: 'STS:Assume*', Resource: '*' }) }) },
  ],
  error: [{ name: 'denied', resource: withError(policy('x', {}), 'document'), code: 'AccessDenied' }],
  notApplicable: [{ name: 'aws managed', resource: policy('AdministratorAccess', { awsManaged: true, document: doc({ Effect: 'Allow', Action: '*', Resource: '*' }) }) }],
});
