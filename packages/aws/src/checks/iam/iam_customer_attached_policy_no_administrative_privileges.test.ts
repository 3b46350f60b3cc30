import { testCheck, withError } from '../../testing/index.ts';
import { ADMIN, doc, policy } from './lib/fixtures.ts';
import check from './iam_customer_attached_policy_no_administrative_privileges.ts';

testCheck(check, {
  pass: [
    { name: 'scoped', resource: policy('app', { document: doc({ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }) }), message: 'does not allow' },
    { name: 'all actions on one bucket', resource: policy('app', { document: doc({ Effect: 'Allow', Action: '*', Resource: 'arn:aws:s3:::b' }) }) },
    { name: 'deny all', resource: policy('deny', { document: doc({ Effect: 'Deny', Action: '*', Resource: '*' }) }) },
    { name: 'empty document', resource: policy('empty', { document: null }) },
  ],
  fail: [
    { name: 'admin object statement', resource: policy('admin', { document: ADMIN }), message: 'Customer-managed policy admin allows full' },
    {
      name: 'admin in array, *:* form',
      resource: policy('admin2', { document: doc({ Effect: 'Allow', Action: 's3:*', Resource: '*' }, { Effect: 'Allow', Action: ['*:*'], Resource: ['*'] }) }),
    },
    { name: 'admin with NotResource', resource: policy('admin3', { document: doc({ Effect: 'Allow', Action: '*', NotResource: 'arn:aws:s3:::secret' }) }) },
  ],
  error: [{ name: 'document denied', resource: withError(policy('admin', {}), 'document'), code: 'AccessDenied' }],
  notApplicable: [
    { name: 'unattached', resource: policy('admin', { attachmentCount: 0, document: ADMIN }) },
    { name: 'aws managed', resource: policy('AdministratorAccess', { awsManaged: true, document: ADMIN }) },
  ],
});
