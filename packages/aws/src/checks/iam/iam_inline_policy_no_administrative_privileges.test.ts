import { testCheck, withError } from '../../testing/index.ts';
import { ADMIN, doc, inline } from './lib/fixtures.ts';
import check from './iam_inline_policy_no_administrative_privileges.ts';

testCheck(check, {
  pass: [{ name: 'scoped', resource: inline('s3', doc({ Effect: 'Allow', Action: 's3:*', Resource: 'arn:aws:s3:::b/*' })), message: 'does not allow' }],
  fail: [{ name: 'admin', resource: inline('all', ADMIN), message: 'app/all allows full' }],
  error: [{ name: 'malformed', resource: withError(inline('x', null), 'document', 'MalformedPolicyDocument'), code: 'MalformedPolicyDocument' }],
});
