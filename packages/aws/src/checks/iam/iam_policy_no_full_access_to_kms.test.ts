import { testCheck, withError } from '../../testing/index.ts';
import { doc, policy } from './lib/fixtures.ts';
import check from './iam_policy_no_full_access_to_kms.ts';

testCheck(check, {
  pass: [
    { name: 'read actions', resource: policy('p', { document: doc({ Effect: 'Allow', Action: ['kms:Describe*', 'kms:List*'], Resource: '*' }) }), message: 'does not allow full' },
    { name: 'NotAction excluding the service', resource: policy('p', { document: doc({ Effect: 'Allow', NotAction: 'kms:*', Resource: '*' }) }) },
    { name: 'denied', resource: policy('p', { document: doc({ Effect: 'Deny', Action: 'kms:*', Resource: '*' }) }) },
  ],
  fail: [
    { name: 'full access', resource: policy('p', { document: doc({ Effect: 'Allow', Action: 'kms:*', Resource: '*' }) }), message: '"kms:*"' },
    { name: 'upper-case, in an array', resource: policy('p', { document: doc({ Effect: 'Allow', Action: ['s3:GetObject', 'KMS:*'], Resource: 'arn:aws:x' }) }) },
    { name: 'NotAction leaving the service in', resource: policy('p', { document: doc({ Effect: 'Allow', NotAction: ['iam:*'], Resource: '*' }) }), message: 'through NotAction' },
  ],
  error: [{ name: 'denied', resource: withError(policy('p', {}), 'document'), code: 'AccessDenied' }],
  notApplicable: [{ name: 'aws managed', resource: policy('X', { awsManaged: true, document: doc({ Effect: 'Allow', Action: 'kms:*', Resource: '*' }) }) }],
});
