import { testCheck, withError } from '../../testing/index.ts';
import { doc, inline } from './lib/fixtures.ts';
import check from './iam_inline_policy_no_full_access_to_cloudtrail.ts';

testCheck(check, {
  pass: [{ name: 'scoped', resource: inline('p', doc({ Effect: 'Allow', Action: 'cloudtrail:Describe*', Resource: '*' })), message: 'does not allow full' }],
  fail: [{ name: 'full access', resource: inline('p', doc({ Effect: 'Allow', Action: 'cloudtrail:*', Resource: '*' })), message: 'Inline policy of role app/p allows' }],
  error: [{ name: 'malformed', resource: withError(inline('p', null), 'document', 'MalformedPolicyDocument'), code: 'MalformedPolicyDocument' }],
});
