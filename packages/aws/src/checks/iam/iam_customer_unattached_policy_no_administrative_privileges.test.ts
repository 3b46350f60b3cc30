import { testCheck, withError } from '../../testing/index.ts';
import { ADMIN, doc, policy } from './lib/fixtures.ts';
import check from './iam_customer_unattached_policy_no_administrative_privileges.ts';

testCheck(check, {
  pass: [{ name: 'scoped', resource: policy('old', { attachmentCount: 0, document: doc({ Effect: 'Allow', Action: 'ec2:Describe*', Resource: '*' }) }), message: 'does not allow' }],
  fail: [{ name: 'admin', resource: policy('spare-admin', { attachmentCount: 0, document: ADMIN }), message: 'spare-admin allows full' }],
  error: [{ name: 'denied', resource: withError(policy('x', { attachmentCount: 0 }), 'document'), code: 'AccessDenied' }],
  notApplicable: [{ name: 'attached', resource: policy('admin', { attachmentCount: 2, document: ADMIN }) }],
});
