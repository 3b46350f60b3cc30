import { testCheck, withError } from '../../testing/index.ts';
import { doc, policy } from './lib/fixtures.ts';
import check from './iam_policy_no_full_access_to_cloudtrail.ts';

testCheck(check, {
  pass: [
    { name: 'read actions', resource: policy('p', { document: doc({ Effect: 'Allow', Action: ['cloudtrail:Describe*', 'cloudtrail:List*'], Resource: '*' }) }), message: 'does not allow full' },
    { name: 'NotAction excluding the service', resource: policy('p', { document: doc({ Effect: 'Allow', NotAction: 'cloudtrail:*', Resource: '*' }) }) },
    { name: 'denied', resource: policy('p', { document: doc({ Effect: 'Deny', Action: 'cloudtrail:*', Resource: '*' }) }) },
  ],
  fail: [
    { name: 'full access', resource: policy('p', { document: doc({ Effect: 'Allow', Action: 'cloudtrail:*', Resource: '*' }) }), message: '"cloudtrail:*"' },
    { name: 'upper-case, in an array', resource: policy('p', { document: doc({ Effect: 'Allow', Action: ['s3:GetObject', 'CLOUDTRAIL:*'], Resource: 'arn:aws:x' }) }) },
    { name: 'NotAction leaving the service in', resource: policy('p', { document: doc({ Effect: 'Allow', NotAction: ['iam:*'], Resource: '*' }) }), message: 'through NotAction' },
  ],
  error: [{ name: 'denied', resource: withError(policy('p', {}), 'document'), code: 'AccessDenied' }],
  notApplicable: [{ name: 'aws managed', resource: policy('X', { awsManaged: true, document: doc({ Effect: 'Allow', Action: 'cloudtrail:*', Resource: '*' }) }) }],
});
