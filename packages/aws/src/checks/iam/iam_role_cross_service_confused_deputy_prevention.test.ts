import { testCheck, withError } from '../../testing/index.ts';
import { doc, role } from './lib/fixtures.ts';
import check from './iam_role_cross_service_confused_deputy_prevention.ts';

const service = (extra: object = {}) => ({ Effect: 'Allow', Principal: { Service: 'backup.amazonaws.com' }, Action: 'sts:AssumeRole', ...extra });

testCheck(check, {
  pass: [
    {
      name: 'source account condition',
      resource: role('backup', { assumeRolePolicyDocument: doc(service({ Condition: { StringEquals: { 'aws:SourceAccount': '123456789012' } } })) }),
      message: 'restricts',
    },
    {
      name: 'source arn condition, lower-case key',
      resource: role('backup', { assumeRolePolicyDocument: doc(service({ Condition: { ArnLike: { 'aws:sourcearn': 'arn:aws:backup:*:123456789012:*' } } })) }),
    },
    {
      name: 'only an account principal',
      resource: role('cross', { assumeRolePolicyDocument: { Statement: { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'sts:AssumeRole' } } }),
      message: 'does not let AWS services',
    },
    { name: 'service statement denied', resource: role('x', { assumeRolePolicyDocument: doc({ ...service(), Effect: 'Deny' }) }) },
  ],
  fail: [
    { name: 'no condition', resource: role('backup', { assumeRolePolicyDocument: doc(service()) }), message: 'backup.amazonaws.com' },
    {
      name: 'several services, one unconditioned',
      resource: role('multi', {
        assumeRolePolicyDocument: doc(
          service({ Condition: { StringEquals: { 'aws:SourceAccount': '123456789012' } } }),
          { Effect: 'Allow', Principal: { Service: ['lambda.amazonaws.com'] }, Action: ['sts:AssumeRole', 'sts:TagSession'] },
        ),
      }),
      message: 'lambda.amazonaws.com',
    },
    {
      name: 'unrelated condition',
      resource: role('x', { assumeRolePolicyDocument: doc(service({ Condition: { Bool: { 'aws:SecureTransport': 'true' } } })) }),
    },
  ],
  error: [{ name: 'malformed trust policy', resource: withError(role('x', {}), 'assumeRolePolicyDocument', 'MalformedPolicyDocument'), code: 'MalformedPolicyDocument' }],
  notApplicable: [{ name: 'service-linked', resource: role('AWSServiceRoleForBackup', { serviceLinked: true, assumeRolePolicyDocument: doc(service()) }) }],
});
