import { testCheck, withError } from '../../testing/index.ts';
import { ADMIN, doc, policy } from './lib/fixtures.ts';
import check from './iam_aws_attached_policy_no_administrative_privileges.ts';

testCheck(check, {
  pass: [
    {
      name: 'read only',
      resource: policy('ReadOnlyAccess', { awsManaged: true, document: doc({ Effect: 'Allow', Action: ['s3:Get*', 'ec2:Describe*'], Resource: '*' }) }),
      message: 'does not allow',
    },
    {
      name: 'power user (NotAction)',
      resource: policy('PowerUserAccess', { awsManaged: true, document: doc({ Effect: 'Allow', NotAction: ['iam:*', 'organizations:*'], Resource: '*' }) }),
    },
  ],
  fail: [{ name: 'administrator', resource: policy('AdministratorAccess', { awsManaged: true, document: ADMIN }), message: 'AWS-managed policy AdministratorAccess allows full' }],
  error: [{ name: 'version denied', resource: withError(policy('AdministratorAccess', { awsManaged: true }), 'document'), code: 'AccessDenied' }],
  notApplicable: [
    { name: 'unattached', resource: policy('AdministratorAccess', { awsManaged: true, attachmentCount: 0, document: ADMIN }) },
    { name: 'customer policy', resource: policy('admin', { awsManaged: false, document: ADMIN }) },
  ],
});
